"""Follow-up storage: every action item in one query, inline changes with history, reviews.

:class:`FollowUpService` shares the engine and sessions of a
:class:`~facilitator.storage.service.DebriefService`; like it, each call opens
one short transaction and hands back domain values, never rows. A change made
here raises the debrief's stored revision, as any save does, so a copy loaded
earlier knows it is behind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.domain.model import Participant
from facilitator.domain.model import new_id as _new_id
from facilitator.followup.checkpoints import (
    CheckpointState,
    DebriefCheckpoint,
    Reminder,
    checkpoint_state,
    reminder,
)
from facilitator.followup.records import OPEN_STATUSES, ActionRecord, HistoryEntry
from facilitator.followup.review import (
    Choice,
    Decision,
    DecisionRecord,
    Review,
    ReviewKind,
    decision_record,
)
from facilitator.storage.errors import NotFoundError
from facilitator.storage.followup_rows import (
    action_queries,
    decision_columns,
    records_from,
    review_from,
    stored,
)
from facilitator.storage.orm import (
    ActionHistoryRow,
    ActionRow,
    DebriefRow,
    DecisionRow,
    FactorRow,
    ListItemRow,
    ParticipantRow,
    ReviewRow,
)
from facilitator.storage.service import DebriefService

#: Fields of an action item the board and the reviews may change.
EDITABLE = ("status", "owner", "priority", "due", "ticket")
_OPEN = tuple(s.value for s in OPEN_STATUSES)


def _now() -> datetime:
    return datetime.now(UTC)


def _text(value: Any) -> str:
    """A field value as the history stores it: enum values, ISO dates, "" for none."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


class FollowUpService:
    """Action items across debriefs, their history, and checkpoint and monthly reviews."""

    def __init__(self, service: DebriefService) -> None:
        self.debriefs = service

    @contextmanager
    def _session(self) -> Iterator[Session]:
        # The debrief service's sessions turn driver errors into StorageError sentences.
        with self.debriefs._session() as session:
            yield session

    # -- the board -------------------------------------------------------------------------

    def actions(self, debrief_id: str | None = None) -> list[ActionRecord]:
        """Every titled action item (of one debrief, or all), in debrief then item order.

        Four plain queries (items, their debriefs, labels, factors) joined here:
        the debrief's columns are read once per debrief, not once per item, and
        repeated values (dates, enums, answers) are converted once each.
        """
        items, debriefs, labels, factors = action_queries(debrief_id)
        with self._session() as session:
            connection = session.connection()
            rows = connection.execute(items).all()
            about = {r[0]: r for r in connection.execute(debriefs).all()}
            lists: dict[str, dict[str, list[str]]] = defaultdict(
                lambda: {"services": [], "tags": []}
            )
            for owner_id, section, text in connection.execute(
                labels.order_by(ListItemRow.debrief_id, ListItemRow.position)
            ).all():
                if text.strip():
                    lists[owner_id][section].append(text)
            factor_texts: dict[str, list[str]] = defaultdict(list)
            for owner_id, text in connection.execute(
                factors.order_by(FactorRow.debrief_id, FactorRow.position)
            ).all():
                factor_texts[owner_id].append(text)
        return records_from(rows, about, lists, factor_texts)

    def participants(self, debrief_ids: Iterable[str]) -> dict[str, list[Participant]]:
        """The participants of each debrief named (for names-as-roles on the shared screen)."""
        ids = list(set(debrief_ids))
        result: dict[str, list[Participant]] = {i: [] for i in ids}
        if not ids:
            return result
        with self._session() as session:
            query = (
                select(ParticipantRow.debrief_id, ParticipantRow.name, ParticipantRow.role)
                .where(ParticipantRow.debrief_id.in_(ids))
                .order_by(ParticipantRow.debrief_id, ParticipantRow.position)
            )
            for owner_id, name, role in session.execute(query):
                result[owner_id].append(Participant(name, role))
        return result

    def update(
        self,
        debrief_id: str,
        item_uid: str,
        who: str,
        *,
        note: str = "",
        review_id: str | None = None,
        **changes: Any,
    ) -> list[HistoryEntry]:
        """Change fields of one action item now, recording each change; return the entries.

        ``changes`` are among :data:`EDITABLE` (status, owner, priority, due, ticket).

        Raises:
            NotFoundError: the item (or its debrief) is no longer stored.
            ValueError: a field that cannot be changed here.
        """
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))} from the board")
        with self._session() as session:
            return self._update(session, debrief_id, item_uid, who, note, review_id, changes)

    def _update(
        self,
        session: Session,
        debrief_id: str,
        item_uid: str,
        who: str,
        note: str,
        review_id: str | None,
        changes: dict[str, Any],
    ) -> list[HistoryEntry]:
        row = session.scalars(
            select(ActionRow).where(ActionRow.debrief_id == debrief_id, ActionRow.uid == item_uid)
        ).first()
        if row is None:
            raise NotFoundError(
                "This action item is no longer stored; it may have been deleted in another window."
            )
        now = _now()
        entries = []
        for name, value in changes.items():
            old = getattr(row, name)
            new = stored(name, value)
            if old == new:
                continue
            setattr(row, name, new)
            entry = HistoryEntry(now, who, name, _text(old), _text(new), note)
            entries.append(entry)
            session.add(
                ActionHistoryRow(
                    debrief_id=debrief_id,
                    item_uid=item_uid,
                    at=now,
                    who=who,
                    field=name,
                    old=entry.old,
                    new=entry.new,
                    note=note,
                    review_id=review_id,
                )
            )
        if entries:
            self._touch(session, debrief_id, now)
        return entries

    def _touch(self, session: Session, debrief_id: str, now: datetime) -> DebriefRow:
        debrief = session.get(DebriefRow, debrief_id)
        if debrief is None:
            raise NotFoundError(f"No debrief has the id {debrief_id}.")
        debrief.revision = (debrief.revision or 0) + 1
        debrief.updated_at = now
        return debrief

    def history(self, debrief_id: str, item_uid: str) -> list[HistoryEntry]:
        """Every recorded change to one item, oldest first."""
        query = (
            select(ActionHistoryRow)
            .where(ActionHistoryRow.debrief_id == debrief_id, ActionHistoryRow.item_uid == item_uid)
            .order_by(ActionHistoryRow.id)
        )
        with self._session() as session:
            return [
                HistoryEntry(h.at, h.who, h.field, h.old, h.new, h.note)
                for h in session.scalars(query)
            ]

    # -- reviews ---------------------------------------------------------------------------

    def start_review(
        self,
        kind: ReviewKind,
        who: str,
        held_on: date,
        debrief_id: str | None = None,
    ) -> Review:
        """Open a review (stored at once, so decisions saved during it belong somewhere)."""
        if kind is ReviewKind.CHECKPOINT and debrief_id is None:
            raise ValueError("a checkpoint reviews one debrief")
        review = Review(_new_id(), kind, held_on, who, debrief_id)
        with self._session() as session:
            if debrief_id is not None and session.get(DebriefRow, debrief_id) is None:
                raise NotFoundError(f"No debrief has the id {debrief_id}.")
            session.add(
                ReviewRow(
                    id=review.id,
                    kind=str(kind),
                    held_on=held_on,
                    held_by=who,
                    debrief_id=debrief_id,
                    finished=False,
                    started_at=_now(),
                )
            )
        return review

    def decide(
        self, review_id: str, before: ActionRecord, choice: Choice, who: str
    ) -> DecisionRecord:
        """Record the room's decision on ``before`` (the item as the review found it) and apply it.

        Deciding again on the same item replaces the earlier decision; the item's
        history keeps both changes.
        """
        now = _now()
        record = decision_record(before, choice, now)
        label = {Decision.DROPPED: "dropped", Decision.STILL_RELEVANT: "still relevant"}.get(
            choice.decision, str(choice.decision).replace("_", " ")
        )
        reason = f": {record.reason}" if record.reason else ""
        note = f"{label} at the review{reason}"
        with self._session() as session:
            review = session.get(ReviewRow, review_id)
            if review is None:
                raise NotFoundError("This review is no longer stored.")
            row = next((d for d in review.decisions if d.item_uid == before.uid), None)
            if row is None:
                row = DecisionRow(review_id=review_id, item_uid=before.uid)
                review.decisions.append(row)
            for name, value in decision_columns(record).items():
                setattr(row, name, value)
            self._update(
                session,
                before.debrief_id,
                before.uid,
                who,
                note,
                review_id,
                {
                    "status": record.after_status,
                    "priority": record.after_priority,
                    "due": record.after_due,
                },
            )
        return record

    def finish_review(
        self, review_id: str, *, held_on: date, next_checkpoint: date | None = None
    ) -> Review:
        """Close a review; a checkpoint sets its debrief's checkpoint date.

        The date becomes ``next_checkpoint`` when another one is planned, else the
        day this one was held, so the debrief's page shows it as held.
        """
        with self._session() as session:
            row = session.get(ReviewRow, review_id)
            if row is None:
                raise NotFoundError("This review is no longer stored.")
            row.held_on = held_on
            row.next_checkpoint = next_checkpoint
            row.finished = True
            if row.debrief_id is not None and row.kind == ReviewKind.CHECKPOINT:
                debrief = self._touch(session, row.debrief_id, _now())
                debrief.checkpoint_at = next_checkpoint or held_on
            return review_from(row)

    def review(self, review_id: str) -> Review:
        """One review with its decisions."""
        with self._session() as session:
            row = session.get(ReviewRow, review_id)
            if row is None:
                raise NotFoundError("This review is no longer stored.")
            return review_from(row)

    def reviews(self, debrief_id: str | None = None) -> list[Review]:
        """Finished reviews, newest first (those of one debrief when given)."""
        query = select(ReviewRow).where(ReviewRow.finished.is_(True))
        if debrief_id is not None:
            query = query.where(ReviewRow.debrief_id == debrief_id)
        with self._session() as session:
            rows = session.scalars(
                query.order_by(ReviewRow.held_on.desc(), ReviewRow.started_at.desc())
            )
            return [review_from(r) for r in rows]

    # -- checkpoints and reminders ---------------------------------------------------------

    def last_held(self) -> dict[str, date]:
        """The day each debrief's latest finished checkpoint was held."""
        query = (
            select(ReviewRow.debrief_id, func.max(ReviewRow.held_on))
            .where(ReviewRow.finished.is_(True), ReviewRow.kind == str(ReviewKind.CHECKPOINT))
            .group_by(ReviewRow.debrief_id)
        )
        with self._session() as session:
            # max() over the ISO text column comes back as text, not through the column type.
            return {
                debrief: value if isinstance(value, date) else date.fromisoformat(value)
                for debrief, value in session.execute(query)
                if debrief and value
            }

    def checkpoints(self, today: date) -> list[DebriefCheckpoint]:
        """Every debrief with open items or a checkpoint date, and its checkpoint state."""
        open_counts = (
            select(ActionRow.debrief_id, func.count())
            .where(ActionRow.status.in_(_OPEN), ActionRow.title != "")
            .group_by(ActionRow.debrief_id)
        )
        debriefs = select(DebriefRow.id, DebriefRow.title, DebriefRow.checkpoint_at)
        with self._session() as session:
            counts = {d: int(n) for d, n in session.execute(open_counts)}
            rows = session.execute(debriefs).all()
        held = self.last_held()
        result = []
        for debrief_id, title, checkpoint_at in rows:
            n = counts.get(debrief_id, 0)
            if not n and checkpoint_at is None:
                continue
            state = checkpoint_state(checkpoint_at, n, held.get(debrief_id), today)
            result.append(DebriefCheckpoint(debrief_id, title, state))
        return result

    def checkpoint_of(self, debrief_id: str, today: date) -> CheckpointState:
        """One debrief's checkpoint state on ``today``."""
        with self._session() as session:
            debrief = session.get(DebriefRow, debrief_id)
            if debrief is None:
                raise NotFoundError(f"No debrief has the id {debrief_id}.")
            checkpoint_at = debrief.checkpoint_at
            n = session.scalar(
                select(func.count()).where(
                    ActionRow.debrief_id == debrief_id,
                    ActionRow.status.in_(_OPEN),
                    ActionRow.title != "",
                )
            )
        return checkpoint_state(checkpoint_at, int(n or 0), self.last_held().get(debrief_id), today)

    def reminder(self, today: date) -> Reminder:
        """What needs attention today: checkpoints due or overdue, and items past due."""
        query = select(func.count()).where(
            ActionRow.status.in_(_OPEN), ActionRow.due < today, ActionRow.title != ""
        )
        with self._session() as session:
            past_due = int(session.scalar(query) or 0)
        return reminder(self.checkpoints(today), past_due)

"""ReviewController: the state of a checkpoint or monthly review while the room holds it.

It owns the list of items (as the review found them), the decision taken on
each, and which item is under discussion. Every decision is saved through the
service the moment it is complete; notes are saved after a short pause in
typing. The shared screen reads :meth:`room_view`, built by the pure
:func:`~facilitator.domain.room_review.review_content`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.domain.model import Participant, Priority
from facilitator.domain.room_review import ReviewScreen, ReviewScreenItem, review_content
from facilitator.domain.room_view import RoomOptions, RoomView
from facilitator.followup.checkpoints import propose_next
from facilitator.followup.records import STATUS_LABELS, ActionRecord
from facilitator.followup.review import (
    DECISION_LABELS,
    Choice,
    Decision,
    Review,
    ReviewError,
    ReviewKind,
    outcome,
)
from facilitator.storage import StorageError
from facilitator.storage.followup import FollowUpService

#: Notes are saved this long after the last keystroke.
NOTE_DELAY_MS = 500


class ReviewController(QObject):
    """One review in progress.

    Signals:
        changed(): the current item, a decision or a note changed (the shared screen redraws).
        failed(str): something could not be saved; the text says why.
        finished(): the review was closed and its summary can be written.
    """

    changed = Signal()
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self,
        follow: FollowUpService,
        kind: ReviewKind,
        items: list[ActionRecord],
        who: str,
        *,
        heading: str,
        debrief_id: str | None = None,
        today: date | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.follow = follow
        self.kind = kind
        self.items = list(items)
        self.who = who
        self.heading = heading
        self.debrief_id = debrief_id
        self.today = today or date.today()
        self.index = 0
        self.choices: dict[str, Choice] = {}
        self.notes: dict[str, str] = {}
        self.result: Review | None = None
        self._people: dict[str, list[Participant]] = {}
        self.review = follow.start_review(kind, who, self.today, debrief_id)
        try:
            self._people = follow.participants(r.debrief_id for r in self.items)
        except StorageError:
            self._people = {}
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_notes)
        self._pending_notes: set[str] = set()

    # -- where we are ----------------------------------------------------------------------

    @property
    def monthly(self) -> bool:
        return self.kind is ReviewKind.MONTHLY

    @property
    def current(self) -> ActionRecord | None:
        return self.items[self.index] if self.items else None

    def go(self, index: int) -> None:
        """Discuss item ``index`` (clamped to the list)."""
        if not self.items:
            return
        index = max(0, min(index, len(self.items) - 1))
        if index != self.index:
            self.flush_notes()
            self.index = index
            self.changed.emit()

    def step(self, delta: int) -> None:
        self.go(self.index + delta)

    def choice_of(self, record: ActionRecord) -> Choice | None:
        return self.choices.get(record.uid)

    def after(self, record: ActionRecord) -> ActionRecord:
        """The item as it stands after its decision (as found when undecided)."""
        choice = self.choices.get(record.uid)
        return outcome(record, choice) if choice else record

    def open_after(self) -> int:
        """Items still open once the decisions apply."""
        return sum(1 for r in self.items if self.after(r).is_open)

    def decided(self) -> int:
        return len(self.choices)

    def proposed_next(self) -> date | None:
        return propose_next(self.today, self.open_after())

    # -- decisions -------------------------------------------------------------------------

    def decide(
        self,
        decision: Decision,
        *,
        reason: str | None = None,
        due: date | None = None,
        priority: Priority | None = None,
    ) -> bool:
        """Record ``decision`` for the current item; False (with ``failed``) if it cannot be."""
        record = self.current
        if record is None:
            return False
        previous = self.choices.get(record.uid)
        if reason is None:
            reason = previous.reason if previous else ""
        choice = Choice(
            decision,
            note=self.notes.get(record.uid, ""),
            reason=reason,
            due=due if decision is Decision.STILL_RELEVANT else None,
            priority=priority if decision is Decision.STILL_RELEVANT else None,
        )
        try:
            outcome(record, choice)
        except ReviewError as exc:
            self.failed.emit(str(exc))
            return False
        if not self._save(record, choice):
            return False
        self.choices[record.uid] = choice
        self._pending_notes.discard(record.uid)
        self.changed.emit()
        return True

    def set_note(self, text: str) -> None:
        """The room's note on the current item; saved with its decision after a pause."""
        record = self.current
        if record is None:
            return
        self.notes[record.uid] = text
        if record.uid in self.choices:
            self._pending_notes.add(record.uid)
            self._note_timer.start()
        self.changed.emit()

    def flush_notes(self) -> None:
        """Save notes typed since their item's last save."""
        self._note_timer.stop()
        for uid in list(self._pending_notes):
            record = next((r for r in self.items if r.uid == uid), None)
            choice = self.choices.get(uid)
            if record is None or choice is None:
                continue
            updated = replace(choice, note=self.notes.get(uid, ""))
            if self._save(record, updated):
                self.choices[uid] = updated
        self._pending_notes.clear()

    def _save(self, record: ActionRecord, choice: Choice) -> bool:
        try:
            self.follow.decide(self.review.id, record, choice, self.who)
        except StorageError as exc:
            self.failed.emit(str(exc))
            return False
        return True

    def finish(self, held_on: date, next_checkpoint: date | None) -> Review | None:
        """Close the review; a checkpoint sets its debrief's checkpoint date."""
        self.flush_notes()
        try:
            self.result = self.follow.finish_review(
                self.review.id, held_on=held_on, next_checkpoint=next_checkpoint
            )
        except StorageError as exc:
            self.failed.emit(str(exc))
            return None
        self.finished.emit()
        self.changed.emit()
        return self.result

    # -- what the room sees ----------------------------------------------------------------

    def screen(self) -> ReviewScreen:
        items = []
        for r in self.items:
            after = self.after(r)
            choice = self.choices.get(r.uid)
            items.append(
                ReviewScreenItem(
                    title=r.title,
                    owner=r.owner,
                    priority=after.priority.value if after.priority else "",
                    due=after.due,
                    status=STATUS_LABELS[after.status],
                    decision=DECISION_LABELS[choice.decision] if choice else "",
                    note=self.notes.get(r.uid, ""),
                    reason=choice.reason if choice else "",
                    answers=r.answers_text,
                    debrief_title=r.debrief_title,
                    people=tuple(self._people.get(r.debrief_id, ())),
                )
            )
        return ReviewScreen(
            self.heading,
            tuple(items),
            self.index,
            self.today,
            monthly=self.monthly,
            finished=self.result is not None,
            next_checkpoint=self.result.next_checkpoint if self.result else None,
        )

    def room_view(self, options: RoomOptions) -> RoomView:
        """The shared screen's view of this review."""
        return review_content(self.screen(), options)

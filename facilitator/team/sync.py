"""Publishing to the team library and syncing both ways.

For each published debrief the local store keeps the public copy both sides
last agreed on (the *base*) and the team revision it had. A sync:

- pushes when the local public content moved from the base: the team save
  merges with any team change made since (so the team keeps both);
- pulls when the team revision moved: the team's content is merged into the
  local copy against the base, keeping local private fields;
- brings down team debriefs this machine does not have yet, in bulk.

Every step is its own transaction on each side, so a connection lost in the
middle loses nothing, and the next sync repeats nothing: items carry ids, and
merging content that is already there changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from facilitator.domain.changes import diff
from facilitator.domain.interchange import dumps, loads
from facilitator.domain.model import Debrief, DebriefSummary
from facilitator.storage import DebriefService, ReadOnlyError, StorageError, UnreachableError
from facilitator.storage import sync_states as states
from facilitator.storage.sync_states import SyncState
from facilitator.team.connection import TeamError, describe, server_url
from facilitator.team.public import public_copy, with_public

log = logging.getLogger(__name__)

#: Marks of a local debrief (see :meth:`TeamSync.marks`); absent means local only.
PUBLISHED = "published"
WAITING = "waiting"


@dataclass
class SyncReport:
    """What one sync did, and whether the team library was reachable."""

    online: bool = True
    pushed: list[str] = field(default_factory=list)
    pulled: list[str] = field(default_factory=list)
    brought_down: int = 0
    conflicts: int = 0
    problem: str = ""

    @property
    def changed_ids(self) -> set[str]:
        """Local debriefs this sync changed (open windows should pick these up)."""
        return set(self.pulled) | set(self.pushed)


@dataclass(frozen=True)
class TeamStatus:
    """Online or offline, changes waiting to be published, and our role."""

    online: bool
    waiting: int
    role: str
    problem: str = ""


class TeamSync:
    """Publishes and syncs between ``local`` and the team library at ``team_url``."""

    def __init__(self, local: DebriefService, team_url: str) -> None:
        self.local = local
        self.team_url = team_url
        self._team: DebriefService | None = None

    # -- the connection ------------------------------------------------------------------

    def team(self) -> DebriefService:
        """The team library's service, connected on first use (raises TeamError)."""
        if self._team is None:
            try:
                self._team = DebriefService(
                    server_url(self.team_url), maintenance=False, migrate=False
                )
            except UnreachableError as exc:
                raise describe(exc, self.team_url) from exc
        return self._team

    def close(self) -> None:
        """Drop the connection (a later call reconnects)."""
        if self._team is not None:
            self._team.close()
            self._team = None

    @property
    def role(self) -> str:
        """ "editor" or "reader" (connects if needed)."""
        return "reader" if self.team().read_only else "editor"

    # -- publishing and syncing ----------------------------------------------------------

    def publish(self, debrief_id: str) -> SyncReport:
        """Publish a local debrief, or push its changes if it is published already."""
        report = SyncReport()
        known = states.all_states(self.local).get(debrief_id)
        try:
            if known is None and self.team().exists(debrief_id):
                # The same debrief is on the team already (published from another machine
                # before this one had it): merge with it rather than over it.
                known = SyncState(debrief_id, -1, -1, "")
            self._sync_one(debrief_id, known, report, force_push=True)
        except (StorageError, TeamError) as exc:
            self._failed(exc, report)
        return report

    def is_published(self, debrief_id: str) -> bool:
        """Tell whether a local debrief is published from this machine."""
        return debrief_id in states.all_states(self.local)

    def sync(self) -> SyncReport:
        """Push and pull every published debrief that moved, and bring down new ones."""
        report = SyncReport()
        try:
            known = states.all_states(self.local)
            team_revisions = states.revisions(self.team())
            local_revisions = states.revisions(self.local)
            for debrief_id, state in known.items():
                if debrief_id not in local_revisions:
                    continue  # deleted here: it stays on the team library
                if debrief_id not in team_revisions and state.team_revision > 0:
                    # Deleted from the team library: the local copy stays, as local only.
                    states.drop_state(self.local, debrief_id)
                    continue
                moved_here = local_revisions[debrief_id] != state.local_revision
                moved_there = team_revisions.get(debrief_id, 0) != state.team_revision
                if moved_here or moved_there:
                    self._sync_one(debrief_id, state, report)
            missing = [i for i in team_revisions if i not in known and i not in local_revisions]
            report.brought_down = self._bring_down(missing)
        except (StorageError, TeamError) as exc:
            self._failed(exc, report)
        return report

    def bring_down(self, debrief_id: str) -> Debrief:
        """Copy one team debrief into the local store (to open it) and return it."""
        try:
            self._bring_down([debrief_id])
        except (StorageError, TeamError):
            self.close()
            raise
        return self.local.load(debrief_id)

    def team_list(self) -> list[DebriefSummary]:
        """The team library's debriefs (raises TeamError or StorageError when unreachable)."""
        return self.team().list()

    def status(self) -> TeamStatus:
        """Online or not, and how many published debriefs have local changes to push."""
        waiting = self.waiting()
        try:
            role = self.role
            self.team().revision_of("")  # a round trip: are we really online?
        except (StorageError, TeamError) as exc:
            self.close()
            return TeamStatus(False, waiting, "", str(exc))
        return TeamStatus(True, waiting, role)

    def waiting(self) -> int:
        """Published debriefs whose public content changed here since the last sync."""
        return len(self._waiting_ids(states.all_states(self.local)))

    def marks(self) -> dict[str, str]:
        """How each published local debrief stands: :data:`PUBLISHED` or :data:`WAITING`.

        A local debrief missing from the result is local only. Reads the local store only.
        """
        known = states.all_states(self.local)
        present = states.revisions(self.local)
        waiting = self._waiting_ids(known)
        return {i: WAITING if i in waiting else PUBLISHED for i in known if i in present}

    def _waiting_ids(self, known: dict[str, SyncState]) -> set[str]:
        revisions = states.revisions(self.local)
        moved = [i for i, s in known.items() if i in revisions and revisions[i] != s.local_revision]
        found: set[str] = set()
        for debrief in states.load_many(self.local, moved):
            base = known[debrief.id].base
            if not base or diff(loads(base), public_copy(debrief)):
                found.add(debrief.id)
        return found

    # -- one debrief ---------------------------------------------------------------------

    def _sync_one(
        self,
        debrief_id: str,
        state: SyncState | None,
        report: SyncReport,
        *,
        force_push: bool = False,
    ) -> None:
        team = self.team()
        local = self.local.load(debrief_id)
        ours = public_copy(local)
        base = loads(state.base) if state is not None and state.base else None
        team_revision = team.revision_of(debrief_id)
        if state is not None and team_revision is not None and team_revision < state.team_revision:
            # The team library went back in time (restored from a backup): what it holds no
            # longer descends from our base, so merge without one and keep both sides.
            base = None
        local_changed = force_push or base is None or bool(diff(base, ours))
        if local_changed and team.read_only:
            if force_push:
                raise ReadOnlyError(
                    "Your account may only read the team library: ask for the editor role."
                )
            local_changed = False
        if local_changed:
            ours.revision = (
                state.team_revision if state is not None and state.team_revision > 0 else 0
            )
            result = team.save(ours, base=base, touch=False)
            stored = result.merged if result.merged is not None else ours
            report.conflicts += len(result.conflicts)
            report.pushed.append(debrief_id)
        else:
            stored = team.load(debrief_id)
            report.pulled.append(debrief_id)
        target = with_public(local, stored)
        record = local.revision
        if diff(local, target):
            saved = self.local.save(target, base=local, touch=False)
            # A local edit merged in meanwhile is not on the team yet: compare contents next time.
            record = saved.revision if saved.merged is None else -1
            if debrief_id not in report.pulled:
                report.pulled.append(debrief_id)
        published = state.published_at if state is not None else None
        states.put_state(
            self.local,
            SyncState(
                debrief_id,
                stored.revision,
                record,
                dumps(public_copy(stored)),
                published or datetime.now(UTC),
            ),
        )

    def _bring_down(self, ids: list[str]) -> int:
        if not ids:
            return 0
        team = self.team()
        fetched = states.load_many(team, ids)
        if not fetched:
            raise StorageError("That debrief is not in the team library (any more).")
        bases = {d.id: (d.revision, dumps(d)) for d in fetched}
        self.local.import_all(fetched, replace=True)  # gives each its local revision
        states.put_states(
            self.local,
            [
                SyncState(d.id, bases[d.id][0], d.revision, bases[d.id][1], d.updated_at)
                for d in fetched
            ],
        )
        return len(fetched)

    def _failed(self, exc: Exception, report: SyncReport) -> None:
        # A lost connection is ordinary offline life: say so, reconnect next time.
        report.online = not isinstance(exc, TeamError | UnreachableError)
        report.problem = str(exc)
        log.info("team sync: %s", type(exc).__name__)
        self.close()

"""The debrief service: the only API the UI and the command line use to reach storage.

Each call opens a short session and closes it, so no caller ever holds an ORM
object or a transaction; what goes in and out are domain dataclasses.

Every save states the revision it started from. When another window saved in
between, the two are merged item by item against the copy the caller last saw
(see :mod:`facilitator.domain.merge`), so no edit silently overwrites another.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from facilitator.domain.changes import DebriefChanges, diff
from facilitator.domain.merge import merge
from facilitator.domain.model import ActionStatus, Debrief, DebriefSummary, EditConflict
from facilitator.paths import resolve_database_url
from facilitator.storage import backups, database, opening, search
from facilitator.storage.errors import (
    DamagedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from facilitator.storage.increments import apply_changes
from facilitator.storage.library_queries import LibraryQueries
from facilitator.storage.mapping import to_row
from facilitator.storage.orm import DebriefRow
from facilitator.storage.reading import read_debrief

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SaveResult:
    """What a save stored.

    ``merged`` is None when the caller's copy went in as it was (its revision and
    timestamps are updated in place); otherwise another save came first and
    ``merged`` is the stored result of merging both, with ``conflicts`` the
    texts this merge kept aside. ``changes`` says what the save wrote, when it
    was computed from the caller's base.
    """

    revision: int
    merged: Debrief | None = None
    conflicts: tuple[EditConflict, ...] = ()
    changes: DebriefChanges | None = None


def _stamp_closed(debrief: Debrief, now: datetime) -> None:
    """Date action items the first time they are saved done or dropped, for the trends."""
    for item in debrief.action_items:
        if item.is_open:
            item.closed_on = None
        elif item.closed_on is None and item.status in (ActionStatus.DONE, ActionStatus.WONT_DO):
            item.closed_on = now.date()


class DebriefService(LibraryQueries):
    """Create, load, save, list and delete debriefs in one database.

    ``url`` is any SQLAlchemy URL; ``None`` means ``FACILITATOR_DB`` or the
    SQLite file in the user data folder. The schema is upgraded on opening (a
    SQLite library is backed up first). A library that cannot be written opens
    read-only: :attr:`read_only` says so and :attr:`read_only_reason` says why.
    ``maintenance`` runs the integrity check and the daily backup at once; the
    app passes False and calls :meth:`maintain` off the UI thread instead.
    Every failure the user can cause surfaces as a :class:`StorageError`.
    """

    def __init__(
        self, url: str | None = None, *, maintenance: bool = True, migrate: bool = True
    ) -> None:
        self.url = resolve_database_url(url)
        self._migrate = migrate
        self.path = database.sqlite_file(self.url)
        self.read_only_reason: str | None = None
        self._scratch: Path | None = None
        self._connect()
        if maintenance:
            self.maintain()

    # -- opening -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when edits cannot be saved; browsing, search and export still work."""
        return self.read_only_reason is not None

    def _connect(self) -> None:
        self._engine = self._open()
        self._writer = database.writer(self._engine)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        # The search index rebuilds what a transaction changed before it commits.
        search.install(self._write_sessions, self._engine)

    def _open(self) -> Engine:
        opened = opening.open_engine(self.url, self.path, migrate=self._migrate)
        self.read_only_reason = opened.read_only_reason
        self._scratch = opened.scratch
        return opened.engine

    def maintain(self) -> None:
        """Check the file's integrity and make the day's backup if none exists yet."""
        if self.path is None or self.read_only or not self.path.exists():
            return
        try:
            opening.check_integrity(self._engine, self.path)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        if backups.daily_backup_due(self.path) and self._holds_debriefs():
            backups.make_backup(self.path, "daily")

    def _holds_debriefs(self) -> bool:
        with self._session() as session:
            return session.execute(select(DebriefRow.id).limit(1)).first() is not None

    # -- sessions ------------------------------------------------------------------------

    def _error(self, exc: BaseException) -> StorageError:
        error = database.classify(exc, self.url)
        if isinstance(error, DamagedError) and self.path is not None:
            error = opening.damaged(self.path)
        # The log gets the kind of failure and where, never the SQL or what was typed.
        log.warning("storage: %s on %s", type(error).__name__, database.where(self.url))
        return error

    @contextmanager
    def _session(self, *, write: bool = False) -> Iterator[Session]:
        if write and self.read_only_reason is not None:
            raise ReadOnlyError(
                f"This library is read-only ({self.read_only_reason}). "
                "Browse, search and export still work; editing is off."
            )
        factory = self._write_sessions if write else self._sessions
        try:
            with factory.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc

    # -- debriefs ------------------------------------------------------------------------

    def create(self, title: str = "") -> Debrief:
        """Create, store and return a new debrief."""
        debrief = Debrief(title=title)
        self.save(debrief)
        return debrief

    def load(self, debrief_id: str) -> Debrief:
        """Return the debrief with ``debrief_id``; raise NotFoundError if there is none."""
        with self._session() as session:
            debrief = read_debrief(session, debrief_id)
        if debrief is None:
            raise NotFoundError(f"No debrief has the id {debrief_id}.")
        return debrief

    def exists(self, debrief_id: str) -> bool:
        """Tell whether a debrief with ``debrief_id`` is stored."""
        return self.revision_of(debrief_id) is not None

    def revision_of(self, debrief_id: str) -> int | None:
        """The stored revision of a debrief (None if there is none): a cheap check for news."""
        with self._session() as session:
            query = select(DebriefRow.revision).where(DebriefRow.id == debrief_id)
            return session.execute(query).scalar_one_or_none()

    def save(
        self, debrief: Debrief, *, base: Debrief | None = None, touch: bool = True
    ) -> SaveResult:
        """Store ``debrief``, merging with any save made since its revision.

        ``base`` is the copy as the caller last loaded or saved it; with it a
        merge keeps both sides' edits exactly. Sets ``updated_at`` to now unless
        ``touch`` is false (an import keeps the document's own timestamps).
        """
        for attempt in range(3):
            try:
                return self._save_once(debrief, base, touch)
            except StorageError as exc:
                # Two first saves of one new debrief raced; the second merges into the first.
                if attempt == 2 or not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def _save_once(self, debrief: Debrief, base: Debrief | None, touch: bool) -> SaveResult:
        now = _now()
        with self._session(write=True) as session:
            row = session.get(DebriefRow, debrief.id, with_for_update=True)
            stored = 0 if row is None else row.revision
            target, conflicts, changes = debrief, (), None
            if row is None:
                row = DebriefRow(id=debrief.id)
                session.add(row)
            elif stored != debrief.revision:
                theirs = read_debrief(session, debrief.id)
                assert theirs is not None  # the row is locked for this transaction
                result = merge(base, debrief, theirs)
                target, conflicts = result.debrief, result.conflicts
                # The rows hold exactly theirs: write what the merge changed.
                base, changes = theirs, diff(theirs, target)
            elif base is not None:
                # Nobody saved since our base, so the rows hold exactly the base: write the diff.
                changes = diff(base, debrief)
            kept = (target.revision, target.created_at, target.updated_at)
            target.created_at = target.created_at or now
            if touch or target.updated_at is None:
                target.updated_at = now
            if touch:
                _stamp_closed(target, now)
            target.revision = stored + 1
            try:
                if changes is None:
                    to_row(target, row)
                else:
                    apply_changes(session, row, base, target, changes)  # type: ignore[arg-type]
                session.flush()
            except BaseException:
                target.revision, target.created_at, target.updated_at = kept
                raise
        if target is debrief:
            return SaveResult(debrief.revision, changes=changes)
        return SaveResult(target.revision, target, conflicts)

    def import_all(self, debriefs: Sequence[Debrief], *, replace: bool = False) -> None:
        """Store several debriefs in one transaction: all of them or, on any failure, none.

        A debrief whose id is already stored is refused unless ``replace``.
        """
        with self._session(write=True) as session:
            for debrief in debriefs:
                row = session.get(DebriefRow, debrief.id)
                if row is not None and not replace:
                    raise StorageError(
                        f"Debrief {debrief.id} is already stored; use --replace to overwrite it."
                    )
                if row is not None:
                    session.delete(row)
                    session.flush()
                debrief.created_at = debrief.created_at or _now()
                debrief.updated_at = debrief.updated_at or debrief.created_at
                debrief.revision = (0 if row is None else row.revision) + 1
                fresh = DebriefRow(id=debrief.id)
                session.add(fresh)
                to_row(debrief, fresh)

    def save_many(self, debriefs: Iterable[Debrief], *, touch: bool = False) -> int:
        """Store many debriefs in one transaction (all or none), replacing stored ones.

        For generated libraries and bulk loads: the search index is rebuilt once, at
        the end, instead of once per debrief. Returns how many were stored.
        """
        batch = list(debriefs)
        if touch:
            now = _now()
            for debrief in batch:
                debrief.updated_at = now
        self.import_all(batch, replace=True)
        return len(batch)

    def list(self) -> list[DebriefSummary]:
        """Return every debrief's library entry, most recently edited first."""
        columns = (
            DebriefRow.id,
            DebriefRow.title,
            DebriefRow.severity,
            DebriefRow.status,
            DebriefRow.incident,
            DebriefRow.started_at,
            DebriefRow.meeting_at,
            DebriefRow.updated_at,
        )
        with self._session() as session:
            rows = session.execute(select(*columns).order_by(DebriefRow.updated_at.desc()))
            return [DebriefSummary.from_values(tuple(r)) for r in rows]

    def delete(self, debrief_id: str) -> None:
        """Delete a debrief and all its parts; raise NotFoundError if there is none."""
        with self._session(write=True) as session:
            row = session.get(DebriefRow, debrief_id)
            if row is None:
                raise NotFoundError(f"No debrief has the id {debrief_id}.")
            session.delete(row)

    # -- backups -------------------------------------------------------------------------

    def backups(self) -> list[backups.Backup]:
        """The backups of this library, newest first (none for a server library)."""
        return [] if self.path is None else backups.list_backups(self.path)

    def backup(self, output: Path | None = None) -> Path:
        """Copy the library now, into the backups folder or to ``output``."""
        if self.path is None:
            raise StorageError(
                "A server library is backed up on the server (for PostgreSQL: pg_dump)."
            )
        return backups.make_backup(self.path, "manual", output=output)

    def restore(self, backup: Path) -> Path | None:
        """Replace the library with ``backup`` after checking it; return the safety copy."""
        if self.path is None or self.read_only:
            raise StorageError("Only a writable library file can be restored from a backup.")
        self._engine.dispose()
        try:
            return restore_library(self.url, backup)
        finally:
            self._connect()

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> DebriefService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def restore_library(url: str | None, backup: Path) -> Path | None:
    """Replace the SQLite library at ``url`` with ``backup``, even when the library is damaged.

    The backup is checked first; the library as it was is kept in the backups
    folder. Returns that safety copy. Close any service on the library first.
    """
    path = database.sqlite_file(resolve_database_url(url))
    if path is None:
        raise StorageError("Only a library file (SQLite) can be restored from a backup.")
    problem = backups.check_backup(backup, database.known_revisions())
    if problem is not None:
        raise StorageError(f"This backup cannot be restored: {problem}.")
    try:
        return backups.restore(path, backup)
    except OSError as exc:
        raise StorageError(f"The library at {path} could not be replaced: {exc.strerror}.") from exc

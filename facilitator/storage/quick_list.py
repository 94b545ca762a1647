"""``facilitator list`` on a SQLite library without loading SQLAlchemy.

Importing SQLAlchemy costs a fresh process about 0.4 s, more than listing a
thousand debriefs. When the library is a SQLite file already at the newest schema,
its summaries are read here with the standard library, through a read-only
connection that can change nothing. Anything else (another backend, an older or
newer schema, a file SQLite cannot read) returns None and the command goes the
usual way, which migrates, checks the file and explains what is wrong.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote

from facilitator.domain.model import DebriefSummary
from facilitator.storage.schema_version import SCHEMA_HEAD

_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_QUERY = (
    "SELECT id, title, severity, status, incident, started_at, meeting_at, updated_at "
    "FROM debriefs ORDER BY updated_at DESC"
)


def sqlite_path(url: str) -> Path | None:
    """The file a plain SQLite URL names, or None when it is anything else."""
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if not rest or "?" in rest or rest == ":memory:":
                return None
            return Path(unquote(rest)).expanduser()
    return None


def quick_summaries(url: str) -> list[DebriefSummary] | None:
    """Every debrief's library entry, newest edit first; None to go the usual way."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        stamp = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if stamp != [(SCHEMA_HEAD,)]:
            return None
        return [_summary(row) for row in connection.execute(_QUERY)]
    except (sqlite3.Error, ValueError):
        return None  # damaged, locked or odd: the service says which
    finally:
        connection.close()


def _summary(row: tuple[object, ...]) -> DebriefSummary:
    # SQLite hands back the stored text of the dates; the service's column type parses them.
    *head, started, meeting, updated = row
    return DebriefSummary.from_values((*head, *map(_moment, (started, meeting, updated))))


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None

"""Persistence of debriefs: SQLAlchemy ORM, sessions, Alembic migrations and the service API.

Callers use :class:`DebriefService` only; sessions and rows stay inside this package.
"""

from facilitator.storage.errors import (
    DamagedError,
    DiskFullError,
    LockedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
    UnreachableError,
)
from facilitator.storage.service import DebriefService, SaveResult

__all__ = [
    "DamagedError",
    "DebriefService",
    "DiskFullError",
    "LockedError",
    "NotFoundError",
    "ReadOnlyError",
    "SaveResult",
    "StorageError",
    "UnreachableError",
]

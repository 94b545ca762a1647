"""Persistence of debriefs: SQLAlchemy ORM, sessions, Alembic migrations and the service API.

Callers use :class:`DebriefService` only; sessions and rows stay inside this package.
The service (and SQLAlchemy with it) loads when first asked for, so the error types
and :mod:`facilitator.storage.quick_list` cost nothing to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator.storage.errors import (
    DamagedError,
    DiskFullError,
    LockedError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
    UnreachableError,
)

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in ("DebriefService", "SaveResult"):
        from facilitator.storage import service

        value = getattr(service, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

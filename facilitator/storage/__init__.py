"""Persistence of debriefs: SQLAlchemy ORM, sessions, Alembic migrations and the service API.

Callers use :class:`DebriefService` only; sessions and rows stay inside this package.
"""

from facilitator.storage.errors import NotFoundError, StorageError
from facilitator.storage.service import DebriefService

__all__ = ["DebriefService", "NotFoundError", "StorageError"]

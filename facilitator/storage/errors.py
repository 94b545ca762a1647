"""Storage errors carrying a sentence the user can act on.

Each kind of trouble has its own class, because each calls for a different
response: a full disk is retried while the edits wait in memory, a read-only
library is opened for reading, a locked one is retried and then reported, and a
damaged one is offered its latest backup.
"""

from __future__ import annotations


class StorageError(Exception):
    """The database could not be used; ``str(error)`` is written for the user."""


class NotFoundError(StorageError):
    """No debrief has the requested id."""


class DiskFullError(StorageError):
    """The disk (or the server's) is full; edits are kept in memory and retried."""


class ReadOnlyError(StorageError):
    """The library can be read but not written (file, folder or server permissions)."""


class LockedError(StorageError):
    """Another program holds the database; retried, then reported."""


class DamagedError(StorageError):
    """The database file is damaged or is not a Facilitator library."""


class UnreachableError(StorageError):
    """A server library cannot be reached or refuses the login."""

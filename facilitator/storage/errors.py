"""Storage errors carrying a sentence the user can act on."""

from __future__ import annotations


class StorageError(Exception):
    """The database could not be used; ``str(error)`` is written for the user."""


class NotFoundError(StorageError):
    """No debrief has the requested id."""

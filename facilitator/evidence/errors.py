"""The one error every evidence reader raises: a sentence the user can act on."""

from __future__ import annotations


class EvidenceError(ValueError):
    """A source cannot be read; ``str()`` is the one-line message to show.

    Readers raise it before anything is added to a debrief, so a refused
    source changes nothing.
    """

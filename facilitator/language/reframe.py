"""Which sentences of a text the room should not see yet: those holding an open blame finding.

Used by the shared screen's "Reframe before the room sees it": the facilitator rewords
the sentence or keeps it (ignores the finding), and only then does the room read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from facilitator.language.findings import BLAME, Finding

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every sentence in ``text``, trimmed of surrounding space."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            bounds.append((start + lead, start + trail))
        start = end
    return bounds


def blame_sentences(text: str, findings: Iterable[Finding]) -> list[tuple[int, int]]:
    """Return the sentences of ``text`` that hold a blame finding, as merged spans."""
    hits = sorted((f.start, f.end) for f in findings if f.has(BLAME))
    if not hits:
        return []
    held: list[tuple[int, int]] = []
    for start, end in sentence_bounds(text):
        if any(a < end and start < b for a, b in hits):
            if held and held[-1][1] >= start - 1:
                held[-1] = (held[-1][0], end)
            else:
                held.append((start, end))
    return held

"""Finding candidates that are already on the timeline.

A candidate duplicates an event when it comes from the same place (same
provenance: the source was imported before) or when both fall in the same
minute and say nearly the same thing. Events are bucketed by minute, so marking
10,000 candidates against 2,000 events compares only neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from facilitator.domain.model import TimelineEvent
from facilitator.evidence.candidates import Candidate

#: Share of words two texts must have in common (of the shorter one) to count as the same.
SIMILAR_OVERLAP = 0.6
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that say nothing about which event a text describes.
_STOP = frozenset(
    ("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
     "it", "of", "on", "or", "our", "the", "this", "to", "was", "we", "were", "with")
)  # fmt: skip


def words(text: str) -> frozenset[str]:
    """The telling words of a text, lower-cased."""
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in _STOP)


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two word sets say nearly the same thing."""
    if not a or not b:
        return not a and not b
    shorter = min(len(a), len(b))
    return len(a & b) / shorter >= SIMILAR_OVERLAP and (shorter >= 2 or a == b)


def _minute(moment: datetime) -> int:
    return int(moment.astimezone(UTC).timestamp() // 60)


def find_duplicates(
    candidates: Sequence[Candidate], events: Iterable[TimelineEvent]
) -> dict[int, TimelineEvent]:
    """Return, by candidate position, the existing event each candidate repeats."""
    by_source: dict[str, TimelineEvent] = {}
    by_minute: dict[int, list[tuple[TimelineEvent, frozenset[str]]]] = {}
    for event in events:
        if event.source:
            by_source.setdefault(event.source, event)
        if event.at is not None:
            entry = (event, words(_strip_author(event.text)))
            by_minute.setdefault(_minute(event.at), []).append(entry)
    found: dict[int, TimelineEvent] = {}
    for index, candidate in enumerate(candidates):
        same = by_source.get(candidate.source) if candidate.source else None
        if same is not None:
            found[index] = same
            continue
        minute = _minute(candidate.at)
        near = by_minute.get(minute, [])
        if not near:
            continue
        mine = words(candidate.text)
        for event, theirs in near:
            if similar(mine, theirs):
                found[index] = event
                break
    return found


def _strip_author(text: str) -> str:
    # Imported events read "Ada Okafor: text"; compare the message, not the name.
    head, sep, rest = text.partition(": ")
    return rest if sep and len(head) <= 40 and len(head.split()) <= 4 else text

"""What the user chose among the candidates: which ones, their kinds and the marked moments.

Kept apart from Qt so the rules are tested plainly and the picker's model stays
a thin view of it. Duplicates of existing events start left out; everything else
starts chosen. A time range keeps a thread together: a reply is in the range
when its parent is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.evidence.apply import MOMENT_FIELDS
from facilitator.evidence.candidates import Candidate
from facilitator.evidence.people import name_key

#: The moments a candidate can mark, in story order, with the words the picker shows.
MOMENT_LABELS: dict[str, str] = {
    "start": "Problem started",
    "detection": "Detected",
    "mitigation": "Mitigated",
    "resolution": "Resolved",
}
_MOMENT_KINDS = {
    "start": EventKind.TRIGGER,
    "detection": EventKind.DETECTION,
    "mitigation": EventKind.MITIGATION,
    "resolution": EventKind.RESOLUTION,
}
assert set(MOMENT_LABELS) == set(MOMENT_FIELDS)


@dataclass
class Chosen:
    """The picker's answer, ready for :func:`~facilitator.evidence.apply.add_candidates`."""

    candidates: list[Candidate] = field(default_factory=list)
    kinds: dict[int, EventKind] = field(default_factory=dict)
    moments: dict[str, int] = field(default_factory=dict)


class Choice:
    """Chosen flags, kinds and moments for a list of candidates, by row."""

    def __init__(
        self, candidates: Sequence[Candidate], duplicates: dict[int, TimelineEvent] | None = None
    ) -> None:
        self.candidates = list(candidates)
        self.duplicates = dict(duplicates or {})
        self.chosen = [row not in self.duplicates for row in range(len(self.candidates))]
        self.kinds = [c.kind for c in self.candidates]
        self.moments: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.candidates)

    @property
    def count(self) -> int:
        """How many candidates are chosen."""
        return sum(self.chosen)

    def choose(self, rows: Iterable[int], value: bool = True) -> list[int]:
        """Set ``rows`` chosen or not; return the rows that changed."""
        changed = []
        for row in rows:
            if self.chosen[row] != value:
                self.chosen[row] = value
                changed.append(row)
        return changed

    def only(self, rows: Iterable[int], among: Iterable[int]) -> list[int]:
        """Choose exactly ``rows`` out of ``among`` (the rows on show); return what changed."""
        keep = set(rows)
        changed = []
        for row in among:
            value = row in keep
            if self.chosen[row] != value:
                self.chosen[row] = value
                changed.append(row)
        return changed

    def time_range(self, first: int, last: int, among: Iterable[int]) -> list[int]:
        """Rows of ``among`` from the earlier of two rows' times to the later, threads whole.

        Duplicates inside the range stay as they are; the caller chooses the rest.
        """
        a, b = self.candidates[first].at, self.candidates[last].at
        start, end = min(a, b), max(a, b)
        inside: list[int] = []
        parents: set[str] = set()
        for row in sorted(among):
            candidate = self.candidates[row]
            if start <= candidate.at <= end:
                inside.append(row)
                if not candidate.reply:
                    parents.add(candidate.source)
        for row in among:
            candidate = self.candidates[row]
            if candidate.reply and candidate.thread in parents and row not in inside:
                inside.append(row)
        return sorted(r for r in inside if r not in self.duplicates or self.chosen[r])

    def from_author(self, author: str, among: Iterable[int]) -> list[int]:
        """Rows of ``among`` written by ``author`` (case and spacing ignored)."""
        key = name_key(author)
        return [r for r in among if name_key(self.candidates[r].author) == key]

    def set_kind(self, row: int, kind: EventKind) -> list[int]:
        """Change a row's kind; a marked moment whose kind no longer fits is unmarked."""
        self.kinds[row] = kind
        changed = [row]
        for name, marked in list(self.moments.items()):
            if marked == row and _MOMENT_KINDS[name] is not kind:
                del self.moments[name]
        return changed

    def set_moment(self, row: int, name: str | None) -> list[int]:
        """Mark ``row`` as the moment ``name`` (or unmark it); return the rows that changed.

        A moment is marked by one row only, and marking chooses the row.
        """
        changed = {row}
        for other, marked in list(self.moments.items()):
            if marked == row:
                del self.moments[other]
        if name is not None:
            previous = self.moments.get(name)
            if previous is not None:
                changed.add(previous)
            self.moments[name] = row
            self.kinds[row] = _MOMENT_KINDS[name]
            self.chosen[row] = True
        return sorted(changed)

    def moment_of(self, row: int) -> str | None:
        """The moment ``row`` marks, if any."""
        return next((name for name, marked in self.moments.items() if marked == row), None)

    def result(self) -> Chosen:
        """The chosen candidates in row order, with kinds that differ and moments re-indexed."""
        out = Chosen()
        position: dict[int, int] = {}
        for row, candidate in enumerate(self.candidates):
            if not self.chosen[row]:
                continue
            position[row] = len(out.candidates)
            out.candidates.append(candidate)
            if self.kinds[row] is not candidate.kind:
                out.kinds[position[row]] = self.kinds[row]
        out.moments = {name: position[row] for name, row in self.moments.items() if row in position}
        return out

"""Timeline candidates: what a reader found in a source, before the user chooses.

Every reader turns its source into a list of :class:`Candidate` in conversation
order (thread replies right after their parent) and wraps it in an
:class:`Evidence` that also says what was left out and how times were read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo

from facilitator.domain.model import EventKind
from facilitator.evidence.limits import DEFAULT_LIMITS, Limits
from facilitator.evidence.times import place


@dataclass
class Candidate:
    """One message, alert or log line that could become a timeline event.

    ``at`` is always timezone-aware. ``wall`` keeps the clock reading of a source
    that gave no offset, so :func:`rezone` can place it in another zone.
    ``source`` is the provenance stored on the event (see the package docstring).
    """

    at: datetime
    text: str
    author: str = ""
    #: False for bots, integrations and "System": they never become participants.
    person: bool = True
    kind: EventKind = EventKind.NOTE
    source: str = ""
    channel: str = ""
    #: Provenance of the thread's first message, for a reply; "" otherwise.
    thread: str = ""
    links: tuple[str, ...] = ()
    wall: datetime | None = None

    @property
    def reply(self) -> bool:
        """True for a reply in a thread."""
        return bool(self.thread)


@dataclass
class ReadOptions:
    """How to read a source. Every field has a sensible default."""

    #: The IANA zone in which times without an offset are read.
    zone: str = "UTC"
    #: The day taken by transcript lines that carry only a time (the incident's day).
    day: date | None = None
    #: Slack channels to read, by name or id ("" or empty: all of them).
    channels: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    include_joins: bool = False
    include_leaves: bool = False
    include_bots: bool = False
    #: CSV columns by header name or 1-based number; "" lets the reader guess.
    time_column: str = ""
    text_column: str = ""
    author_column: str = ""
    kind_column: str = ""
    #: The name provenance gives a pasted text.
    name: str = ""
    limits: Limits = DEFAULT_LIMITS


@dataclass
class Evidence:
    """What one read of a source produced."""

    kind: str
    #: The file or folder name used in provenance ("export.zip", "pasted").
    name: str
    candidates: list[Candidate] = field(default_factory=list)
    #: Messages left out, by what they were (singular): {"join": 3, "bot message": 12}.
    left_out: dict[str, int] = field(default_factory=dict)
    #: Slack: every channel in the export, and the ones read; CSV: every column header.
    channels: list[str] = field(default_factory=list)
    chosen_channels: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    #: The columns a CSV was read with: {"time": "When", "text": "What", ...}.
    chosen_columns: dict[str, str] = field(default_factory=dict)
    #: What the reader chose for the user; shown beside the candidates.
    notes: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        """Count one message left out as ``reason`` ("join", "bot message")."""
        self.left_out[reason] = self.left_out.get(reason, 0) + 1

    @property
    def naive(self) -> bool:
        """True when some time had no offset and was read in the chosen zone."""
        return any(c.wall is not None for c in self.candidates)

    @property
    def label(self) -> str:
        """The source in a few words: "acme.zip #inc-checkout", "pasted"."""
        channels = " ".join("#" + c for c in self.chosen_channels)
        return f"{self.name} {channels}" if channels else self.name

    def describe(self) -> str:
        """One line: what was read and what was left out."""
        labels = {"slack": "Slack export", "chat": "Chat transcript", "pagerduty": "PagerDuty",
                  "opsgenie": "Opsgenie", "csv": "CSV"}  # fmt: skip
        count = len(self.candidates)
        where = " ".join("#" + c for c in self.chosen_channels)
        where = f" {where}" if where else ""
        line = f"{labels.get(self.kind, self.kind)} {self.name}{where}: {count:,} candidate"
        line += "" if count == 1 else "s"
        skipped = [
            f"{n:,} {reason}{'' if n == 1 else 's'}"
            for reason, n in sorted(self.left_out.items())
            if n
        ]
        if skipped:
            line += f" ({', '.join(skipped)} left out)"
        return line


def rezone(candidates: Iterable[Candidate], zone: tzinfo) -> None:
    """Place every candidate read without an offset in ``zone`` instead."""
    for candidate in candidates:
        if candidate.wall is not None:
            candidate.at = place(candidate.wall, zone)


def within(
    candidates: list[Candidate], since: datetime | None, until: datetime | None
) -> list[Candidate]:
    """Keep candidates from ``since`` to ``until`` (inclusive), with the replies of kept parents.

    A thread stays together: a reply comes along when its parent is in range,
    however late it was written.
    """
    if since is None and until is None:
        return list(candidates)
    kept_parents: set[str] = set()
    out: list[Candidate] = []
    for candidate in candidates:
        inside = (since is None or candidate.at >= since) and (
            until is None or candidate.at <= until
        )
        if candidate.reply and candidate.thread in kept_parents:
            out.append(candidate)
        elif inside:
            out.append(candidate)
            if not candidate.reply:
                kept_parents.add(candidate.source)
    return out


def by_authors(candidates: list[Candidate], names: Iterable[str]) -> list[Candidate]:
    """Keep candidates written by any of ``names`` (case and spacing ignored)."""
    from facilitator.evidence.people import name_key

    wanted = {name_key(n) for n in names if name_key(n)}
    if not wanted:
        return list(candidates)
    return [c for c in candidates if name_key(c.author) in wanted]


def conversation_order(candidates: list[Candidate]) -> list[Candidate]:
    """Sort by time, each thread's replies right after their parent, in their own time order."""
    parents = {c.source: c for c in candidates if not c.reply}

    def key(candidate: Candidate) -> tuple[datetime, int, datetime]:
        parent = parents.get(candidate.thread) if candidate.reply else None
        if parent is None:
            return (candidate.at, 0, candidate.at)
        return (parent.at, 1, candidate.at)

    return sorted(candidates, key=key)


def with_text(candidate: Candidate, text: str) -> Candidate:
    """A copy of ``candidate`` with other text."""
    return replace(candidate, text=text)

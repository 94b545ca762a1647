"""Adding the chosen candidates to a debrief: events, new participants and marked moments.

Pure and in place, so the desktop app (which then touches its session once)
and the command line (which then saves once) share it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from facilitator.domain.model import Debrief, EventKind, Participant, TimelineEvent
from facilitator.domain.text import clean_text
from facilitator.domain.timing import MOMENTS
from facilitator.evidence.candidates import Candidate
from facilitator.evidence.people import AuthorMatch, match_authors

#: Moment names the user can mark, as the debrief calls them.
MOMENT_FIELDS: dict[str, str] = {
    "start": "started_at",
    "detection": "detected_at",
    "mitigation": "mitigated_at",
    "resolution": "resolved_at",
}
_MOMENT_KIND = {name: kind for name, kind, _label in MOMENTS}


@dataclass
class Added:
    """What :func:`add_candidates` changed."""

    events: list[TimelineEvent] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    moments: list[str] = field(default_factory=list)


def event_text(candidate: Candidate, name: str) -> str:
    """The event's text: the message, said by the participant (or the tool) that wrote it."""
    speaker = name or candidate.author
    text = clean_text(" ".join(candidate.text.split()) if "\n" not in candidate.text
                      else candidate.text.strip())  # fmt: skip
    return f"{speaker}: {text}" if speaker else text


def add_candidates(
    debrief: Debrief,
    chosen: Sequence[Candidate],
    *,
    kinds: Mapping[int, EventKind] | None = None,
    moments: Mapping[str, int] | None = None,
    authors: Mapping[str, AuthorMatch] | None = None,
) -> Added:
    """Add ``chosen`` to ``debrief``'s timeline in time order; return what was added.

    ``kinds`` overrides the guessed kind by position in ``chosen``; ``moments``
    maps "start", "detection", "mitigation" or "resolution" to a position whose
    event then marks that moment. ``authors`` is the author mapping the user
    confirmed; by default authors are matched to participants, and people no one
    matches are added with an empty role for the facilitator to fill in.
    """
    kinds = kinds or {}
    moments = moments or {}
    if authors is None:
        authors = match_authors(((c.author, c.person) for c in chosen), debrief.participants)
    added = Added()
    known = {p.name for p in debrief.participants}
    writing = {c.author for c in chosen}
    for author, match in authors.items():
        if author in writing and match.new and match.name and match.name not in known:
            known.add(match.name)
            participant = Participant(match.name, "")
            debrief.participants.append(participant)
            added.participants.append(participant)
    marked = {index: name for name, index in moments.items()}
    for index, candidate in enumerate(chosen):
        match = authors.get(candidate.author)
        kind = kinds.get(index, candidate.kind)
        moment = marked.get(index)
        if moment is not None:
            kind = _MOMENT_KIND[MOMENT_FIELDS[moment]]
        event = TimelineEvent(
            at=candidate.at.astimezone(UTC).replace(microsecond=0),
            kind=kind,
            text=event_text(candidate, match.name if match else candidate.author),
            source=candidate.source,
        )
        added.events.append(event)
        if moment is not None:
            setattr(debrief, MOMENT_FIELDS[moment], event.at)
            added.moments.append(moment)
    debrief.timeline.extend(added.events)
    far = datetime.max.replace(tzinfo=UTC)
    debrief.timeline.sort(key=lambda e: e.at.astimezone(UTC) if e.at else far)
    return added

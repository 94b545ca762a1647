"""The exported debrief as an ordered list of sections, independent of file format.

``SECTION_BUILDERS`` is the single source of the document's order: the Word,
Markdown and PDF writers all walk :func:`build_sections`, so they cannot drift
apart. A builder returns no blocks when its part of the debrief is empty, and
the section is then left out rather than printed empty.

The order follows what a reader outside the room needs first: what happened
(the panel under the title), the key learnings, the story, the lessons with
their contributing factors, the actions, then reference material; a long
timeline's full version comes last, as an appendix.
"""

from __future__ import annotations

from collections.abc import Callable

from facilitator.domain.model import Debrief, FactorKind, Note
from facilitator.export.blocks import Block, Bullets, Facts, Paragraph, Section, SubHeading, Text
from facilitator.export.context import Context, present
from facilitator.export.links import safe_url, ticket_label
from facilitator.export.overview import author_of, build_title, what_happened
from facilitator.export.section_tables import (
    action_items,
    detection_and_fix,
    full_timeline,
    is_long,
    review,
    supporting_links,
    timeline,
)
from facilitator.export.timefmt import long_date

__all__ = [
    "SECTION_BUILDERS",
    "Context",
    "author_of",
    "build_sections",
    "build_title",
    "safe_url",
    "ticket_label",
]

_FACTOR_HEADINGS = {
    FactorKind.TECHNICAL: "Technical",
    FactorKind.PROCESS: "Process",
    FactorKind.ORGANISATIONAL: "Organisational",
    FactorKind.HUMAN: "Human conditions",
}


def _listed(items: list[Note], key: str) -> tuple[Block, ...]:
    texts = tuple(Text(n.text, f"{key}[{i}]") for i, n in enumerate(items) if present(n.text))
    return (Bullets(texts),) if texts else ()


def _prose(text: str, key: str) -> tuple[Block, ...]:
    return (Paragraph(Text(text, key)),) if present(text) else ()


def key_learnings(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.learnings, "learnings")


def summary(ctx: Context) -> tuple[Block, ...]:
    return _prose(ctx.debrief.summary, "summary")


def impact(ctx: Context) -> tuple[Block, ...]:
    return _prose(ctx.debrief.impact, "impact")


def response(ctx: Context) -> tuple[Block, ...]:
    return _prose(ctx.debrief.response, "response")


def went_wrong(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.went_wrong, "went_wrong")


def contributing_factors(ctx: Context) -> tuple[Block, ...]:
    blocks: list[Block] = []
    factors = list(enumerate(ctx.debrief.contributing_factors))
    for kind, heading in _FACTOR_HEADINGS.items():
        texts = tuple(
            Text(f.text, f"contributing_factors[{i}].text")
            for i, f in factors
            if f.kind == kind and present(f.text)
        )
        if texts:
            blocks += [SubHeading(heading), Bullets(texts)]
    return tuple(blocks)


def went_right(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.went_right, "went_right")


def got_lucky(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.got_lucky, "got_lucky")


def classification(ctx: Context) -> tuple[Block, ...]:
    """Services and tags; severity and primary cause are stated once, near the top."""
    d = ctx.debrief
    services = ", ".join(s.strip() for s in d.services if present(s))
    tags = ", ".join(t.strip() for t in d.tags if present(t))
    rows: list[tuple[str, Text]] = []
    if services:
        rows.append(("Services", Text(services)))
    if tags:
        rows.append(("Tags", Text(tags)))
    return (Facts(tuple(rows), alt="Classification"),) if rows else ()


def participants(ctx: Context) -> tuple[Block, ...]:
    by_role: dict[str, list[str]] = {}
    for person in ctx.debrief.participants:
        if present(person.name):
            role = person.role.strip() or "Other participants"
            by_role.setdefault(role, []).append(person.name.strip())
    if not by_role:
        return ()
    rows = tuple((role, Text(", ".join(names))) for role, names in by_role.items())
    return (Facts(rows, alt="Participants by role"),)


def checkpoint(ctx: Context) -> tuple[Block, ...]:
    day = ctx.debrief.checkpoint_at
    if day is None:
        return ()
    sentence = f"The team reviews these action items again on {long_date(day)}."
    return (Paragraph(Text(sentence)),)


Builder = Callable[[Context], tuple[Block, ...]]

#: The document's order, shared by every format. (key, heading, builder)
SECTION_BUILDERS: tuple[tuple[str, str, Builder], ...] = (
    ("what_happened", "What happened", what_happened),
    ("learnings", "Key learnings", key_learnings),
    ("summary", "Summary", summary),
    ("impact", "Impact", impact),
    ("timeline", "Timeline", timeline),
    ("response", "What we did", response),
    ("timing", "Detection and fix", detection_and_fix),
    ("went_wrong", "What went wrong", went_wrong),
    ("contributing_factors", "Contributing factors", contributing_factors),
    ("went_right", "What went right", went_right),
    ("got_lucky", "Where we got lucky", got_lucky),
    ("action_items", "Action items", action_items),
    ("links", "Supporting links", supporting_links),
    ("classification", "Classification", classification),
    ("participants", "Participants", participants),
    ("checkpoint", "Checkpoint", checkpoint),
    ("review", "Review", review),
    ("appendix_timeline", "Appendix: full timeline", full_timeline),
)

_HEADING_WHEN_LONG = {"timeline": "Timeline highlights"}
_NEW_PAGE = frozenset({"appendix_timeline"})


def build_sections(debrief: Debrief) -> list[Section]:
    """Return the debrief's non-empty sections in document order."""
    ctx = Context.of(debrief)
    long = is_long(ctx)
    sections = []
    for key, heading, builder in SECTION_BUILDERS:
        blocks = builder(ctx)
        if blocks:
            shown = _HEADING_WHEN_LONG.get(key, heading) if long else heading
            sections.append(Section(key, shown, blocks, new_page=key in _NEW_PAGE))
    return sections

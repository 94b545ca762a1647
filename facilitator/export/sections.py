"""The exported debrief as an ordered list of sections, independent of file format.

``SECTION_BUILDERS`` is the single source of the document's order: the Word and
Markdown writers both walk :func:`build_sections`, so they cannot drift apart.
A builder returns no blocks when its part of the debrief is empty, and the
section is then left out rather than printed empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from facilitator.domain.model import (
    ActionStatus,
    Answer,
    Debrief,
    EventKind,
    FactorKind,
    Note,
    Status,
)
from facilitator.domain.timing import (
    TargetCheck,
    detection_check,
    fix_check,
    format_duration,
    format_target,
    total_duration,
)
from facilitator.export.blocks import (
    Block,
    Bullets,
    Facts,
    Paragraph,
    Section,
    SubHeading,
    Table,
    Text,
    TitleBlock,
)
from facilitator.export.timefmt import Clock, long_date, short_date

_STATUS = {
    Status.DRAFT: "Draft",
    Status.IN_MEETING: "In meeting",
    Status.PUBLISHED: "Published",
}
_ACTION_STATUS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Won't do",
}
_FACTOR_HEADINGS = {
    FactorKind.TECHNICAL: "Technical",
    FactorKind.PROCESS: "Process",
    FactorKind.ORGANISATIONAL: "Organisational",
    FactorKind.HUMAN: "Human conditions",
}
_ANSWERS = {Answer.YES: "Yes", Answer.NO: "No", None: "Not answered"}
_NONE = "—"
_LINK_SCHEMES = {"http", "https", "mailto"}
_TICKET_KEY = re.compile(r"\b[A-Z][A-Z0-9]+-\d+\b")
_NUMBERED = {"issues", "pull", "pulls", "merge_requests", "tickets", "ticket"}


def _present(text: str) -> bool:
    return bool(text and text.strip())


def safe_url(text: str) -> str:
    """Return ``text`` when it is a web or mail link worth making live, else ""."""
    candidate = text.strip()
    if not candidate or any(c.isspace() for c in candidate):
        return ""
    parsed = urlparse(candidate)
    # Only schemes a reader expects: a ticket field must not become a file: or script link.
    if parsed.scheme.lower() not in _LINK_SCHEMES:
        return ""
    if parsed.scheme.lower() != "mailto" and not parsed.netloc:
        return ""
    return candidate


def ticket_label(ticket: str) -> str:
    """Return a short name for a ticket link: "PAY-311", "repo#42"; else the text as given."""
    ticket = ticket.strip()
    url = safe_url(ticket)
    if not url:
        return ticket
    key = _TICKET_KEY.search(unquote(url))
    if key:
        return key.group(0)
    parts = [p for p in urlparse(url).path.split("/") if p]
    # Forge links end in /<repo>/issues/<n>: "repo#n" says as much in a fraction of the width.
    if len(parts) >= 3 and parts[-1].isdigit() and parts[-2] in _NUMBERED:
        return f"{parts[-3]}#{parts[-1]}"
    return ticket


@dataclass(frozen=True)
class Context:
    """What several builders share: the clock for the timeline and the title-block moments."""

    debrief: Debrief
    timeline_clock: Clock
    moment_clock: Clock

    @classmethod
    def of(cls, debrief: Debrief) -> Context:
        moments = [
            debrief.started_at,
            debrief.detected_at,
            debrief.mitigated_at,
            debrief.resolved_at,
        ]
        return cls(
            debrief,
            Clock(debrief.timezone, [e.at for e in debrief.timeline]),
            Clock(debrief.timezone, moments),
        )


def build_title(debrief: Debrief) -> TitleBlock:
    """Return the title block: title, incident reference, severity, dates, duration, status."""
    ctx = Context.of(debrief)
    rows: list[tuple[str, Text]] = []
    if _present(debrief.incident):
        rows.append(("Incident", Text(debrief.incident.strip())))
    if debrief.severity:
        rows.append(("Severity", Text(debrief.severity)))
    window = ctx.moment_clock.span(debrief.started_at, debrief.resolved_at or debrief.mitigated_at)
    if window:
        rows.append(("When", Text(window)))
    duration = total_duration(debrief)
    if duration is not None:
        rows.append(("Duration", Text(format_duration(duration))))
    if debrief.meeting_at is not None:
        rows.append(("Debrief held", Text(long_date(debrief.meeting_at.date()))))
    if _present(debrief.facilitator):
        rows.append(("Facilitator", Text(debrief.facilitator.strip())))
    rows.append(("Status", Text(_STATUS.get(debrief.status, str(debrief.status)))))
    title = debrief.title.strip() or "Untitled debrief"
    return TitleBlock(title, "Incident debrief", Facts(tuple(rows)))


def _listed(items: list[Note], key: str) -> tuple[Block, ...]:
    texts = tuple(Text(n.text, f"{key}[{i}]") for i, n in enumerate(items) if _present(n.text))
    return (Bullets(texts),) if texts else ()


def _prose(text: str, key: str) -> tuple[Block, ...]:
    return (Paragraph(Text(text, key)),) if _present(text) else ()


def key_learnings(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.learnings, "learnings")


def summary(ctx: Context) -> tuple[Block, ...]:
    return _prose(ctx.debrief.summary, "summary")


def impact(ctx: Context) -> tuple[Block, ...]:
    return _prose(ctx.debrief.impact, "impact")


def timeline(ctx: Context) -> tuple[Block, ...]:
    events = ctx.debrief.timeline
    rows = tuple(
        (
            Text(ctx.timeline_clock.time(event.at)),
            Text(EventKind(event.kind).value.capitalize()),
            Text(event.text, f"timeline[{i}].text"),
        )
        for i, event in enumerate(events)
        if _present(event.text) or event.at is not None
    )
    if not rows:
        return ()
    time_width = 1.0
    if ctx.timeline_clock.spans_days:
        time_width += 0.7
    if ctx.timeline_clock.offset_per_line:
        time_width += 0.8
    table = Table(("Time", "Kind", "What happened"), rows, (time_width, 1.0, 5.0))
    return (Paragraph(Text(ctx.timeline_clock.zone_sentence()), note=True), table)


def response(ctx: Context) -> tuple[Block, ...]:
    return _prose(ctx.debrief.response, "response")


def _timing_row(stage: str, check: TargetCheck, answer: Answer | None) -> tuple[Text, ...]:
    met = {True: "Yes", False: "No", None: _NONE}[check.met]
    return (
        Text(stage),
        Text(format_duration(check.measured)),
        Text(format_target(check.target_minutes)),
        Text(met),
        Text(_ANSWERS.get(answer, _NONE)),
    )


def detection_and_fix(ctx: Context) -> tuple[Block, ...]:
    d = ctx.debrief
    detect, fix = detection_check(d), fix_check(d)
    answered = d.detection.answer is not None or d.fix.answer is not None
    notes = _present(d.detection.notes) or _present(d.fix.notes)
    if detect.measured is None and fix.measured is None and not answered and not notes:
        return ()
    table = Table(
        ("", "Measured", "Target", "Within target", "Could we have?"),
        (
            _timing_row("Time to detect", detect, d.detection.answer),
            _timing_row("Time to fix", fix, d.fix.answer),
        ),
        (1.6, 1.3, 1.2, 1.3, 1.5),
    )
    explain = Paragraph(
        Text(
            "Detection runs from the moment the problem began to the moment it was detected; "
            "fixing runs from detection to mitigation. “Could we have?” is the team's answer "
            "to whether the target was within reach."
        ),
        note=True,
    )
    blocks: list[Block] = [explain, table]
    if _present(d.detection.notes):
        blocks.append(Paragraph(Text(d.detection.notes, "detection.notes"), label="Detection"))
    if _present(d.fix.notes):
        blocks.append(Paragraph(Text(d.fix.notes, "fix.notes"), label="Fix"))
    return tuple(blocks)


def went_wrong(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.went_wrong, "went_wrong")


def contributing_factors(ctx: Context) -> tuple[Block, ...]:
    blocks: list[Block] = []
    factors = list(enumerate(ctx.debrief.contributing_factors))
    for kind, heading in _FACTOR_HEADINGS.items():
        texts = tuple(
            Text(f.text, f"contributing_factors[{i}].text")
            for i, f in factors
            if f.kind == kind and _present(f.text)
        )
        if texts:
            blocks += [SubHeading(heading), Bullets(texts)]
    return tuple(blocks)


def went_right(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.went_right, "went_right")


def got_lucky(ctx: Context) -> tuple[Block, ...]:
    return _listed(ctx.debrief.got_lucky, "got_lucky")


def action_items(ctx: Context) -> tuple[Block, ...]:
    rows = tuple(
        (
            Text(item.title, f"action_items[{i}].title"),
            Text(item.owner.strip() or _NONE),
            Text(item.priority.value if item.priority else _NONE),
            Text(short_date(item.due) if item.due else _NONE),
            Text(ticket_label(item.ticket) or _NONE, url=safe_url(item.ticket)),
            Text(_ACTION_STATUS.get(item.status, str(item.status))),
        )
        for i, item in enumerate(ctx.debrief.action_items)
        if _present(item.title)
    )
    if not rows:
        return ()
    columns = ("Action", "Owner", "Priority", "Due", "Ticket", "Status")
    return (Table(columns, rows, (3.7, 1.6, 1.1, 1.3, 1.4, 1.3)),)


def classification(ctx: Context) -> tuple[Block, ...]:
    d = ctx.debrief
    services = ", ".join(s.strip() for s in d.services if _present(s))
    tags = ", ".join(t.strip() for t in d.tags if _present(t))
    if not (services or tags or _present(d.primary_cause)):
        return ()
    rows: list[tuple[str, Text]] = []
    if d.severity:
        rows.append(("Severity", Text(d.severity)))
    if services:
        rows.append(("Services", Text(services)))
    if _present(d.primary_cause):
        rows.append(("Primary cause", Text(d.primary_cause, "primary_cause")))
    if tags:
        rows.append(("Tags", Text(tags)))
    return (Facts(tuple(rows)),)


def participants(ctx: Context) -> tuple[Block, ...]:
    by_role: dict[str, list[str]] = {}
    for person in ctx.debrief.participants:
        if _present(person.name):
            role = person.role.strip() or "Other participants"
            by_role.setdefault(role, []).append(person.name.strip())
    if not by_role:
        return ()
    return (Facts(tuple((role, Text(", ".join(names))) for role, names in by_role.items())),)


def checkpoint(ctx: Context) -> tuple[Block, ...]:
    day = ctx.debrief.checkpoint_at
    if day is None:
        return ()
    sentence = f"The team reviews these action items again on {long_date(day)}."
    return (Paragraph(Text(sentence)),)


Builder = Callable[[Context], tuple[Block, ...]]

#: The document's order, shared by every format. (key, heading, builder)
SECTION_BUILDERS: tuple[tuple[str, str, Builder], ...] = (
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
    ("classification", "Classification", classification),
    ("participants", "Participants", participants),
    ("checkpoint", "Checkpoint", checkpoint),
)


def build_sections(debrief: Debrief) -> list[Section]:
    """Return the debrief's non-empty sections in document order."""
    ctx = Context.of(debrief)
    sections = []
    for key, heading, builder in SECTION_BUILDERS:
        blocks = builder(ctx)
        if blocks:
            sections.append(Section(key, heading, blocks))
    return sections

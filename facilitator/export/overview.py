"""The first page: the title block and the "What happened" panel.

A reader who stops after the panel knows what broke, when it was noticed and
fixed, how long each took against the team's targets, and why it happened.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from facilitator.domain.model import Debrief, EventKind, TimelineEvent
from facilitator.domain.timing import (
    TargetCheck,
    detection_check,
    fix_check,
    format_duration,
    format_target,
    total_duration,
)
from facilitator.export.blocks import Block, Facts, Moment, Panel, Text, TitleBlock
from facilitator.export.context import REVIEW_STATUS, STATUS, Context, present
from facilitator.export.timefmt import long_date

#: How many contributing factors the panel names before saying how many more there are.
PANEL_FACTORS = 3
#: A factor longer than this is cut at a word in the panel; the section has it in full.
PANEL_FACTOR_CHARS = 90
FACILITATOR_ROLE = "facilitator"


def author_of(debrief: Debrief) -> str:
    """Return who wrote the debrief: the facilitator participants, else the facilitator field."""
    names = [
        p.name.strip()
        for p in debrief.participants
        if p.role.strip().casefold() == FACILITATOR_ROLE and present(p.name)
    ]
    if names:
        return ", ".join(dict.fromkeys(names))
    return debrief.facilitator.strip()


def build_title(debrief: Debrief) -> TitleBlock:
    """Return the title block: title, reference, severity, window, author, owner, status."""
    ctx = Context.of(debrief)
    rows: list[tuple[str, Text]] = []
    if present(debrief.incident):
        rows.append(("Incident", Text(debrief.incident.strip())))
    if debrief.severity is not None:
        rows.append(("Severity", Text(debrief.severity)))
    window = ctx.moment_clock.span(debrief.started_at, debrief.resolved_at or debrief.mitigated_at)
    if window:
        rows.append(("When", Text(window)))
    duration = total_duration(debrief)
    if duration is not None:
        rows.append(("Duration", Text(format_duration(duration))))
    if debrief.meeting_at is not None:
        rows.append(("Debrief held", Text(long_date(debrief.meeting_at.date()))))
    author = author_of(debrief)
    if author:
        rows.append(("Author", Text(author)))
    if present(debrief.owner):
        rows.append(("Owner", Text(debrief.owner.strip())))
    rows.append(("Status", Text(STATUS.get(debrief.status, str(debrief.status)))))
    if debrief.review_status is not None:
        review = REVIEW_STATUS.get(debrief.review_status, str(debrief.review_status))
        rows.append(("Review", Text(review)))
    title = debrief.title.strip() or "Untitled debrief"
    facts = Facts(tuple(rows), alt="Incident facts", pairs_per_row=2)
    return TitleBlock(title, "Incident debrief", facts, author)


def _event_for(debrief: Debrief, kind: EventKind, at: datetime | None) -> TimelineEvent | None:
    """The timeline event that marks a moment: same kind and time, else the first of the kind."""
    same_kind = [e for e in debrief.timeline if e.kind == kind and present(e.text)]
    for event in same_kind:
        if at is not None and event.at == at:
            return event
    return same_kind[0] if same_kind else None


def _against(name: str, check: TargetCheck) -> str:
    if check.measured is None:
        return ""
    text = f"{name}: {format_duration(check.measured)}"
    if check.target_minutes is not None:
        text += f" (target {format_target(check.target_minutes)})"
    return text


def _shortened(text: str, limit: int = PANEL_FACTOR_CHARS) -> str:
    text = " ".join(text.split()).rstrip(".;")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def _factors_line(debrief: Debrief) -> str:
    factors = [f.text for f in debrief.contributing_factors if present(f.text)]
    if not factors:
        return ""
    shown = "; ".join(_shortened(f) for f in factors[:PANEL_FACTORS])
    rest = len(factors) - PANEL_FACTORS
    if rest > 0:
        return f"{shown}; and {rest} more (see Contributing factors)."
    return f"{shown}."


def _moments(ctx: Context) -> list[Moment]:
    d = ctx.debrief
    detect, fix = detection_check(d), fix_check(d)
    total = total_duration(d)
    fix_on_mitigation = d.mitigated_at is not None
    stages: list[tuple[str, EventKind, datetime | None, str]] = [
        ("Trigger", EventKind.TRIGGER, d.started_at, ""),
        ("Detection", EventKind.DETECTION, d.detected_at, _against("Time to detect", detect)),
        (
            "Mitigation",
            EventKind.MITIGATION,
            d.mitigated_at,
            _against("Time to fix", fix) if fix_on_mitigation else "",
        ),
        (
            "Resolution",
            EventKind.RESOLUTION,
            d.resolved_at,
            _resolution_measure(fix, total, fix_on_mitigation),
        ),
    ]
    moments = []
    for label, kind, at, measured in stages:
        event = _event_for(d, kind, at)
        when = at if at is not None else (event.at if event else None)
        if when is None and event is None:
            continue
        what = " ".join(event.text.split()) if event else ""
        moments.append(Moment(label, ctx.moment_clock.time_with_zone(when), Text(what), measured))
    return moments


def _resolution_measure(fix: TargetCheck, total: timedelta | None, fixed_earlier: bool) -> str:
    parts = [] if fixed_earlier else [_against("Time to fix", fix)]
    if total is not None:
        parts.append(f"Duration: {format_duration(total)}")
    return "; ".join(p for p in parts if p)


def what_happened(ctx: Context) -> tuple[Block, ...]:
    """The panel under the title: moments with their times, the cause, the factors."""
    d = ctx.debrief
    facts: list[tuple[str, Text]] = []
    if present(d.primary_cause):
        facts.append(("Primary cause", Text(d.primary_cause, "primary_cause")))
    factors = _factors_line(d)
    if factors:
        facts.append(("Contributing factors", Text(factors)))
    moments = _moments(ctx)
    if not moments and not facts:
        return ()
    return (Panel(tuple(moments), tuple(facts)),)

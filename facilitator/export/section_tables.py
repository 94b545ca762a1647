"""The sections that are tables: timeline, detection and fix, action items, links, review.

Long timelines are split: the body shows the highlights (the marked moments and
the events starred in the editor) and the appendix holds every event, so the
action items are not pushed to page 20 of a 2,000-event incident.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from facilitator.domain.model import ActionItem, ActionStatus, Answer, EventKind, TimelineEvent
from facilitator.domain.timing import (
    TargetCheck,
    detection_check,
    fix_check,
    format_duration,
    format_target,
)
from facilitator.export.blocks import Block, Bullets, Paragraph, Table, Text
from facilitator.export.context import ACTION_KIND, ACTION_STATUS, NONE, Context, present
from facilitator.export.links import safe_url, shown_address, ticket_label
from facilitator.export.timefmt import short_date

#: Above this many events the body shows highlights and the appendix the full timeline.
HIGHLIGHTS_ABOVE = 40
#: Event kinds that mark the moments the timing is measured between.
MARKED_KINDS = frozenset(
    {EventKind.TRIGGER, EventKind.DETECTION, EventKind.MITIGATION, EventKind.RESOLUTION}
)
_ANSWERS = {Answer.YES: "Yes", Answer.NO: "No", None: "Not answered"}
_PRIORITY_ORDER = {"P1": 1, "P2": 2, "P3": 3, "P4": 4}


def _shown(event: TimelineEvent) -> bool:
    return present(event.text) or event.at is not None


def is_long(ctx: Context) -> bool:
    """True when the timeline is long enough to be split into highlights and an appendix."""
    return sum(1 for e in ctx.debrief.timeline if _shown(e)) > HIGHLIGHTS_ABOVE


def is_highlight(event: TimelineEvent) -> bool:
    """True for a marked moment (trigger, detection, mitigation, resolution) or a starred event."""
    return event.starred or event.kind in MARKED_KINDS


def _timeline_table(ctx: Context, picked: list[tuple[int, TimelineEvent]], alt: str) -> Table:
    rows = tuple(
        (
            Text(ctx.timeline_clock.time(event.at)),
            Text(EventKind(event.kind).value.capitalize()),
            Text(event.text, f"timeline[{i}].text"),
        )
        for i, event in picked
    )
    return Table(
        ("Time", "Kind", "What happened"),
        rows,
        (1.0, 1.0, 5.0),
        nowrap=(True, True, False),
        alt=alt,
    )


def timeline(ctx: Context) -> tuple[Block, ...]:
    """The timeline in the body: every event, or only the highlights of a long one."""
    events = [(i, e) for i, e in enumerate(ctx.debrief.timeline) if _shown(e)]
    if not events:
        return ()
    zone = Paragraph(Text(ctx.timeline_clock.zone_sentence()), note=True)
    if not is_long(ctx):
        return (zone, _timeline_table(ctx, events, "Timeline of the incident"))
    picked = [(i, e) for i, e in events if is_highlight(e)]
    count = f"{len(picked):,} of {len(events):,} events" if picked else "No events"
    intro = Paragraph(
        Text(
            f"{count} are shown here: the moments marked as trigger, detection, mitigation "
            "and resolution, and the events starred in the timeline. The full timeline is in "
            "the appendix. " + ctx.timeline_clock.zone_sentence()
        ),
        note=True,
    )
    if not picked:
        return (intro,)
    return (intro, _timeline_table(ctx, picked, "Timeline highlights"))


def full_timeline(ctx: Context) -> tuple[Block, ...]:
    """The appendix: every event of a long timeline."""
    if not is_long(ctx):
        return ()
    events = [(i, e) for i, e in enumerate(ctx.debrief.timeline) if _shown(e)]
    zone = Paragraph(Text(ctx.timeline_clock.zone_sentence()), note=True)
    return (zone, _timeline_table(ctx, events, "Full timeline of the incident"))


def _within(check: TargetCheck) -> str:
    return {True: "Yes", False: "No", None: NONE}[check.met]


def _timing_row(stage: str, check: TargetCheck, answer: Answer | None) -> tuple[Text, ...]:
    return (
        Text(stage),
        Text(format_duration(check.measured)),
        Text(format_target(check.target_minutes)),
        Text(_within(check)),
        Text(_ANSWERS.get(answer, NONE)),
    )


def detection_and_fix(ctx: Context) -> tuple[Block, ...]:
    """Measured times against targets, and whether the team finds the target achievable."""
    d = ctx.debrief
    detect, fix = detection_check(d), fix_check(d)
    answered = d.detection.answer is not None or d.fix.answer is not None
    notes = present(d.detection.notes) or present(d.fix.notes)
    if detect.measured is None and fix.measured is None and not answered and not notes:
        return ()
    table = Table(
        ("", "Measured", "Target", "Within target", "Achievable next time"),
        (
            _timing_row("Time to detect", detect, d.detection.answer),
            _timing_row("Time to fix", fix, d.fix.answer),
        ),
        (1.0, 1.0, 1.0, 1.0, 1.0),
        nowrap=(True, True, True, True, True),
        alt="Time to detect and to fix, measured against the targets",
    )
    explain = Paragraph(
        Text(
            "Detection runs from the moment the problem began to the moment it was detected; "
            "fixing runs from detection to mitigation. “Achievable next time” is the team's "
            "view of whether the target is within reach."
        ),
        note=True,
    )
    blocks: list[Block] = [explain, table]
    if present(d.detection.notes):
        blocks.append(Paragraph(Text(d.detection.notes, "detection.notes"), label="Detection"))
    if present(d.fix.notes):
        blocks.append(Paragraph(Text(d.fix.notes, "fix.notes"), label="Fix"))
    return tuple(blocks)


def _order(item: ActionItem) -> tuple[int, date]:
    priority = _PRIORITY_ORDER.get(item.priority.value if item.priority else "", 9)
    return priority, item.due or date.max


def rollup(items: list[ActionItem]) -> str:
    """Say how many actions there are and where they stand: "5 actions: 3 open, 2 done"."""
    counts = Counter(item.status for item in items)
    total = len(items)
    open_count = counts[ActionStatus.OPEN] + counts[ActionStatus.IN_PROGRESS]
    parts = []
    if open_count:
        started = counts[ActionStatus.IN_PROGRESS]
        parts.append(f"{open_count} open" + (f" ({started} in progress)" if started else ""))
    if counts[ActionStatus.DONE]:
        parts.append(f"{counts[ActionStatus.DONE]} done")
    if counts[ActionStatus.WONT_DO]:
        parts.append(f"{counts[ActionStatus.WONT_DO]} won't do")
    noun = "action" if total == 1 else "actions"
    return f"{total:,} {noun}: " + ", ".join(parts) + "."


def action_items(ctx: Context) -> tuple[Block, ...]:
    """Action items by priority, then due date, with a line saying how many are still open."""
    listed = [(i, a) for i, a in enumerate(ctx.debrief.action_items) if present(a.title)]
    if not listed:
        return ()
    listed.sort(key=lambda pair: _order(pair[1]))
    rows = tuple(
        (
            Text(item.title, f"action_items[{i}].title"),
            Text(ACTION_KIND.get(item.kind, NONE) if item.kind else NONE),
            Text(item.owner.strip() or NONE),
            Text(item.priority.value if item.priority else NONE),
            Text(short_date(item.due) if item.due else NONE),
            Text(ticket_label(item.ticket) or NONE, url=safe_url(item.ticket)),
            Text(ACTION_STATUS.get(item.status, str(item.status))),
        )
        for i, item in listed
    )
    table = Table(
        ("Action", "Type", "Owner", "Priority", "Due", "Ticket", "Status"),
        rows,
        (4.0, 1.0, 1.6, 1.0, 1.0, 1.0, 1.0),
        nowrap=(False, True, True, True, True, True, True),
        alt="Action items by priority and due date, with owner, ticket and status",
    )
    summary = Paragraph(Text(rollup([a for _i, a in listed])))
    return (summary, table)


def supporting_links(ctx: Context) -> tuple[Block, ...]:
    """Dashboards, chat channels and tickets, each named and linked."""
    items: list[Text] = []
    labels: list[str] = []
    for link in ctx.debrief.links:
        url = safe_url(link.url)
        label = " ".join(link.label.split())
        if url:
            items.append(Text(shown_address(url), url=url))
        elif present(link.url):
            items.append(Text(link.url.strip()))
        elif label:
            items.append(Text(label))
            label = ""
        else:
            continue
        labels.append(label)
    if not items:
        return ()
    return (Bullets(tuple(items), tuple(labels)),)


def review(ctx: Context) -> tuple[Block, ...]:
    """Who reviewed the written debrief, when, and whether they signed it off."""
    people = [r for r in ctx.debrief.reviewers if present(r.name)]
    if not people:
        return ()
    rows = tuple(
        (
            Text(r.name.strip()),
            Text(r.role.strip() or NONE),
            Text(short_date(r.reviewed_on) if r.reviewed_on else NONE),
            Text("Yes" if r.signed else "No"),
        )
        for r in people
    )
    return (
        Table(
            ("Reviewer", "Role", "Date", "Signed"),
            rows,
            (2.0, 2.0, 1.0, 1.0),
            nowrap=(False, False, True, True),
            alt="Reviewers of this debrief, with role, date and sign-off",
        ),
    )

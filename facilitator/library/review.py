"""The monthly learning review as format-neutral sections.

Leadership gets one document a month: the month's key learnings first, each
under the debrief it came from; then the month in numbers, the classification
matrix, the trend charts over the last twelve months, and the action items
still open. Writers (Word, Markdown, PDF) draw these blocks; charts are named by
key and rendered by :mod:`facilitator.charts`.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.domain.model import ActionItem, DebriefSummary, Priority
from facilitator.domain.taxonomy import Taxonomy
from facilitator.domain.timing import format_duration
from facilitator.export.blocks import Block, Bullets, Paragraph, SubHeading, Table, Text
from facilitator.export.timefmt import MONTHS
from facilitator.library.facts import DebriefFacts
from facilitator.library.matrix import COLUMNS, WIDTHS, MatrixRow, incident_label
from facilitator.library.trends import NOT_SET, count_by, pareto, start_heatmap

#: Past this many overdue items from earlier months, the review lists the first and counts the rest.
MAX_OVERDUE_ROWS = 60


@dataclass(frozen=True)
class Chart:
    """A trend chart to place here, by key (see ``facilitator.charts.render.CHARTS``)."""

    key: str
    title: str
    caption: str = ""


@dataclass(frozen=True)
class ReviewSection:
    """A titled part of the review."""

    heading: str
    blocks: tuple[Block | Chart, ...]


@dataclass(frozen=True)
class Review:
    """The whole review."""

    title: str
    subtitle: str
    sections: tuple[ReviewSection, ...]


@dataclass(frozen=True)
class Learnings:
    """One debrief of the month and what it taught."""

    debrief: DebriefSummary
    severity_rank: int
    texts: tuple[str, ...]


def month_name(month: date) -> str:
    """ "November 2026"."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def matrix_table(rows: Sequence[MatrixRow]) -> Table:
    """The matrix as a document table."""
    return Table(COLUMNS, tuple(tuple(Text(c) for c in row.cells) for row in rows), WIDTHS)


ACTION_COLUMNS = ("Action item", "Debrief", "Owner", "Priority", "Due", "Ticket", "Status")
ACTION_WIDTHS = (3.0, 2.4, 1.2, 0.7, 0.9, 0.9, 0.9)


def actions_table(items: Sequence[tuple[DebriefSummary, ActionItem]], today: date) -> Table:
    """Action items with their debrief; overdue ones say so."""
    rows = []
    for summary, item in items:
        due = item.due.isoformat() if item.due else "—"
        if item.due and item.is_open and item.due < today:
            due += " (overdue)"
        label = " · ".join(p for p in (summary.incident, summary.title) if p) or "Untitled"
        rows.append(
            (
                Text(item.title or "—"),
                Text(label),
                Text(item.owner or "—"),
                Text(item.priority.value if isinstance(item.priority, Priority) else "—"),
                Text(due),
                Text(item.ticket or "—"),
                Text(item.status.value.replace("_", " ")),
            )
        )
    return Table(ACTION_COLUMNS, tuple(rows), ACTION_WIDTHS)


def _minutes(values: list[float]) -> str:
    if not values:
        return "—"
    from datetime import timedelta

    return format_duration(timedelta(minutes=round(statistics.median(values), 1)))


def numbers(facts: Sequence[DebriefFacts], taxonomy: Taxonomy) -> list[Block]:
    """The month in a few sentences: counts by severity, timings against targets, causes."""
    if not facts:
        return [Paragraph(Text("No incidents were debriefed this month."))]
    by_severity = ", ".join(
        f"{c.count} {c.key}" for c in count_by(facts, "severity", taxonomy) if c.key != NOT_SET
    )
    detect = [d.total_seconds() / 60 for f in facts if (d := f.time_to_detect) is not None]
    fix = [d.total_seconds() / 60 for f in facts if (d := f.time_to_fix) is not None]
    within_detect = [
        d.total_seconds() / 60 <= f.detection_target
        for f in facts
        if (d := f.time_to_detect) is not None and f.detection_target is not None
    ]
    within_fix = [
        d.total_seconds() / 60 <= f.fix_target
        for f in facts
        if (d := f.time_to_fix) is not None and f.fix_target is not None
    ]
    causes = pareto(facts, taxonomy)[:3]
    top = "; ".join(f"{b.cause} ({b.count})" for b in causes if b.cause != NOT_SET)
    share = lambda xs: f"{sum(xs) / len(xs):.0%}" if xs else "—"  # noqa: E731
    open_items = sum(f.open_actions for f in facts)
    lines = [
        f"{len(facts)} incidents were debriefed" + (f": {by_severity}." if by_severity else "."),
        f"Median time to detect {_minutes(detect)} ({share(within_detect)} within target); "
        f"median time to fix {_minutes(fix)} ({share(within_fix)} within target).",
        f"Most common primary causes: {top}." if top else "No primary causes were recorded.",
        f"{open_items} of their action items are still open.",
    ]
    return [Bullets(tuple(Text(line) for line in lines))]


def heatmap_caption(facts: Sequence[DebriefFacts]) -> str:
    """Where the starts cluster, in words, for readers who skip the picture."""
    grid = start_heatmap(facts)
    hours = Counter({h: sum(row[h] for row in grid) for h in range(24)})
    total = sum(hours.values())
    if not total:
        return ""
    busiest = sorted(h for h, _ in hours.most_common(4))
    share = sum(hours[h] for h in busiest) / total
    listed = ", ".join(f"{h:02d}:00" for h in busiest)
    return f"The busiest start hours were {listed}: {share:.0%} of starts in 4 of 24 hours."


def build_review(
    month: date,
    month_facts: Sequence[DebriefFacts],
    trend_facts: Sequence[DebriefFacts],
    matrix: Sequence[MatrixRow],
    learnings: Sequence[Learnings],
    open_items: Sequence[tuple[DebriefSummary, ActionItem]],
    overdue: Sequence[tuple[DebriefSummary, ActionItem]],
    taxonomy: Taxonomy,
    today: date,
) -> Review:
    """Assemble the review of ``month`` (any day of it)."""
    name = month_name(month)
    learned: list[Block | Chart] = []
    for entry in sorted(learnings, key=lambda e: (e.severity_rank, e.debrief.date or month)):
        d = entry.debrief
        facts_line = " · ".join(
            p for p in (d.severity or "", d.date.date().isoformat() if d.date else "") if p
        )
        learned.append(
            SubHeading(
                f"{incident_label_of(d)}  ({facts_line})" if facts_line else incident_label_of(d)
            )
        )
        learned.append(Bullets(tuple(Text(t, "learnings") for t in entry.texts)))
    if not learned:
        learned.append(Paragraph(Text("No key learnings were written down this month.")))
    charts: tuple[Block | Chart, ...] = (
        Paragraph(
            Text("Each chart covers the twelve months up to the end of " + name + "."), note=True
        ),
        Chart("services", "Incidents per service per month, by severity"),
        Chart("timing", "Time to detect and to fix against the targets"),
        Chart("pareto", "Primary causes"),
        Chart("factors", "Kinds of contributing factors"),
        Chart("heatmap", "When incidents start", heatmap_caption(trend_facts)),
        Chart("actions", "Action items opened and closed"),
    )
    follow_up: list[Block | Chart] = [
        Paragraph(Text(f"{len(open_items)} action items from {name} are still open.")),
    ]
    if open_items:
        follow_up.append(actions_table(open_items, today))
    if overdue:
        shown = overdue[:MAX_OVERDUE_ROWS]
        follow_up.append(SubHeading("Overdue from earlier months"))
        more = len(overdue) - len(shown)
        note = f" The {len(shown)} due soonest are listed; {more} more are overdue." if more else ""
        follow_up.append(
            Paragraph(Text(f"{len(overdue)} older action items are past their due date.{note}"))
        )
        follow_up.append(actions_table(shown, today))
    empty = (Paragraph(Text("No debriefs this month.")),)
    sections = (
        ReviewSection("Key learnings", tuple(learned)),
        ReviewSection(f"{name} in numbers", tuple(numbers(month_facts, taxonomy))),
        ReviewSection("Classification matrix", (matrix_table(matrix),) if matrix else empty),
        ReviewSection("Trends", charts),
        ReviewSection("Open action items", tuple(follow_up)),
    )  # fmt: skip
    subtitle = (
        f"Monthly learning review · {len(month_facts)} debriefs · prepared {today.isoformat()}"
    )
    return Review(f"Learning review: {name}", subtitle, sections)


def incident_label_of(summary: DebriefSummary) -> str:
    """ "INC-1 · Title" for a summary."""
    parts = [p for p in (summary.incident.strip(), " ".join(summary.title.split())) if p]
    return " · ".join(parts) or "Untitled debrief"


__all__ = ["Chart", "Learnings", "Review", "ReviewSection", "build_review", "incident_label"]

"""Summary documents of a checkpoint (one page) and of a monthly review.

They are built from the export package's format-neutral blocks, so the Word
and Markdown writers draw them exactly as they draw a debrief.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from facilitator.domain.model import Priority
from facilitator.export.blocks import (
    Block,
    Bullets,
    Facts,
    Paragraph,
    Section,
    Table,
    Text,
    TitleBlock,
)
from facilitator.export.timefmt import long_date, short_date
from facilitator.followup.records import STATUS_LABELS
from facilitator.followup.review import (
    DECISION_LABELS,
    DecisionRecord,
    Review,
    ReviewKind,
    summarise,
)

_NONE = "—"


def _day(day: date | None) -> str:
    return short_date(day) if day else _NONE


def _priority(p: Priority | None) -> str:
    return p.value if p else _NONE


def _change(before: str, after: str) -> str:
    return after if before == after else f"{before} → {after}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _facts(review: Review, extra: list[tuple[str, str]]) -> Facts:
    s = summarise(review.decisions)
    rows = [("Held on", long_date(review.held_on))]
    if review.held_by.strip():
        rows.append(("Held by", review.held_by.strip()))
    rows += extra
    rows += [
        ("Items reviewed", str(len(review.decisions))),
        (
            "Outcome",
            f"{len(s.closed)} done, {len(s.dropped)} dropped, "
            f"{len(s.reprioritised)} re-planned, {s.open_after} still open",
        ),
    ]
    return Facts(tuple((label, Text(value)) for label, value in rows))


def _decision_row(d: DecisionRecord) -> tuple[Text, ...]:
    note = d.reason if d.dropped and d.reason else d.note
    if d.dropped and d.reason and d.note:
        note = f"{d.reason} ({d.note})"
    return (
        Text(_one_line(d.title)),
        Text(_one_line(d.owner) or _NONE),
        Text(DECISION_LABELS[d.decision]),
        Text(_change(_priority(d.before_priority), _priority(d.after_priority))),
        Text(_change(_day(d.before_due), _day(d.after_due))),
        Text(note or ""),
    )


def checkpoint_document(review: Review, debrief_title: str) -> tuple[TitleBlock, list[Section]]:
    """The one-page summary of a debrief's checkpoint."""
    title = _one_line(debrief_title) or "Untitled debrief"
    if review.next_checkpoint:
        following = long_date(review.next_checkpoint)
    else:
        following = "None planned" if summarise(review.decisions).open_after else "Not needed"
    facts = _facts(review, [("Next checkpoint", following)])
    sections = []
    if review.decisions:
        table = Table(
            ("Action", "Owner", "Decision", "Priority", "Due", "Note"),
            tuple(_decision_row(d) for d in review.decisions),
            (3.0, 1.5, 1.3, 1.0, 1.8, 2.6),
        )
        sections.append(Section("decisions", "Decisions", (table,)))
    else:
        sections.append(
            Section("decisions", "Decisions", (Paragraph(Text("No item was reviewed.")),))
        )
    dropped = [d for d in review.decisions if d.dropped]
    if dropped:
        bullets = Bullets(tuple(Text(f"{_one_line(d.title)}: {d.reason}") for d in dropped))
        sections.append(Section("dropped", "Dropped, and why", (bullets,)))
    return TitleBlock(f"Checkpoint: {title}", "Action item checkpoint", facts), sections


def _grouped(decisions: Sequence[DecisionRecord]) -> dict[str, list[DecisionRecord]]:
    groups: dict[str, list[DecisionRecord]] = {}
    for d in decisions:
        groups.setdefault(_one_line(d.debrief_title) or "Untitled debrief", []).append(d)
    return groups


def _table_or(
    empty: str, columns: tuple[str, ...], rows: list[tuple[Text, ...]], widths: tuple[float, ...]
) -> tuple[Block, ...]:
    if not rows:
        return (Paragraph(Text(empty)),)
    return (Table(columns, tuple(rows), widths),)


def monthly_document(review: Review) -> tuple[TitleBlock, list[Section]]:
    """The monthly review's summary: what closed, what was dropped and why, what was re-planned."""
    s = summarise(review.decisions)
    debriefs = len({d.debrief_id for d in review.decisions})
    facts = _facts(review, [("Debriefs", str(debriefs))])
    month = f"{long_date(review.held_on).split(' ', 2)[2]}"

    def where(d: DecisionRecord) -> Text:
        return Text(_one_line(d.debrief_title) or "Untitled debrief")

    closed = [
        (Text(_one_line(d.title)), where(d), Text(_one_line(d.owner) or _NONE), Text(d.note))
        for d in s.closed
    ]
    dropped = [
        (Text(_one_line(d.title)), where(d), Text(d.reason), Text(d.note)) for d in s.dropped
    ]
    replanned = [
        (
            Text(_one_line(d.title)),
            where(d),
            Text(_change(_priority(d.before_priority), _priority(d.after_priority))),
            Text(_change(_day(d.before_due), _day(d.after_due))),
            Text(d.note),
        )
        for d in s.reprioritised
    ]
    remaining = [
        (
            Text(_one_line(d.title)),
            where(d),
            Text(_one_line(d.owner) or _NONE),
            Text(_priority(d.after_priority)),
            Text(_day(d.after_due)),
            Text(STATUS_LABELS[d.after_status]),
        )
        for d in (*s.in_progress, *s.still_open)
    ]
    sections = [
        Section("closed", "What closed", _table_or(
            "Nothing was closed in this review.", ("Action", "Debrief", "Owner", "Note"), closed,
            (3.0, 2.6, 1.5, 2.6))),
        Section("dropped", "What was dropped, and why", _table_or(
            "Nothing was dropped.", ("Action", "Debrief", "Why", "Note"), dropped,
            (3.0, 2.6, 2.6, 1.6))),
        Section("replanned", "What was re-prioritised", _table_or(
            "No priority or due date changed.", ("Action", "Debrief", "Priority", "Due", "Note"),
            replanned, (2.8, 2.4, 1.1, 1.9, 1.8))),
        Section("open", "Still open", _table_or(
            "Every reviewed item is closed.",
            ("Action", "Debrief", "Owner", "Priority", "Due", "Status"), remaining,
            (2.8, 2.4, 1.5, 0.9, 1.2, 1.2))),
    ]  # fmt: skip
    per_debrief = _grouped(review.decisions)
    if len(per_debrief) > 1:
        lines = tuple(
            Text(f"{name}: {len(items)} item{'s' if len(items) != 1 else ''} reviewed")
            for name, items in per_debrief.items()
        )
        sections.append(Section("debriefs", "Debriefs reviewed", (Bullets(lines),)))
    title = TitleBlock("Monthly review of open action items", f"Review of {month}", facts)
    return title, sections


def review_document(review: Review, debrief_title: str = "") -> tuple[TitleBlock, list[Section]]:
    """The summary document for ``review`` (checkpoint or monthly)."""
    if review.kind is ReviewKind.CHECKPOINT:
        return checkpoint_document(review, debrief_title)
    return monthly_document(review)


def render_summary_markdown(review: Review, debrief_title: str = "") -> str:
    """The summary as Markdown."""
    from facilitator.export.markdown_writer import render_document

    return render_document(*review_document(review, debrief_title))


def export_summary(
    review: Review,
    out: str | Path,
    fmt: str,
    *,
    debrief_title: str = "",
    template: str | None = None,
) -> Path:
    """Write the summary as ``fmt`` ("docx" or "md") to ``out``.

    Raises:
        ExportError: the file cannot be written.
    """
    if fmt == "md":
        from facilitator.export.atomic import write_atomically

        data = render_summary_markdown(review, debrief_title).encode("utf-8")
        return write_atomically(Path(out), lambda stream: stream.write(data))
    # python-docx loads only when a Word file is asked for.
    from facilitator.export.docx_writer import export_document

    title, sections = review_document(review, debrief_title)
    return export_document(title, sections, out, template=template)

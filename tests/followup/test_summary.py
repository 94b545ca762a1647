"""Checkpoint and monthly summary documents, in Markdown and Word."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from docx import Document

from facilitator.domain.model import ActionStatus, Priority
from facilitator.followup.records import records_of
from facilitator.followup.review import (
    Choice,
    Decision,
    Review,
    ReviewKind,
    decision_record,
    monthly_items,
    outcome,
    summarise,
)
from facilitator.followup.summary import export_summary, render_summary_markdown

from support.samples import sample_debrief

HELD = date(2026, 3, 30)


def _review(kind: ReviewKind = ReviewKind.CHECKPOINT) -> Review:
    first, second = records_of(sample_debrief())
    other = replace(first, uid="x", debrief_id="d2", debrief_title="DNS outage", title="Resolver")
    decisions = (
        decision_record(first, Choice(Decision.DONE, note="Merged")),
        decision_record(
            second, Choice(Decision.STILL_RELEVANT, due=date(2026, 4, 20), priority=Priority.P1)
        ),
        decision_record(other, Choice(Decision.DROPPED, reason="Replaced by the new DNS vendor")),
    )  # fmt: skip
    return Review("r1", kind, HELD, "Maya Chen", None, date(2026, 4, 13), True, decisions)


def test_outcomes() -> None:
    first = records_of(sample_debrief())[0]
    assert outcome(first, Choice(Decision.DONE)).status is ActionStatus.DONE
    assert outcome(first, Choice(Decision.IN_PROGRESS)).status is ActionStatus.IN_PROGRESS
    kept = outcome(first, Choice(Decision.STILL_RELEVANT, due=date(2026, 5, 1)))
    assert kept.status is ActionStatus.OPEN and kept.due == date(2026, 5, 1)
    assert kept.priority is Priority.P1
    try:
        outcome(first, Choice(Decision.DROPPED, reason="  "))
    except ValueError as exc:
        assert "Say why" in str(exc)
    else:
        raise AssertionError("dropping needs a reason")


def test_summarise_sorts_decisions() -> None:
    s = summarise(_review().decisions)
    assert [d.title for d in s.closed] == ["Validate pool limits in CI"]
    assert [d.reason for d in s.dropped] == ["Replaced by the new DNS vendor"]
    assert [d.title for d in s.reprioritised] == ["Saturation alert on payment pool"]
    assert s.open_after == 1


def test_monthly_order_is_oldest_debrief_first() -> None:
    records = records_of(sample_debrief())
    older = [
        replace(r, debrief_id="old", debrief_day=date(2025, 1, 1), uid=r.uid + "o") for r in records
    ]
    closed = replace(records[0], uid="c", status=ActionStatus.DONE)
    ordered = monthly_items([*records, closed, *older])
    assert [r.debrief_id for r in ordered] == [
        "old",
        "old",
        records[0].debrief_id,
        records[0].debrief_id,
    ]


def test_checkpoint_markdown() -> None:
    text = render_summary_markdown(_review(), "Checkout errors")
    assert text.startswith("# Checkpoint: Checkout errors")
    assert "**Next checkpoint:** Monday 13 April 2026" in text
    assert (
        "| Saturation alert on payment pool | Ravi Patel | Still relevant | P2 → P1 | "
        "30 Mar 2026 → 20 Apr 2026 |" in text
    )
    assert "## Dropped, and why" in text and "Resolver: Replaced by the new DNS vendor" in text


def test_monthly_markdown_says_what_closed_dropped_and_moved() -> None:
    text = render_summary_markdown(_review(ReviewKind.MONTHLY))
    assert text.startswith("# Monthly review of open action items")
    for heading in (
        "What closed",
        "What was dropped, and why",
        "What was re-prioritised",
        "Still open",
    ):
        assert f"## {heading}" in text
    assert "| Resolver | DNS outage | Replaced by the new DNS vendor |" in text
    assert "2 items reviewed" in text and "1 item reviewed" in text


def test_word_summary(tmp_path: Path) -> None:
    out = export_summary(_review(), tmp_path / "checkpoint.docx", "docx", debrief_title="Checkout")
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Checkpoint: Checkout" in text and "Decisions" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Still relevant" in cells and "Replaced by the new DNS vendor" in "\n".join(cells)
    md = export_summary(_review(), tmp_path / "checkpoint.md", "md", debrief_title="Checkout")
    assert md.read_text(encoding="utf-8").startswith("# Checkpoint: Checkout")

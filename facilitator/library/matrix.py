"""The classification matrix: one row per debrief, its cells as text, and CSV.

The columns follow the classification the practice recommends (incident,
severity, system or component, primary cause, contributing factors, tags) plus
how long detection and fixing took and how many action items are still open.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from facilitator.domain.taxonomy import Taxonomy
from facilitator.domain.timing import format_duration
from facilitator.library.facts import DebriefFacts

COLUMNS = (
    "Incident",
    "Severity",
    "System / component",
    "Primary cause",
    "Contributing factors",
    "Tags",
    "TTD",
    "TTR",
    "Open actions",
)
#: Relative widths for documents: the factors need the most room.
WIDTHS = (2.2, 0.8, 1.4, 1.4, 2.6, 1.2, 0.8, 0.8, 0.7)
#: Cells that begin like a formula are prefixed so a spreadsheet shows them as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class MatrixRow:
    """One debrief in the matrix: display texts, and keys that sort the way people expect."""

    id: str
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]


def _minutes(delta: timedelta | None) -> float:
    return float("inf") if delta is None else delta.total_seconds() / 60


def short_duration(delta: timedelta | None) -> str:
    """A duration for a narrow cell: "45 s", "6 min", "1 h 05 min", "2 d 3 h"."""
    if delta is None or delta < timedelta(minutes=1):
        return format_duration(delta)
    return format_duration(timedelta(minutes=round(delta.total_seconds() / 60)))


def incident_label(facts: DebriefFacts) -> str:
    """ "INC-2041 · Checkout errors", or whichever half exists."""
    parts = [p for p in (facts.incident.strip(), " ".join(facts.title.split())) if p]
    return " · ".join(parts) or "Untitled debrief"


def _joined(values: tuple[str, ...], sep: str = ", ") -> str:
    return sep.join(dict.fromkeys(" ".join(v.split()) for v in values if v.strip()))


def cells(facts: DebriefFacts) -> tuple[str, ...]:
    """The matrix cells of one debrief, as shown."""
    factors = "; ".join(" ".join(text.split()) for _kind, text in facts.factors if text.strip())
    return (
        incident_label(facts),
        facts.severity or "—",
        _joined(facts.services) or "—",
        " ".join(facts.primary_cause.split()) or "—",
        factors or "—",
        _joined(facts.tags) or "—",
        short_duration(facts.time_to_detect),
        short_duration(facts.time_to_fix),
        str(facts.open_actions),
    )


def sort_key(column: int, facts: DebriefFacts, taxonomy: Taxonomy) -> object:
    """A key that sorts ``column`` the way people expect; unknown values sort last."""
    last = "\uffff"
    if column == 0:
        return (facts.day.toordinal() if facts.day else 0, incident_label(facts).casefold())
    if column == 1:
        return taxonomy.severity_rank(facts.severity or None)
    if column == 2:
        return _joined(facts.services).casefold() or last
    if column == 3:
        return taxonomy.cause_label(facts.primary_cause).casefold() or last
    if column == 4:
        return "; ".join(t for _k, t in facts.factors).casefold() or last
    if column == 5:
        return _joined(facts.tags).casefold() or last
    if column == 6:
        return _minutes(facts.time_to_detect)
    if column == 7:
        return _minutes(facts.time_to_fix)
    return facts.open_actions


def matrix_row(facts: DebriefFacts, taxonomy: Taxonomy) -> MatrixRow:
    """The row for one debrief (for exports; the window computes cells as rows show)."""
    return MatrixRow(
        facts.id, cells(facts), tuple(sort_key(c, facts, taxonomy) for c in range(len(COLUMNS)))
    )


def matrix_rows(facts: Sequence[DebriefFacts], taxonomy: Taxonomy) -> list[MatrixRow]:
    """Rows for every debrief, in the order given (newest incident first from the store)."""
    return [matrix_row(f, taxonomy) for f in facts]


def _safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: Sequence[MatrixRow], facts: Sequence[DebriefFacts]) -> str:
    """The matrix as CSV with a date column first, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("Date", *COLUMNS))
    days = {f.id: (f.day.isoformat() if f.day else "") for f in facts}
    for row in rows:
        cells = ["" if c == "—" else c for c in row.cells]
        writer.writerow((days.get(row.id, ""), *(_safe_cell(c) for c in cells)))
    return out.getvalue()

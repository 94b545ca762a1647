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


def incident_label(facts: DebriefFacts) -> str:
    """ "INC-2041 · Checkout errors", or whichever half exists."""
    parts = [p for p in (facts.incident.strip(), " ".join(facts.title.split())) if p]
    return " · ".join(parts) or "Untitled debrief"


def matrix_row(facts: DebriefFacts, taxonomy: Taxonomy) -> MatrixRow:
    """The row for one debrief."""
    severity = facts.severity or ""
    services = ", ".join(dict.fromkeys(" ".join(s.split()) for s in facts.services if s.strip()))
    factors = "; ".join(" ".join(text.split()) for _kind, text in facts.factors if text.strip())
    tags = ", ".join(dict.fromkeys(t.strip() for t in facts.tags if t.strip()))
    cause = " ".join(facts.primary_cause.split())
    ttd, ttr = facts.time_to_detect, facts.time_to_fix
    cells = (
        incident_label(facts),
        severity or "—",
        services or "—",
        cause or "—",
        factors or "—",
        tags or "—",
        format_duration(ttd),
        format_duration(ttr),
        str(facts.open_actions),
    )
    sort_keys = (
        (facts.day.toordinal() if facts.day else 0, cells[0].casefold()),
        taxonomy.severity_rank(severity or None),
        services.casefold() or "\uffff",
        taxonomy.cause_label(cause).casefold() or "\uffff",
        factors.casefold() or "\uffff",
        tags.casefold() or "\uffff",
        _minutes(ttd),
        _minutes(ttr),
        facts.open_actions,
    )
    return MatrixRow(facts.id, cells, sort_keys)


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

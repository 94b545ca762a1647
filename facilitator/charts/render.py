"""Build every trend chart from facts, and write charts as PNG for documents."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from facilitator.charts import figures
from facilitator.domain.model import DEFAULT_DETECTION_TARGET_MINUTES, DEFAULT_FIX_TARGET_MINUTES
from facilitator.domain.taxonomy import Taxonomy
from facilitator.library import trends
from facilitator.library.facts import DebriefFacts

#: Chart keys in the order the window's tabs and the review show them.
CHARTS = ("services", "timing", "pareto", "factors", "heatmap", "actions")
TITLES = {
    "services": "Incidents per service",
    "timing": "Detect and fix",
    "pareto": "Primary causes",
    "factors": "Contributing factors",
    "heatmap": "Start times",
    "actions": "Action items",
}


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: the period ("month" or "quarter") for charts over time.

    ``fixed`` gives each chart a fixed layout for its fixed size (documents);
    otherwise constrained layout fits it to whatever size it is shown at (windows).
    """

    period: str = "month"
    fixed: bool = False


def _target(values: Sequence[float | None], default: float) -> float:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else default


def build_chart(
    key: str, facts: Sequence[DebriefFacts], taxonomy: Taxonomy, spec: ChartSpec = ChartSpec()
) -> Figure:
    """The chart ``key`` (one of :data:`CHARTS`) for these debriefs."""
    fixed = spec.fixed
    if key == "services":
        panels = trends.by_period_and_severity(facts, spec.period, taxonomy)
        return figures.services_by_severity(panels, taxonomy, spec.period, fixed=fixed)
    if key == "timing":
        detect = _target([f.detection_target for f in facts], DEFAULT_DETECTION_TARGET_MINUTES)
        fix = _target([f.fix_target for f in facts], DEFAULT_FIX_TARGET_MINUTES)
        points = trends.timing_by_period(facts, spec.period)
        return figures.timing(points, detect, fix, fixed=fixed)
    if key == "pareto":
        return figures.pareto_chart(trends.pareto(facts, taxonomy), fixed=fixed)
    if key == "factors":
        return figures.factor_mix(*trends.factor_mix(facts, spec.period), fixed=fixed)
    if key == "heatmap":
        return figures.heatmap(trends.start_heatmap(facts), fixed=fixed)
    if key == "actions":
        return figures.actions_flow(*trends.actions_flow(facts), fixed=fixed)
    raise ValueError(f"unknown chart {key!r}")


def to_png(figure: Figure, dpi: int = 120) -> bytes:
    """The figure as PNG bytes (Agg, no display needed).

    120 dpi makes a 10-inch chart 1,200 pixels wide: sharp across a landscape A4 page.
    """
    FigureCanvasAgg(figure)  # attaches itself: no GUI backend is involved
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()

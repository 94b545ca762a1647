"""The six trend charts, each a matplotlib Figure built from :mod:`facilitator.library.trends`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from facilitator.domain.model import FactorKind
from facilitator.domain.taxonomy import Taxonomy
from facilitator.library.trends import (
    NOT_SET,
    WEEKDAYS,
    ParetoBar,
    Stacked,
    TimingPoint,
)

#: Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
INK = "#333333"
GRID = "#d9d9d9"
#: Most severe darkest; the least severe recedes to grey so the eye goes to what matters.
SEVERITY_COLOURS = ("#8c0d0d", "#d7301f", "#f16913", "#fdae6b", "#fdd9b5", "#d4d4d4")
FACTOR_COLOURS = {
    FactorKind.TECHNICAL: "#0072B2",
    FactorKind.PROCESS: "#E69F00",
    FactorKind.ORGANISATIONAL: "#009E73",
    FactorKind.HUMAN: "#CC79A7",
}
FACTOR_LABELS = {
    FactorKind.TECHNICAL: "Technical",
    FactorKind.PROCESS: "Process",
    FactorKind.ORGANISATIONAL: "Organisational",
    FactorKind.HUMAN: "Human conditions",
}
SIZE = (10.0, 5.2)


@dataclass(frozen=True)
class Margins:
    """Room around and between a chart's axes, in inches, for a fixed layout.

    The trends window lets constrained layout fit each chart to the window as it
    resizes. A document's charts always have the same size, so their room is set
    here instead: constrained layout measures every label and then draws the
    chart a second time to save it, most of the time a chart took to write.
    """

    left: float
    right: float
    top: float
    bottom: float
    wspace: float = 0.0
    hspace: float = 0.0


def _figure(size: tuple[float, float] = SIZE, *, fixed: bool = False) -> Figure:
    figure = Figure(figsize=size, dpi=100, layout=None if fixed else "constrained")
    figure.set_facecolor("white")
    return figure


def _place(figure: Figure, margins: Margins, rows: int = 1, columns: int = 1) -> None:
    """Lay the axes out with ``margins`` (a figure without a layout engine only)."""
    if figure.get_layout_engine() is not None:
        return
    width, height = figure.get_size_inches()
    inner_w = width - margins.left - margins.right
    inner_h = height - margins.top - margins.bottom
    # subplots_adjust takes the gaps as fractions of one axes' width or height.
    axes_w = (inner_w - (columns - 1) * margins.wspace) / columns
    axes_h = (inner_h - (rows - 1) * margins.hspace) / rows
    figure.subplots_adjust(
        left=margins.left / width,
        right=1 - margins.right / width,
        bottom=margins.bottom / height,
        top=1 - margins.top / height,
        wspace=margins.wspace / axes_w,
        hspace=margins.hspace / axes_h,
    )


def _title(axes, text: str, fixed: bool, fontsize: int = 12) -> None:  # type: ignore[no-untyped-def]
    """A left-aligned axes title.

    In a fixed layout its height is given: left to find it, matplotlib measures every
    tick label of the axes and its twins on each draw, a tenth of a chart's time.
    """
    place = {"y": 1.0} if fixed else {}
    axes.set_title(text, fontsize=fontsize, loc="left", color=INK, **place)


def _style(axes, *, grid_axis: str = "y") -> None:  # type: ignore[no-untyped-def]
    axes.spines[["top", "right"]].set_visible(False)
    axes.spines[["left", "bottom"]].set_color("#999999")
    axes.tick_params(colors=INK, labelsize=9)
    axes.grid(axis=grid_axis, color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)


def period_label(period: str) -> str:
    """Short axis labels: "2026-11" → "Nov 26", "2026-Q4" → "Q4 26"."""
    if "-Q" in period:
        year, quarter = period.split("-")
        return f"{quarter} {year[2:]}"
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year, month = period.split("-")
    return f"{months[int(month) - 1]} {year[2:]}"


def _xticks(axes, periods: Sequence[str], labels: int = 8) -> None:  # type: ignore[no-untyped-def]
    """At most ``labels`` tick labels, evenly spaced, ending on the latest period."""
    step = max(1, -(-len(periods) // labels))
    axes.set_xticks(range(0, len(periods), step))
    axes.set_xticklabels([period_label(p) for p in periods[::step]])


def severity_colour(taxonomy: Taxonomy, severity: str) -> str:
    """Most severe darkest red, least severe blue; values off the scale grey."""
    if severity == NOT_SET or taxonomy.normalise_severity(severity) is None:
        return "#bbbbbb"
    rank = taxonomy.severity_rank(severity)
    levels = len(taxonomy.severities)
    if levels <= len(SEVERITY_COLOURS) - 1:
        # Short scales use the strong colours; the least severe level always gets grey.
        return SEVERITY_COLOURS[-1] if rank == levels - 1 else SEVERITY_COLOURS[rank]
    index = round(rank * (len(SEVERITY_COLOURS) - 1) / max(1, levels - 1))
    return SEVERITY_COLOURS[min(index, len(SEVERITY_COLOURS) - 1)]


def services_by_severity(
    panels: Sequence[Stacked], taxonomy: Taxonomy, period: str, *, fixed: bool = False
) -> Figure:
    """Incidents per service per period, stacked by severity: one small panel per service."""
    figure = _figure((10.0, 5.6), fixed=fixed)
    if not panels:
        return _empty(figure, "No incidents name a service yet.")
    columns = 3 if len(panels) > 4 else max(1, min(len(panels), 2))
    rows = (len(panels) + columns - 1) // columns
    grid = figure.subplots(rows, columns, sharey=True, squeeze=False)
    # The top holds the title and the legend; each row its panel titles and month labels.
    _place(figure, Margins(0.45, 0.15, 0.62, 0.3, wspace=0.35, hspace=0.55), rows, columns)
    severities: list[str] = []
    for axes, panel in zip(grid.flat, panels, strict=False):
        bottom = [0] * len(panel.periods)
        for severity, counts in panel.counts.items():
            axes.bar(
                range(len(counts)),
                counts,
                bottom=bottom,
                color=severity_colour(taxonomy, severity),
                width=0.8,
                label=severity,
            )
            bottom = [a + b for a, b in zip(bottom, counts, strict=True)]
            if severity not in severities:
                severities.append(severity)
        _title(axes, panel.title, fixed, fontsize=10)
        _style(axes)
        _xticks(axes, panel.periods, 4)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for axes in list(grid.flat)[len(panels) :]:
        axes.set_visible(False)
    handles = [
        _patch(severity_colour(taxonomy, s)) for s in sorted(severities, key=taxonomy.severity_rank)
    ]
    names = sorted(severities, key=taxonomy.severity_rank)
    if fixed:
        figure.legend(handles, names, loc="upper right", bbox_to_anchor=(0.995, 0.995), ncols=6)
    else:
        figure.legend(handles, names, loc="outside upper right", ncols=6)
    figure.suptitle(
        f"Incidents per service per {period}, by severity",
        fontsize=12,
        color=INK,
        x=0.01,
        y=0.985 if fixed else 0.98,
        ha="left",
        va="top",
    )
    return figure


def _patch(colour: str):  # type: ignore[no-untyped-def]
    from matplotlib.patches import Patch

    return Patch(color=colour)


def _slanted_extent(figure: Figure, labels) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The height of the tallest slanted tick label and the width of the first, in inches.

    Measures only these labels with the figure's own renderer, not the whole chart.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    if not boxes:
        return 0.2, 0.0
    return max(b.height for b in boxes) / figure.dpi, boxes[0].width / figure.dpi


def _empty(figure: Figure, text: str) -> Figure:
    axes = figure.subplots()
    axes.axis("off")
    axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#777777")
    return figure


def timing(
    points: Sequence[TimingPoint], detect_target: float, fix_target: float, *, fixed: bool = False
) -> Figure:
    """Median time to detect and to fix per period against the targets, with the share within."""
    figure = _figure(fixed=fixed)
    if not points:
        return _empty(figure, "No incident has both a start and a detection time yet.")
    periods = [p.period for p in points]
    detect = ([p.detect_median for p in points], [p.detect_within for p in points])
    fix = ([p.fix_median for p in points], [p.fix_within for p in points])
    pairs = (
        ("Time to detect", *detect, detect_target, "#0072B2"),
        ("Time to fix", *fix, fix_target, "#D55E00"),
    )
    panels = figure.subplots(1, 2)
    # Each panel has a label and ticks on both sides (median minutes left, share right).
    _place(figure, Margins(0.65, 0.75, 0.35, 0.35, wspace=1.45), 1, 2)
    for axes, (title, medians, within, target, colour) in zip(panels, pairs, strict=True):
        share = axes.twinx()
        share.bar(
            range(len(periods)),
            [w * 100 if w is not None else 0 for w in within],
            color=colour,
            alpha=0.15,
            width=0.8,
            label="share within target",
        )
        share.set_ylim(0, 100)
        share.yaxis.set_major_formatter(PercentFormatter())
        share.tick_params(labelsize=8, colors="#777777")
        share.spines[["top", "left"]].set_visible(False)
        axes.set_zorder(share.get_zorder() + 1)
        axes.patch.set_visible(False)
        xs = [i for i, m in enumerate(medians) if m is not None]
        axes.plot(xs, [medians[i] for i in xs], marker="o", color=colour, label="median")
        axes.axhline(target, color=INK, linestyle="--", linewidth=1, label=f"target {target:g} min")
        judged = [w for w in within if w is not None]
        overall = f"{sum(judged) / len(judged):.0%}" if judged else "—"
        _title(axes, f"{title}: {overall} within target", fixed, fontsize=11)
        peak = max([target, *(m for m in medians if m is not None)])
        axes.set_ylim(0, peak * 1.35)
        axes.set_ylabel("median minutes (line)", color=INK, fontsize=9)
        share.set_ylabel("within target (bars)", color="#777777", fontsize=9)
        axes.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
        _style(axes)
        _xticks(axes, periods, 6)
    return figure


def pareto_chart(bars: Sequence[ParetoBar], *, fixed: bool = False) -> Figure:
    """Primary causes, most frequent first, with the cumulative share and the 80% line."""
    figure = _figure(fixed=fixed)
    if not bars:
        return _empty(figure, "No primary causes recorded yet.")
    axes = figure.subplots()
    names = [b.cause for b in bars]
    axes.bar(range(len(bars)), [b.count for b in bars], color="#0072B2", width=0.7)
    axes.set_xticks(range(len(bars)))
    labels = axes.set_xticklabels(names, rotation=20, ha="right", fontsize=9)
    if fixed:
        # Cause names are the team's own: leave room below for the longest one, and to
        # the left for the first, which ends at its bar and may slant out past the axes.
        low, first = _slanted_extent(figure, labels)
        margins = Margins(0.65, 0.65, 0.35, low + 0.2)
        _place(figure, margins)
        axes.get_xlim()  # settles the limits, so the transform below is the final one
        tick = axes.transData.transform((0, 0))[0] / figure.dpi
        if first + 0.1 > tick:
            _place(figure, replace(margins, left=margins.left + (first + 0.1 - tick) * 1.2))
    axes.set_ylabel("incidents", color=INK)
    _style(axes)
    line = axes.twinx()
    line.plot(range(len(bars)), [b.cumulative * 100 for b in bars], color="#D55E00", marker="o")
    line.axhline(80, color="#D55E00", linestyle=":", linewidth=1)
    line.set_ylim(0, 105)
    line.yaxis.set_major_formatter(PercentFormatter())
    line.spines[["top", "left"]].set_visible(False)
    line.tick_params(labelsize=9, colors="#D55E00")
    _title(axes, "Primary causes (Pareto): count and cumulative share", fixed)
    return figure


def factor_mix(
    periods: Sequence[str], mix: dict[FactorKind, list[int]], *, fixed: bool = False
) -> Figure:
    """The share of each kind of contributing factor per period."""
    figure = _figure(fixed=fixed)
    totals = [sum(mix[k][i] for k in mix) for i in range(len(periods))]
    if not any(totals):
        return _empty(figure, "No contributing factors recorded yet.")
    axes = figure.subplots()
    # The legend sits to the right of the bars ("Human conditions" is the longest name).
    _place(figure, Margins(0.6, 1.95, 0.35, 0.35))
    bottom = [0.0] * len(periods)
    for kind in FactorKind:
        shares = [mix[kind][i] / totals[i] * 100 if totals[i] else 0 for i in range(len(periods))]
        axes.bar(
            range(len(periods)),
            shares,
            bottom=bottom,
            color=FACTOR_COLOURS[kind],
            label=FACTOR_LABELS[kind],
            width=0.8,
        )
        bottom = [a + b for a, b in zip(bottom, shares, strict=True)]
    axes.set_ylim(0, 100)
    axes.yaxis.set_major_formatter(PercentFormatter())
    _style(axes)
    _xticks(axes, periods)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    _title(axes, "Kinds of contributing factors, share per period", fixed)
    return figure


def heatmap(
    grid: Sequence[Sequence[int]], title: str = "Incident start times", *, fixed: bool = False
) -> Figure:
    """Starts by hour of day and day of week, in each incident's own local time."""
    figure = _figure((10.0, 4.2), fixed=fixed)
    axes = figure.subplots()
    # Before the colour bar, which takes its room from these axes.
    _place(figure, Margins(0.55, 0.35, 0.35, 0.5))
    image = axes.imshow(grid, aspect="auto", cmap="YlOrRd", interpolation="nearest")
    axes.set_yticks(range(7))
    axes.set_yticklabels(WEEKDAYS)
    axes.set_xticks(range(0, 24, 2))
    axes.set_xticklabels([f"{h:02d}" for h in range(0, 24, 2)])
    axes.set_xlabel("hour of day (local time of the incident)", color=INK, fontsize=9)
    axes.tick_params(labelsize=9, colors=INK)
    for spine in axes.spines.values():
        spine.set_visible(False)
    bar = figure.colorbar(image, ax=axes, shrink=0.9)
    bar.ax.tick_params(labelsize=8)
    bar.set_label("incidents", fontsize=9)
    _title(axes, title, fixed)
    return figure


def actions_flow(
    months: Sequence[str], opened: Sequence[int], closed: Sequence[int], *, fixed: bool = False
) -> Figure:
    """Action items opened and closed per month, and the backlog still open."""
    figure = _figure(fixed=fixed)
    if not months:
        return _empty(figure, "No action items yet.")
    axes = figure.subplots()
    _place(figure, Margins(0.6, 0.6, 0.35, 0.35))
    xs = range(len(months))
    axes.bar([x - 0.2 for x in xs], opened, width=0.4, color="#E69F00", label="opened")
    axes.bar([x + 0.2 for x in xs], closed, width=0.4, color="#009E73", label="closed")
    _style(axes)
    _xticks(axes, months)
    backlog, running = [], 0
    for o, c in zip(opened, closed, strict=True):
        running += o - c
        backlog.append(running)
    line = axes.twinx()
    line.plot(list(xs), backlog, color=INK, linewidth=1.5, label="still open (right)")
    line.set_ylim(bottom=0)
    line.spines[["top", "left"]].set_visible(False)
    line.tick_params(labelsize=9, colors=INK)
    handles = axes.get_legend_handles_labels()
    extra = line.get_legend_handles_labels()
    axes.legend(
        handles[0] + extra[0], handles[1] + extra[1], loc="upper left", fontsize=9, frameon=False
    )
    _title(axes, "Action items opened and closed per month", fixed)
    return figure

"""The six trend charts, each a matplotlib Figure built from :mod:`facilitator.library.trends`."""

from __future__ import annotations

from collections.abc import Sequence

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


def _figure(size: tuple[float, float] = SIZE) -> Figure:
    figure = Figure(figsize=size, dpi=100, layout="constrained")
    figure.set_facecolor("white")
    return figure


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


def services_by_severity(panels: Sequence[Stacked], taxonomy: Taxonomy, period: str) -> Figure:
    """Incidents per service per period, stacked by severity: one small panel per service."""
    figure = _figure((10.0, 5.6))
    if not panels:
        return _empty(figure, "No incidents name a service yet.")
    columns = 3 if len(panels) > 4 else max(1, min(len(panels), 2))
    rows = (len(panels) + columns - 1) // columns
    grid = figure.subplots(rows, columns, sharey=True, squeeze=False)
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
        axes.set_title(panel.title, fontsize=10, color=INK, loc="left")
        _style(axes)
        _xticks(axes, panel.periods, 4)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for axes in list(grid.flat)[len(panels) :]:
        axes.set_visible(False)
    handles = [
        _patch(severity_colour(taxonomy, s)) for s in sorted(severities, key=taxonomy.severity_rank)
    ]
    figure.legend(
        handles, sorted(severities, key=taxonomy.severity_rank), loc="outside upper right", ncols=6
    )
    figure.suptitle(
        f"Incidents per service per {period}, by severity",
        fontsize=12,
        color=INK,
        x=0.01,
        ha="left",
    )
    return figure


def _patch(colour: str):  # type: ignore[no-untyped-def]
    from matplotlib.patches import Patch

    return Patch(color=colour)


def _empty(figure: Figure, text: str) -> Figure:
    axes = figure.subplots()
    axes.axis("off")
    axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#777777")
    return figure


def timing(points: Sequence[TimingPoint], detect_target: float, fix_target: float) -> Figure:
    """Median time to detect and to fix per period against the targets, with the share within."""
    figure = _figure()
    if not points:
        return _empty(figure, "No incident has both a start and a detection time yet.")
    periods = [p.period for p in points]
    detect = ([p.detect_median for p in points], [p.detect_within for p in points])
    fix = ([p.fix_median for p in points], [p.fix_within for p in points])
    pairs = (
        ("Time to detect", *detect, detect_target, "#0072B2"),
        ("Time to fix", *fix, fix_target, "#D55E00"),
    )
    for axes, (title, medians, within, target, colour) in zip(
        figure.subplots(1, 2), pairs, strict=True
    ):
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
        axes.set_title(f"{title}: {overall} within target", fontsize=11, loc="left", color=INK)
        peak = max([target, *(m for m in medians if m is not None)])
        axes.set_ylim(0, peak * 1.35)
        axes.set_ylabel("median minutes (line)", color=INK, fontsize=9)
        share.set_ylabel("within target (bars)", color="#777777", fontsize=9)
        axes.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
        _style(axes)
        _xticks(axes, periods, 6)
    return figure


def pareto_chart(bars: Sequence[ParetoBar]) -> Figure:
    """Primary causes, most frequent first, with the cumulative share and the 80% line."""
    figure = _figure()
    if not bars:
        return _empty(figure, "No primary causes recorded yet.")
    axes = figure.subplots()
    names = [b.cause for b in bars]
    axes.bar(range(len(bars)), [b.count for b in bars], color="#0072B2", width=0.7)
    axes.set_xticks(range(len(bars)))
    axes.set_xticklabels(names, rotation=20, ha="right", fontsize=9)
    axes.set_ylabel("incidents", color=INK)
    _style(axes)
    line = axes.twinx()
    line.plot(range(len(bars)), [b.cumulative * 100 for b in bars], color="#D55E00", marker="o")
    line.axhline(80, color="#D55E00", linestyle=":", linewidth=1)
    line.set_ylim(0, 105)
    line.yaxis.set_major_formatter(PercentFormatter())
    line.spines[["top", "left"]].set_visible(False)
    line.tick_params(labelsize=9, colors="#D55E00")
    axes.set_title(
        "Primary causes (Pareto): count and cumulative share", fontsize=12, loc="left", color=INK
    )
    return figure


def factor_mix(periods: Sequence[str], mix: dict[FactorKind, list[int]]) -> Figure:
    """The share of each kind of contributing factor per period."""
    figure = _figure()
    totals = [sum(mix[k][i] for k in mix) for i in range(len(periods))]
    if not any(totals):
        return _empty(figure, "No contributing factors recorded yet.")
    axes = figure.subplots()
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
    axes.set_title(
        "Kinds of contributing factors, share per period", fontsize=12, loc="left", color=INK
    )
    return figure


def heatmap(grid: Sequence[Sequence[int]], title: str = "Incident start times") -> Figure:
    """Starts by hour of day and day of week, in each incident's own local time."""
    figure = _figure((10.0, 4.2))
    axes = figure.subplots()
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
    axes.set_title(title, fontsize=12, loc="left", color=INK)
    return figure


def actions_flow(months: Sequence[str], opened: Sequence[int], closed: Sequence[int]) -> Figure:
    """Action items opened and closed per month, and the backlog still open."""
    figure = _figure()
    if not months:
        return _empty(figure, "No action items yet.")
    axes = figure.subplots()
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
    axes.set_title("Action items opened and closed per month", fontsize=12, loc="left", color=INK)
    return figure

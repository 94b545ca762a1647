"""Trend aggregation over :class:`DebriefFacts`: counts, timings, causes, hours, follow-up.

Every function is pure and returns plain data that the charts, the CLI and the
monthly review all draw from. Services and tags that differ only in spelling
("payments-api", "Payments API") count as one, under the taxonomy's name when it
knows the service and otherwise under the spelling used most.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from facilitator.domain.model import FactorKind
from facilitator.domain.taxonomy import Taxonomy, fold
from facilitator.library.facts import DebriefFacts, month_of, quarter_of

#: Dimensions ``facilitator trends --by`` counts over.
DIMENSIONS = ("service", "severity", "cause", "tag", "month", "quarter", "hour", "weekday")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NOT_SET = "(not set)"


def canonical_labels(values: Iterable[str], known: Callable[[str], str | None]) -> dict[str, str]:
    """Map each folded spelling to one label: the known name, else the most used spelling."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for value in values:
        clean = " ".join(value.split())
        if clean:
            spellings[fold(clean)][clean] += 1
    labels = {}
    for key, counter in spellings.items():
        label = known(counter.most_common(1)[0][0])
        labels[key] = label or max(counter.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return labels


def _keys(facts: DebriefFacts, by: str, taxonomy: Taxonomy, labels: dict[str, str]) -> list[str]:
    if by == "service":
        return list(dict.fromkeys(labels[fold(s)] for s in facts.services if fold(s))) or [NOT_SET]
    if by == "tag":
        return list(dict.fromkeys(labels[fold(t)] for t in facts.tags if fold(t))) or [NOT_SET]
    if by == "severity":
        return [taxonomy.normalise_severity(facts.severity or "") or facts.severity or NOT_SET]
    if by == "cause":
        return [taxonomy.cause_label(facts.primary_cause) or NOT_SET]
    day = facts.day
    if by in ("month", "quarter"):
        if day is None:
            return [NOT_SET]
        return [month_of(day) if by == "month" else quarter_of(day)]
    if facts.started_at is None:
        return [NOT_SET]
    if by == "hour":
        return [f"{facts.started_at.hour:02d}:00"]
    if by == "weekday":
        return [WEEKDAYS[facts.started_at.weekday()]]
    raise ValueError(f"cannot count by {by!r}; use one of {', '.join(DIMENSIONS)}")


def label_map(facts: Sequence[DebriefFacts], by: str, taxonomy: Taxonomy) -> dict[str, str]:
    """The near-duplicate grouping for services or tags among ``facts``."""
    if by == "service":
        known = taxonomy.service_for
        values = [s for f in facts for s in f.services]
        return canonical_labels(values, lambda v: known(v).name if known(v) else None)
    if by == "tag":
        return canonical_labels([t for f in facts for t in f.tags], lambda _v: None)
    return {}


@dataclass(frozen=True)
class Count:
    """One row of a count: the key, how many debriefs, and their share of all counted."""

    key: str
    count: int
    share: float


def count_by(facts: Sequence[DebriefFacts], by: str, taxonomy: Taxonomy) -> list[Count]:
    """How many debriefs fall under each key of ``by``.

    A debrief with two services counts once for each, so shares may add past 100%.
    Order: most first for labels; the scale's order for severity; time order for
    months, quarters, hours and weekdays.
    """
    labels = label_map(facts, by, taxonomy)
    counter: Counter[str] = Counter()
    for f in facts:
        counter.update(_keys(f, by, taxonomy, labels))
    total = len(facts) or 1
    keys = list(counter)
    if by == "severity":
        keys.sort(key=lambda k: (taxonomy.severity_rank(k if k != NOT_SET else None), k))
    elif by in ("month", "quarter", "hour"):
        keys.sort(key=lambda k: (k == NOT_SET, k))
    elif by == "weekday":
        keys.sort(key=lambda k: WEEKDAYS.index(k) if k in WEEKDAYS else 7)
    else:
        keys.sort(key=lambda k: (k == NOT_SET, -counter[k], k.casefold()))
    return [Count(k, counter[k], counter[k] / total) for k in keys]


def periods_between(first: date, last: date, period: str) -> list[str]:
    """Every month ("2026-07") or quarter ("2026-Q3") from ``first`` to ``last``, gaps included."""
    out: list[str] = []
    y, m = first.year, first.month
    step = 3 if period == "quarter" else 1
    if period == "quarter":
        m = (m - 1) // 3 * 3 + 1
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}" if period == "month" else f"{y:04d}-Q{(m - 1) // 3 + 1}")
        m += step
        if m > 12:
            y, m = y + 1, m - 12
    return out


def _period(day: date, period: str) -> str:
    return month_of(day) if period == "month" else quarter_of(day)


def _span(facts: Sequence[DebriefFacts], period: str) -> list[str]:
    days = [f.day for f in facts if f.day]
    return periods_between(min(days), max(days), period) if days else []


@dataclass(frozen=True)
class Stacked:
    """Counts per period, split by severity: ``counts[severity][i]`` for ``periods[i]``."""

    title: str
    periods: tuple[str, ...]
    counts: dict[str, list[int]]


def by_period_and_severity(
    facts: Sequence[DebriefFacts], period: str, taxonomy: Taxonomy, *, services: int = 6
) -> list[Stacked]:
    """Incidents per service per period, stacked by severity: one panel per busiest service."""
    periods = _span(facts, period)
    index = {p: i for i, p in enumerate(periods)}
    labels = label_map(facts, "service", taxonomy)
    busiest = [c.key for c in count_by(facts, "service", taxonomy) if c.key != NOT_SET]
    shown = set(busiest[:services])
    counts: dict[str, dict[str, list[int]]] = {name: {} for name in busiest[:services]}
    # One pass over the debriefs, however many panels.
    for f in facts:
        if f.day is None:
            continue
        severity = _keys(f, "severity", taxonomy, labels)[0]
        at = index[_period(f.day, period)]
        for service in _keys(f, "service", taxonomy, labels):
            if service in shown:
                counts[service].setdefault(severity, [0] * len(periods))[at] += 1
    panels = []
    for service in busiest[:services]:
        by_severity = counts[service]
        ordered = sorted(
            by_severity, key=lambda s: taxonomy.severity_rank(s if s != NOT_SET else None)
        )
        panels.append(Stacked(service, tuple(periods), {s: by_severity[s] for s in ordered}))
    return panels


@dataclass(frozen=True)
class TimingPoint:
    """Detection and fixing in one period: medians in minutes and the share within target."""

    period: str
    incidents: int
    detect_median: float | None
    fix_median: float | None
    detect_within: float | None
    fix_within: float | None


def _minutes(delta: timedelta | None) -> float | None:
    return None if delta is None or delta < timedelta(0) else delta.total_seconds() / 60


def _within(pairs: list[tuple[float, float | None]]) -> float | None:
    judged = [value <= target for value, target in pairs if target is not None]
    return sum(judged) / len(judged) if judged else None


def timing_by_period(facts: Sequence[DebriefFacts], period: str) -> list[TimingPoint]:
    """Median time to detect and to fix per period, and how often each met its target."""
    groups: dict[str, list[DebriefFacts]] = defaultdict(list)
    for f in facts:
        if f.day is not None:
            groups[_period(f.day, period)].append(f)
    points = []
    for key in _span(facts, period):
        members = groups.get(key, [])
        detect = [
            (m, f.detection_target)
            for f in members
            if (m := _minutes(f.time_to_detect)) is not None
        ]
        fix = [(m, f.fix_target) for f in members if (m := _minutes(f.time_to_fix)) is not None]
        points.append(
            TimingPoint(
                key,
                len(members),
                statistics.median(v for v, _ in detect) if detect else None,
                statistics.median(v for v, _ in fix) if fix else None,
                _within(detect),
                _within(fix),
            )
        )
    return points


@dataclass(frozen=True)
class ParetoBar:
    """A cause, its count, and the running share of all incidents up to and including it."""

    cause: str
    count: int
    cumulative: float


def pareto(facts: Sequence[DebriefFacts], taxonomy: Taxonomy) -> list[ParetoBar]:
    """Primary causes, most frequent first, with the cumulative share (the 80% line)."""
    counts = [c for c in count_by(facts, "cause", taxonomy)]
    counts.sort(key=lambda c: (c.key == NOT_SET, -c.count, c.key))
    total = sum(c.count for c in counts) or 1
    running = 0
    bars = []
    for c in counts:
        running += c.count
        bars.append(ParetoBar(c.key, c.count, running / total))
    return bars


def factor_mix(
    facts: Sequence[DebriefFacts], period: str
) -> tuple[list[str], dict[FactorKind, list[int]]]:
    """Contributing factors of each kind per period (technical, process, organisational, human)."""
    periods = _span(facts, period)
    index = {p: i for i, p in enumerate(periods)}
    mix = {kind: [0] * len(periods) for kind in FactorKind}
    for f in facts:
        if f.day is None:
            continue
        for kind, _text in f.factors:
            mix[kind][index[_period(f.day, period)]] += 1
    return periods, mix


def start_heatmap(facts: Sequence[DebriefFacts]) -> list[list[int]]:
    """Incident starts by weekday (rows, Monday first) and hour (columns), in local time."""
    grid = [[0] * 24 for _ in WEEKDAYS]
    for f in facts:
        if f.started_at is not None:
            grid[f.started_at.weekday()][f.started_at.hour] += 1
    return grid


def actions_flow(facts: Sequence[DebriefFacts]) -> tuple[list[str], list[int], list[int]]:
    """Action items opened and closed per month (opened at the meeting, closed when done)."""
    opened: Counter[str] = Counter()
    closed: Counter[str] = Counter()
    for f in facts:
        day = f.opened_on
        for action in f.actions:
            if day is not None:
                opened[month_of(day)] += 1
            if action.closed_on is not None:
                closed[month_of(action.closed_on)] += 1
    months = sorted(set(opened) | set(closed))
    if not months:
        return [], [], []
    first, last = months[0], months[-1]
    span = periods_between(
        date(int(first[:4]), int(first[5:]), 1), date(int(last[:4]), int(last[5:]), 1), "month"
    )
    return span, [opened[m] for m in span], [closed[m] for m in span]

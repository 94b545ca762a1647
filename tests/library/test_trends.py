"""Trend aggregation, matrix rows, vocabulary and the review, on hand-made facts."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

from facilitator.domain.model import (
    ActionItem,
    ActionStatus,
    DebriefSummary,
    FactorKind,
    Status,
)
from facilitator.domain.taxonomy import default_taxonomy, merge_taxonomy
from facilitator.library import trends
from facilitator.library.facts import ActionFact, DebriefFacts
from facilitator.library.matrix import matrix_row, matrix_rows, to_csv
from facilitator.library.review import Chart, Learnings, build_review
from facilitator.library.vocabulary import canonical, suggestions

TZ = timezone(timedelta(hours=2))
TAX = merge_taxonomy(
    default_taxonomy(),
    '[[service]]\nid = "payments-api"\nname = "Payments API"\ncomponents = ["Refunds"]\n',
    "team.toml",
)


def _f(n: int, day: date, hour: int = 10, **kw: object) -> DebriefFacts:
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)
    values: dict[str, object] = {
        "id": f"id-{n}",
        "title": f"Incident {n}",
        "started_at": start,
        "detected_at": start + timedelta(minutes=4),
        "mitigated_at": start + timedelta(minutes=16),
        "detection_target": 5.0,
        "fix_target": 10.0,
    }
    values.update(kw)
    return DebriefFacts(**values)  # type: ignore[arg-type]


FACTS = [
    _f(
        1,
        date(2026, 7, 3),
        12,
        severity="SEV2",
        services=("payments-api",),
        primary_cause="Scaling limit exceeded",
    ),
    _f(
        2,
        date(2026, 7, 20),
        19,
        severity="SEV1",
        services=("Payments API", "Edge"),
        primary_cause="scaling limit",
    ),
    _f(
        3,
        date(2026, 9, 1),
        3,
        severity="SEV2",
        services=("refunds",),
        primary_cause="bad deploy",
        tags=("deploy", "Deploy"),
    ),
    _f(4, date(2026, 9, 2), 14, severity="Sev-3", primary_cause="Cosmic rays"),
]


def test_count_by_groups_spellings_and_orders_sensibly() -> None:
    services = trends.count_by(FACTS, "service", TAX)
    assert [(c.key, c.count) for c in services] == [
        ("Payments API", 3),
        ("Edge", 1),
        (trends.NOT_SET, 1),
    ]
    assert [c.key for c in trends.count_by(FACTS, "severity", TAX)] == ["SEV1", "SEV2", "SEV3"]
    causes = {c.key: c.count for c in trends.count_by(FACTS, "cause", TAX)}
    assert causes == {"Scaling limit": 2, "Deployment regression": 1, "Cosmic rays": 1}
    assert [c.key for c in trends.count_by(FACTS, "month", TAX)] == ["2026-07", "2026-09"]
    assert [c.key for c in trends.count_by(FACTS, "quarter", TAX)] == ["2026-Q3"]
    assert [c.key for c in trends.count_by(FACTS, "tag", TAX)] == ["deploy", trends.NOT_SET]
    hours = {c.key: c.count for c in trends.count_by(FACTS, "hour", TAX)}
    assert hours == {"03:00": 1, "12:00": 1, "14:00": 1, "19:00": 1}
    assert trends.count_by(FACTS, "weekday", TAX)[0].key == "Mon"


def test_periods_include_empty_months() -> None:
    assert trends.periods_between(date(2026, 11, 5), date(2027, 2, 1), "month") == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    assert trends.periods_between(date(2026, 8, 5), date(2027, 1, 1), "quarter") == [
        "2026-Q3",
        "2026-Q4",
        "2027-Q1",
    ]


def test_stacked_panels_per_service() -> None:
    (first, *_rest) = trends.by_period_and_severity(FACTS, "month", TAX)
    assert first.title == "Payments API"
    assert first.periods == ("2026-07", "2026-08", "2026-09")
    assert first.counts == {"SEV1": [1, 0, 0], "SEV2": [1, 0, 1]}


def test_timing_medians_and_share_within_target() -> None:
    late = _f(5, date(2026, 7, 9), detected_at=datetime(2026, 7, 9, 10, 30, tzinfo=TZ))
    points = trends.timing_by_period([*FACTS, late], "month")
    july = points[0]
    assert july.incidents == 3 and july.detect_median == 4.0
    assert july.detect_within == 2 / 3
    assert points[1].incidents == 0 and points[1].detect_median is None


def test_pareto_heatmap_factors_and_actions() -> None:
    bars = trends.pareto(FACTS, TAX)
    assert bars[0].cause == "Scaling limit" and bars[-1].cumulative == 1.0
    grid = trends.start_heatmap(FACTS)
    assert grid[4][12] == 1  # 3 July 2026 was a Friday
    with_factors = [
        _f(9, date(2026, 7, 1), factors=((FactorKind.HUMAN, "tired"), (FactorKind.PROCESS, "p")))
    ]
    periods, mix = trends.factor_mix(with_factors, "month")
    assert periods == ["2026-07"] and mix[FactorKind.HUMAN] == [1]
    acts = [
        _f(
            10,
            date(2026, 7, 1),
            meeting_at=datetime(2026, 7, 2, 10, tzinfo=TZ),
            actions=(
                ActionFact(ActionStatus.DONE, date(2026, 9, 4)),
                ActionFact(ActionStatus.OPEN),
            ),
        )
    ]
    assert trends.actions_flow(acts) == (["2026-07", "2026-08", "2026-09"], [2, 0, 0], [0, 0, 1])


def test_matrix_rows_sort_keys_and_csv() -> None:
    row = matrix_row(FACTS[0], TAX)
    assert row.cells[:4] == ("Incident 1", "SEV2", "payments-api", "Scaling limit exceeded")
    assert row.cells[6:] == ("4 min", "12 min", "0")
    rows = matrix_rows(FACTS, TAX)
    ordered = sorted(rows, key=lambda r: r.sort_keys[1])
    assert [r.cells[1] for r in ordered] == ["SEV1", "SEV2", "SEV2", "Sev-3"]
    hostile = _f(7, date(2026, 1, 1), title='=HYPERLINK("x")')
    text = to_csv(matrix_rows([hostile], TAX), [hostile])
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0][:3] == ["Date", "Incident", "Severity"]
    assert parsed[1][1].startswith("'=")


def test_suggestions_offer_near_duplicates_once() -> None:
    used = {
        "payments-api": 4,
        "Payments API": 2,
        "refunds": 1,
        "search-indexer": 3,
        "Search Indexer": 5,
    }
    offered = suggestions("services", TAX, used)
    assert offered == ["Payments API", "Search Indexer"]
    causes = suggestions("causes", TAX, {"config change": 3, "Cosmic rays": 1})
    assert causes[:2] == ["Configuration change", "Deployment regression"]
    assert causes[-1] == "Cosmic rays" and "config change" not in causes
    assert canonical("services", "search indexer", TAX, offered) == "Search Indexer"
    assert canonical("causes", "Config change", TAX, causes) == "Configuration change"


def test_review_puts_learnings_first_each_with_its_debrief() -> None:
    summary = DebriefSummary(
        "id-1",
        "Checkout errors",
        "SEV2",
        Status.PUBLISHED,
        "INC-1",
        FACTS[0].started_at,
        None,
        None,
    )
    item = ActionItem("Add a saturation alert", "Ada", due=date(2026, 7, 20))
    review = build_review(
        date(2026, 7, 1),
        FACTS[:2],
        FACTS,
        matrix_rows(FACTS[:2], TAX),
        [Learnings(summary, 1, ("Alert on saturation, not errors.",))],
        [(summary, item)],
        [],
        TAX,
        date(2026, 8, 1),
    )
    assert review.title == "Learning review: July 2026"
    headings = [s.heading for s in review.sections]
    assert headings == [
        "Key learnings",
        "July 2026 in numbers",
        "Classification matrix",
        "Trends",
        "Open action items",
    ]
    learned = review.sections[0].blocks
    assert "INC-1 · Checkout errors" in learned[0].text  # type: ignore[union-attr]
    assert learned[1].items[0].text == "Alert on saturation, not errors."  # type: ignore[union-attr]
    charts = [b.key for b in review.sections[3].blocks if isinstance(b, Chart)]
    assert charts == ["services", "timing", "pareto", "factors", "heatmap", "actions"]
    table = review.sections[4].blocks[1]
    assert table.rows[0][4].text == "2026-07-20 (overdue)"  # type: ignore[union-attr]

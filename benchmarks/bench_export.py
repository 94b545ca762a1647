"""Time the Word and Markdown exports of a long debrief (500 events, 100 action items).

Target: each export under 2 s. Run with ``.venv/bin/python benchmarks/bench_export.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from facilitator.domain.model import (
    ActionItem,
    ActionStatus,
    ContributingFactor,
    Debrief,
    EventKind,
    FactorKind,
    Participant,
    Priority,
    TimelineEvent,
)
from facilitator.export import export_docx, export_markdown

TARGET_SECONDS = 2.0
RUNS = 5


def long_debrief(events: int = 500, actions: int = 100) -> Debrief:
    start = datetime(2025, 3, 4, 22, 0, tzinfo=UTC)
    kinds = list(EventKind)
    return Debrief(
        title="Queue backlog across three regions",
        incident="INC-2001",
        severity="SEV1",
        facilitator="Bench Mark",
        summary="A long incident, written up in detail. " * 40,
        impact="Delayed notifications for most customers. " * 20,
        timezone="Europe/Berlin",
        started_at=start,
        detected_at=start + timedelta(minutes=9),
        resolved_at=start + timedelta(hours=29),
        participants=[Participant(f"Person {i}", f"Role {i % 4}") for i in range(12)],
        timeline=[
            TimelineEvent(
                start + timedelta(minutes=3.5 * i),
                kinds[i % len(kinds)],
                f"Step {i}: responders checked dashboard {i % 17} and noted the queue depth.",
            )
            for i in range(events)
        ],
        contributing_factors=[
            ContributingFactor(f"Factor {i}", list(FactorKind)[i % 4]) for i in range(20)
        ],
        learnings=[f"Learning {i} phrased for other teams." for i in range(5)],
        action_items=[
            ActionItem(
                f"Follow-up {i}: tighten the alert threshold for service {i % 9}",
                f"Owner {i % 7}",
                list(Priority)[i % 4],
                date(2025, 3, 10) + timedelta(days=i % 40),
                f"https://tracker.example.com/browse/OPS-{1000 + i}",
                list(ActionStatus)[i % 4],
            )
            for i in range(actions)
        ],
        tags=["queue", "regions", "backlog"],
    )


def median_seconds(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    debrief = long_debrief()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        figures = {
            "docx": median_seconds(lambda: export_docx(debrief, out / "bench.docx")),
            "md": median_seconds(lambda: export_markdown(debrief, out / "bench.md")),
        }
        sizes = {
            "docx": (out / "bench.docx").stat().st_size,
            "md": (out / "bench.md").stat().st_size,
        }
    print(f"{len(debrief.timeline)} timeline events, {len(debrief.action_items)} action items")
    for name, seconds in figures.items():
        verdict = "ok" if seconds < TARGET_SECONDS else "OVER TARGET"
        print(
            f"{name:>5}: median {seconds * 1000:7.1f} ms of {RUNS} runs, "
            f"{sizes[name] / 1024:6.1f} KiB  [{verdict}, target {TARGET_SECONDS:.0f} s]"
        )
    return 0 if all(s < TARGET_SECONDS for s in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

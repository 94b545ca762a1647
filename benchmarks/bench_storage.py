"""Storage figures: autosave latency and library listing.

Prints the median time to save a large debrief after a one-field edit (what an
autosave costs while typing), to load it, and to list a library of 1,000 debriefs.
Run: .venv/bin/python benchmarks/bench_storage.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator.domain.model import ActionItem, Debrief, EventKind, TimelineEvent
from facilitator.storage import DebriefService


def _big_debrief() -> Debrief:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    return Debrief(
        title="Large debrief",
        timeline=[
            TimelineEvent(start + timedelta(minutes=i), EventKind.ACTION, f"Step {i} " * 10)
            for i in range(500)
        ],
        action_items=[ActionItem(f"Action {i}", "Owner") for i in range(100)],
        went_wrong=[f"Thing {i}" for i in range(50)],
    )


def _median_ms(fn, runs: int = 30) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        service = DebriefService(f"sqlite:///{Path(folder) / 'bench.db'}")
        debrief = _big_debrief()
        service.save(debrief)

        def edit_and_save() -> None:
            debrief.timeline[250].text += "x"
            service.save(debrief)

        save_ms = _median_ms(edit_and_save)
        print(f"autosave after one edit, 500 events + 100 actions: {save_ms:.1f} ms median")
        print(f"load that debrief: {_median_ms(lambda: service.load(debrief.id)):.1f} ms median")
        for i in range(999):
            service.save(Debrief(title=f"Incident {i}"))
        print(f"list 1,000 debriefs: {_median_ms(service.list, 10):.1f} ms median")
        service.close()


if __name__ == "__main__":
    main()

"""Storage figures: autosave cost with the revision check and merge, loading, listing.

Prints, as the median of fresh processes (each the median of 30 saves):
- an autosave after a one-field edit of a debrief with 500 events and 100 actions,
  including the revision check and the snapshot the next merge compares against;
- the same autosave when another window saved in between, so it merges;
- loading that debrief, and listing a library of 1,000 debriefs;
beside the floor measured in the same processes: one ``SELECT 1`` round trip.
Run: .venv/bin/python benchmarks/bench_storage.py [--postgres ADMIN_URL]
(a fresh database is made on that server for each run, and dropped)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))
from fresh import median_of_processes, postgres_database

from facilitator.domain.changes import snapshot
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


def child(admin_url: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        url = (
            stack.enter_context(postgres_database(admin_url))
            if admin_url
            else f"sqlite:///{Path(folder) / 'bench.db'}"
        )
        service = DebriefService(url, maintenance=False)
        other = DebriefService(url, maintenance=False)
        debrief = _big_debrief()
        service.save(debrief)
        base = snapshot(debrief)

        def autosave() -> None:
            nonlocal base
            debrief.timeline[250].text += "x"
            service.save(debrief, base=base)
            base = snapshot(debrief)

        def merging_autosave() -> None:
            nonlocal debrief, base
            theirs = other.load(debrief.id)  # not timed below: another window's save
            theirs.timeline[10].text += "y"
            other.save(theirs)
            debrief.timeline[250].text += "x"
            t0 = time.perf_counter()
            result = service.save(debrief, base=base)
            if result.merged is not None:
                debrief = result.merged
            base = snapshot(debrief)
            return time.perf_counter() - t0  # type: ignore[return-value]

        def select_one() -> None:
            with service._engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        figures = {
            "floor_select_1_ms": _median_ms(select_one),
            "autosave_500_events_ms": _median_ms(autosave),
            "merging_autosave_500_events_ms": statistics.median(
                merging_autosave() * 1000 for _ in range(30)
            ),
            "load_500_events_ms": _median_ms(lambda: service.load(debrief.id)),
        }
        for i in range(999):
            service.save(Debrief(title=f"Incident {i}"))
        figures["list_1000_ms"] = _median_ms(service.list, 10)
        service.close()
        other.close()
        return figures


def main() -> None:
    if "--child" in sys.argv:
        url = sys.argv[sys.argv.index("--child") + 1]
        print(json.dumps(child(None if url == "sqlite" else url)))
        return
    backends = {"sqlite": "sqlite"}
    if "--postgres" in sys.argv:
        backends["postgresql"] = sys.argv[sys.argv.index("--postgres") + 1]
    for name, url in backends.items():
        figures = median_of_processes([__file__, "--child", url])
        print(json.dumps({"backend": name, **{k: round(v, 2) for k, v in figures.items()}}))


if __name__ == "__main__":
    main()

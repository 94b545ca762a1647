"""Team library figures against a real PostgreSQL: first sync, one edit reaching another client.

- First sync: a client with an empty local store syncs a team library holding 1,000
  published debriefs (target < 10 s). Median of fresh processes.
- Steady state: client A edits a published debrief, saves and pushes as the app does
  after a save; client B syncs once a second, as the app's background sync does. The
  time from A's local save until the edit is in B's local store (target < 3 s),
  median of 10 edits in each of 3 fresh processes.
Floors printed beside them: ``python -c pass``, and one round trip to the server.

    .venv/bin/python benchmarks/bench_team.py --postgres ADMIN_URL [--runs 3]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fresh import median_of_processes, postgres_database, python_startup_ms

from facilitator.domain.changes import snapshot
from facilitator.domain.model import Debrief, Note, TimelineEvent
from facilitator.storage import DebriefService
from facilitator.team.sync import TeamSync

#: How often the app's background sync looks at the team library.
SYNC_EVERY_S = 1.0


def _library(count: int) -> list[Debrief]:
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 3, 1, tzinfo=UTC)
    made = []
    for n in range(count):
        d = Debrief(title=f"Published debrief {n}", impact="Checkout slowed. " * 10)
        d.timeline = [
            TimelineEvent(start + timedelta(minutes=m), text=f"Step {m} of incident {n}.")
            for m in range(20)
        ]
        d.learnings = [Note(f"Learning {k} of incident {n}.") for k in range(4)]
        made.append(d)
    return made


def first_sync(admin: str) -> dict[str, float]:
    with postgres_database(admin) as team_url, tempfile.TemporaryDirectory() as folder:
        with DebriefService(team_url, maintenance=False) as team:
            team.save_many(_library(1000))
        with DebriefService(f"sqlite:///{Path(folder) / 'new.db'}", maintenance=False) as local:
            sync = TeamSync(local, team_url)
            started = time.perf_counter()
            report = sync.sync()
            seconds = time.perf_counter() - started
            ping_started = time.perf_counter()
            sync.team().revision_of("")
            ping = (time.perf_counter() - ping_started) * 1000
            sync.close()
        assert report.brought_down == 1000, report
        return {"first_sync_1000_s": seconds, "floor_round_trip_ms": ping}


def steady_state(admin: str) -> dict[str, float]:
    with postgres_database(admin) as team_url, tempfile.TemporaryDirectory() as folder:
        DebriefService(team_url, maintenance=False).close()  # the owner sets up the tables
        a = DebriefService(f"sqlite:///{Path(folder) / 'a.db'}", maintenance=False)
        b = DebriefService(f"sqlite:///{Path(folder) / 'b.db'}", maintenance=False)
        debrief = Debrief(title="Shared")
        a.save(debrief)
        sync_a, sync_b = TeamSync(a, team_url), TeamSync(b, team_url)
        sync_a.publish(debrief.id)
        sync_b.sync()
        stop = threading.Event()

        def background() -> None:  # client B's sync, once a second
            while not stop.is_set():
                sync_b.sync()
                stop.wait(SYNC_EVERY_S)

        thread = threading.Thread(target=background)
        thread.start()
        latencies = []
        try:
            for n in range(10):
                marker = f"edit-{n}"
                copy = a.load(debrief.id)
                base = snapshot(copy)
                copy.learnings.append(Note(marker))
                saved_at = time.perf_counter()
                a.save(copy, base=base)
                sync_a.sync()  # the app pushes right after a local save
                while marker not in {note.text for note in b.load(debrief.id).learnings}:
                    time.sleep(0.02)
                latencies.append(time.perf_counter() - saved_at)
        finally:
            stop.set()
            thread.join()
            sync_a.close()
            sync_b.close()
            a.close()
            b.close()
        return {
            "edit_reaches_other_client_median_s": statistics.median(latencies),
            "edit_reaches_other_client_max_s": max(latencies),
        }


def main() -> None:
    if "--child" in sys.argv:
        i = sys.argv.index("--child")
        what, admin = sys.argv[i + 1], sys.argv[i + 2]
        print(json.dumps(first_sync(admin) if what == "first" else steady_state(admin)))
        return
    admin = sys.argv[sys.argv.index("--postgres") + 1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    print(json.dumps({"floor_python_startup_ms": round(python_startup_ms(), 1)}))
    for what in ("first", "steady"):
        figures = median_of_processes([__file__, "--child", what, admin], runs=runs)
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}), flush=True)


if __name__ == "__main__":
    main()

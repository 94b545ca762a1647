"""Startup time and memory with 1,000 debriefs in the library.

Measures, in a fresh process each time, the wall time from launching Python to
the main window being shown with the event loop running (the library filled and
answering input), and the memory the process holds at that point.

Run: ``.venv/bin/python benchmarks/bench_startup.py`` (add ``--runs N``, ``--count N``).
Targets: under 1.5 s to a usable window; under 250 MB in use.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.5
TARGET_MB = 250.0


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc, else peak from getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def fill(db_url: str, count: int) -> None:
    """Create ``count`` debriefs with a title, severity and timeline each."""
    from datetime import UTC, datetime, timedelta

    from facilitator.domain.model import EventKind, TimelineEvent
    from facilitator.domain.taxonomy import default_taxonomy
    from facilitator.storage import DebriefService

    service = DebriefService(db_url)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    severities = list(default_taxonomy().severity_names)
    for i in range(count):
        debrief = service.create(f"Incident {i:04d}: queue backlog in region {i % 7}")
        debrief.severity = severities[i % len(severities)]
        debrief.started_at = start + timedelta(hours=7 * i)
        debrief.summary = "A short summary of what happened. " * 5
        debrief.timeline = [
            TimelineEvent(debrief.started_at + timedelta(minutes=m), EventKind.NOTE, "event text")
            for m in range(0, 60, 6)
        ]
        service.save(debrief)
    service.close()


def child(db_url: str, config_dir: str) -> int:
    """The measured process: start the app, report when usable, quit."""
    from PySide6.QtCore import QSettings

    from facilitator.app import run_gui

    settings = QSettings(config_dir + "/settings.ini", QSettings.Format.IniFormat)

    def ready(window: object) -> None:
        rows = window.library.model.rowCount()  # type: ignore[attr-defined]
        print(f"ready {time.time():.6f} {rss_mb():.1f} {rows}", flush=True)
        window.close()  # type: ignore[attr-defined]

    return run_gui(db_url, ["facilitator"], settings=settings, on_ready=ready)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--child", nargs=2, metavar=("DB_URL", "CONFIG_DIR"))
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = "sqlite:///" + str(Path(tmp) / "bench.db")
        t = time.perf_counter()
        fill(db_url, args.count)
        print(f"filled {args.count} debriefs in {time.perf_counter() - t:.1f} s")
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        times, memory = [], []
        for _ in range(args.runs):
            launched = time.time()
            out = subprocess.run(
                [sys.executable, __file__, "--child", db_url, tmp],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp,
                check=True,
            ).stdout
            line = next(x for x in out.splitlines() if x.startswith("ready"))
            _, at, mb, rows = line.split()
            assert int(rows) == args.count, f"library shows {rows} rows"
            times.append(float(at) - launched)
            memory.append(float(mb))
    median, worst = statistics.median(times), max(times)
    print(
        f"launch to usable window: median {median:.2f} s, worst {worst:.2f} s "
        f"(target < {TARGET_SECONDS} s) over {args.runs} runs"
    )
    print(
        f"memory in use: median {statistics.median(memory):.0f} MB, worst {max(memory):.0f} MB "
        f"(target < {TARGET_MB:.0f} MB)"
    )
    ok = median < TARGET_SECONDS and max(memory) < TARGET_MB
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

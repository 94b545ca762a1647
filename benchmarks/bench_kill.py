"""SIGKILL while typing: characters typed more than a second before the kill that were lost.

A real app process types into the Impact field at 50, 150 and 300 ms per key for
10 s and is then killed with SIGKILL; the database is read back. Each pace runs
in three fresh processes. Must print lost = 0 everywhere. Run:
    .venv/bin/python benchmarks/bench_kill.py [--seconds S] [--runs N]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).parent))
from fresh import python_startup_ms

from support.typing_kill import type_then_kill


def main() -> None:
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 10
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    print(json.dumps({"floor_python_startup_ms": round(python_startup_ms(), 1)}))
    for interval in (50, 150, 300):
        results = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                results.append(type_then_kill(Path(folder), interval, seconds))
        print(
            json.dumps(
                {
                    "ms_per_key": interval,
                    "seconds": seconds,
                    "runs": runs,
                    "keys_typed_median": statistics.median(r.typed for r in results),
                    "keys_due_median": statistics.median(r.due for r in results),
                    "lost_median": statistics.median(r.lost for r in results),
                    "lost_max": max(r.lost for r in results),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()

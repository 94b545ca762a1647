"""The team library soak the issue asks for: 5 clients, 50 shared debriefs, 60 s, 2 outages.

Each client has its own local store, edits published debriefs at random (every
edit leaves a marker) and syncs twice a second, while a private PostgreSQL
server is stopped and restarted twice. Afterwards every store must hold the
same public content as the team library, and every marker must be there.
Prints one JSON line: edits, lost (must be 0), stores differing (must be 0),
conflict notes kept, syncs that failed during the outages.

    .venv/bin/python benchmarks/bench_team_soak.py [--seconds 60] [--port 5470]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.team_soak import run_soak


def main() -> None:
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 60
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 5470
    with tempfile.TemporaryDirectory() as folder:
        result = run_soak(
            Path(folder), port=port, clients=5, debriefs=50, seconds=seconds, restarts=2
        )
    print(result.as_json())


if __name__ == "__main__":
    main()

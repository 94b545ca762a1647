"""Edits lost when four writers edit one debrief at once: must be 0.

Two app processes (each a real MeetingSession: edits, touch, flush, and picking
up the others' saves) and two threads (each with its own DebriefService, saving
with its base as the session does) make 100 rounds of edits to one debrief. Each
edit leaves a unique marker: a new timeline event, a new learning, or a line
added to the impact text (which all four write, so it conflicts). Afterwards
every marker must be in the debrief: in its field, or in a conflict note.

Prints one JSON line per backend and run. Run:
    .venv/bin/python benchmarks/bench_concurrency.py [--postgres ADMIN_URL] [--runs N]
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fresh import postgres_database

from facilitator.domain.changes import snapshot
from facilitator.domain.model import Debrief, Note, TimelineEvent
from facilitator.storage import DebriefService

ROUNDS = 100
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def edit(debrief: Debrief, marker: str, rng: random.Random) -> None:
    """One edit that leaves ``marker`` somewhere in ``debrief``."""
    choice = rng.randrange(3)
    if choice == 0:
        at = START + timedelta(seconds=rng.randrange(3600))
        debrief.timeline.append(TimelineEvent(at, text=marker))
    elif choice == 1:
        debrief.learnings.append(Note(marker))
    else:
        debrief.impact = f"{debrief.impact}\n{marker}".strip()


def every_text(debrief: Debrief) -> str:
    parts = [debrief.impact, *(e.text for e in debrief.timeline)]
    parts += [n.text for n in debrief.learnings] + [c.text for c in debrief.conflicts]
    return "\n".join(parts)


def thread_writer(url: str, debrief_id: str, name: str, out: list[str]) -> None:
    rng = random.Random(name)
    with DebriefService(url, maintenance=False) as service:
        copy = service.load(debrief_id)
        base = snapshot(copy)
        for round_ in range(ROUNDS):
            marker = f"{name}-{round_}"
            edit(copy, marker, rng)
            out.append(marker)
            result = service.save(copy, base=base)
            if result.merged is not None:
                copy = result.merged
            base = snapshot(copy)
            time.sleep(rng.random() * 0.004)


def process_writer(url: str, debrief_id: str, name: str) -> None:
    """A real MeetingSession in its own process; prints the markers it wrote."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from facilitator.domain.script import default_script
    from facilitator.ui.session import MeetingSession

    app = QCoreApplication([])
    rng = random.Random(name)
    service = DebriefService(url, maintenance=False)
    session = MeetingSession(service, default_script())
    session.open(service.load(debrief_id))
    written = []
    for round_ in range(ROUNDS):
        if rng.random() < 0.3:
            session.pick_up_saves()  # what the session's one-second timer does
        marker = f"{name}-{round_}"
        assert session.debrief is not None
        edit(session.debrief, marker, rng)
        written.append(marker)
        session.touch("timeline")
        session.flush()
        app.processEvents()
        time.sleep(rng.random() * 0.004)
    session.close()
    service.close()
    print(json.dumps(written))


def run(url: str) -> dict[str, object]:
    with DebriefService(url, maintenance=False) as service:
        debrief = service.create("Concurrency")
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--process", url, debrief.id, f"P{n}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    written: list[str] = []
    threads = [
        threading.Thread(target=thread_writer, args=(url, debrief.id, f"T{n}", written))
        for n in (1, 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise SystemExit(f"a writer process failed ({proc.returncode})")
        written.extend(json.loads(out.strip().splitlines()[-1]))
    seconds = time.perf_counter() - started
    with DebriefService(url, maintenance=False) as service:
        final = service.load(debrief.id)
    found = every_text(final)
    lost = [m for m in written if m not in found.split("\n")]
    return {
        "writers": 4,
        "edits": len(written),
        "lost": len(lost),
        "conflict_notes": len(final.conflicts),
        "seconds": round(seconds, 2),
    }


def main() -> None:
    if "--process" in sys.argv:
        i = sys.argv.index("--process")
        process_writer(sys.argv[i + 1], sys.argv[i + 2], sys.argv[i + 3])
        return
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    admin = sys.argv[sys.argv.index("--postgres") + 1] if "--postgres" in sys.argv else None
    for backend in ["sqlite"] + (["postgresql"] if admin else []):
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
                url = (
                    stack.enter_context(postgres_database(admin))
                    if backend == "postgresql" and admin
                    else f"sqlite:///{Path(folder) / 'concurrency.db'}"
                )
                print(json.dumps({"backend": backend, **run(url)}), flush=True)


if __name__ == "__main__":
    main()

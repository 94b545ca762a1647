"""A soak of the team library: clients edit shared debriefs while the server goes away and back.

Each client is a process with its own local store. It edits random published
debriefs (each edit leaves a unique marker: a timeline event, a learning or a
line of the impact text, which every client writes, so it conflicts), saves
locally as the app does, and syncs twice a second. Meanwhile the server is
stopped and restarted. Afterwards every client syncs until nothing moves, and
the check is that every store holds the same public content as the team
library and that every marker is there, in its field or in a conflict note.

Used by tests/team/test_soak.py (short) and benchmarks/bench_team_soak.py (the
issue's 5 clients, 50 debriefs, 60 s, two restarts).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

CI_POSTGRES = Path(__file__).resolve().parents[2] / ".ci" / "postgres"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class SoakResult:
    clients: int
    debriefs: int
    seconds: float
    restarts: int
    edits: int
    lost: int
    stores_differing: int
    conflict_notes: int
    failed_syncs: int

    def as_json(self) -> str:
        return json.dumps(self.__dict__)


class Server:
    """A private PostgreSQL cluster the soak may stop and start (never the shared one)."""

    def __init__(self, port: int, folder: Path) -> None:
        self.env = {
            **os.environ,
            "FACILITATOR_PG_PORT": str(port),
            "FACILITATOR_PG_DIR": str(folder),
            "FACILITATOR_PG_DURABLE": "1",  # an abrupt stop keeps what it acknowledged
        }
        self.admin = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def _run(self, action: str) -> None:
        subprocess.run(
            ["bash", str(CI_POSTGRES), action], env=self.env, check=True, stdout=subprocess.DEVNULL
        )

    def start(self) -> None:
        self._run("start")

    def halt(self) -> None:
        self._run("halt")

    def resume(self) -> None:
        self._run("resume")

    def stop(self) -> None:
        self._run("stop")


def edit(debrief, marker: str, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    from facilitator.domain.model import Note, TimelineEvent

    choice = rng.randrange(3)
    if choice == 0:
        debrief.timeline.append(
            TimelineEvent(START + timedelta(seconds=rng.randrange(7200)), text=marker)
        )
    elif choice == 1:
        debrief.learnings.append(Note(marker))
    else:
        debrief.impact = f"{debrief.impact}\n{marker}".strip()


def client(
    local_url: str, team_url: str, ids: list[str], name: str, seconds: float, gate: str
) -> None:
    """One client process: edit and sync for ``seconds``, then print the markers it wrote.

    It says it is ready (``gate``-ready-NAME) once imported and connected, and starts
    when the ``gate`` file appears: on a loaded machine starting Python can take longer
    than the run, and a client that began after the outage would never see it.
    """
    from facilitator.domain.changes import snapshot
    from facilitator.storage import DebriefService
    from facilitator.team.sync import TeamSync

    rng = random.Random(name)
    local = DebriefService(local_url, maintenance=False)
    sync = TeamSync(local, team_url)
    written: list[str] = []
    failed = 0
    Path(f"{gate}-ready-{name}").touch()
    waited = time.monotonic() + 300
    while not Path(gate).exists() and time.monotonic() < waited:
        time.sleep(0.02)
    ends = time.monotonic() + seconds
    next_sync = 0.0
    count = 0
    while time.monotonic() < ends:
        debrief_id = rng.choice(ids)
        copy = local.load(debrief_id)
        base = snapshot(copy)
        marker = f"{name}-{count}"
        count += 1
        edit(copy, marker, rng)
        local.save(copy, base=base)
        written.append(marker)
        if os.environ.get("FACILITATOR_SOAK_DEBUG"):
            kind = (
                "event"
                if marker in {e.text for e in copy.timeline}
                else ("learning" if marker in {n.text for n in copy.learnings} else "impact")
            )
            print(f"{marker} {kind} {debrief_id[:8]} t={time.monotonic():.2f}", file=sys.stderr)
        if time.monotonic() >= next_sync:
            report = sync.sync()
            failed += not report.online
            if os.environ.get("FACILITATOR_SOAK_DEBUG"):
                print(
                    f"{name} sync online={report.online} pushed={len(report.pushed)} "
                    f"pulled={len(report.pulled)} t={time.monotonic():.2f} {report.problem[:60]}",
                    file=sys.stderr,
                )
            next_sync = time.monotonic() + 0.5
        time.sleep(rng.random() * 0.05)
    sync.close()
    local.close()
    print(json.dumps({"written": written, "failed": failed}))


def settle(local_url: str, team_url: str) -> None:
    """Sync until nothing moves (pushes and pulls both empty)."""
    from facilitator.storage import DebriefService
    from facilitator.team.sync import TeamSync

    with DebriefService(local_url, maintenance=False) as local:
        sync = TeamSync(local, team_url)
        for _ in range(10):
            report = sync.sync()
            if report.online and not report.pushed and not report.pulled:
                break
            if not report.online:
                time.sleep(0.5)
        sync.close()


def run_soak(
    folder: Path, *, port: int, clients: int, debriefs: int, seconds: float, restarts: int
) -> SoakResult:
    """Run the whole soak in ``folder`` on a private server at ``port``."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from facilitator.domain.changes import diff
    from facilitator.domain.model import Debrief
    from facilitator.storage import DebriefService
    from facilitator.team.public import public_copy
    from facilitator.team.sync import TeamSync

    from support.postgres import grant_team_roles

    # Not under ``folder``: the server runs as its own user, which may not enter a private folder.
    server = Server(port, Path(tempfile.gettempdir()) / f"facilitator-soak-pg-{port}")
    server.start()
    try:
        team_url = server.admin.rsplit("/", 1)[0] + "/team"
        from sqlalchemy import create_engine, text

        admin = create_engine(server.admin, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE team"))
        admin.dispose()
        DebriefService(team_url, maintenance=False).close()
        grant_team_roles(team_url)
        locals_ = [f"sqlite:///{folder / f'client{n}.db'}" for n in range(clients)]
        with DebriefService(locals_[0], maintenance=False) as first:
            ids = []
            for n in range(debriefs):
                debrief = Debrief(title=f"Shared debrief {n}", impact="Start.")
                first.save(debrief)
                ids.append(debrief.id)
            publisher = TeamSync(first, team_url)
            for debrief_id in ids:
                publisher.publish(debrief_id)
            publisher.close()
        for url in locals_[1:]:
            settle(url, team_url)
        gate = folder / "go"
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "client",
                    url,
                    team_url,
                    json.dumps(ids),
                    f"C{n}",
                    str(seconds),
                    str(gate),
                ],
                stdout=subprocess.PIPE,
                stderr=None if os.environ.get("FACILITATOR_SOAK_DEBUG") else subprocess.DEVNULL,
                text=True,
            )
            for n, url in enumerate(locals_)
        ]
        names = [f"C{n}" for n in range(clients)]
        waited = time.monotonic() + 300
        while time.monotonic() < waited and not all(
            Path(f"{gate}-ready-{name}").exists() for name in names
        ):
            if any(proc.poll() is not None for proc in procs):
                break  # a client died: its output below says why
            time.sleep(0.05)
        gate.touch()  # every client edits from now on; the outages are timed from here
        started = time.monotonic()
        for n in range(restarts):
            # Outages spread over the run: down for about a tenth of it each time.
            at = seconds * (n + 1) / (restarts + 1)
            time.sleep(max(0.0, started + at - time.monotonic()))
            server.halt()
            time.sleep(max(1.0, seconds / 10))
            server.resume()
        written: list[str] = []
        failed = 0
        for proc in procs:
            out, _ = proc.communicate(timeout=seconds + 300)
            result = json.loads(out.strip().splitlines()[-1])
            written += result["written"]
            failed += result["failed"]
        for _ in range(2):
            for url in locals_:
                settle(url, team_url)
        with DebriefService(team_url, maintenance=False) as team:
            shared = {i: team.load(i) for i in ids}
        differing = 0
        for url in locals_:
            with DebriefService(url, maintenance=False) as local:
                differing += sum(bool(diff(shared[i], public_copy(local.load(i)))) for i in ids)
        present: set[str] = set()
        notes = 0
        for debrief in shared.values():
            present.update(debrief.impact.split("\n"))
            present.update(e.text for e in debrief.timeline)
            present.update(n.text for n in debrief.learnings)
            for conflict in debrief.conflicts:
                present.update(conflict.text.split("\n"))
            notes += len(debrief.conflicts)
        missing = [marker for marker in written if marker not in present]
        if missing and os.environ.get("FACILITATOR_SOAK_DEBUG"):
            print("lost:", missing, file=sys.stderr)
        lost = len(missing)
        return SoakResult(
            clients, debriefs, seconds, restarts, len(written), lost, differing, notes, failed
        )
    finally:
        if os.environ.get("FACILITATOR_SOAK_DEBUG"):
            server.halt()  # keep the server's log to read
        else:
            server.stop()


if __name__ == "__main__" and sys.argv[1:2] == ["client"]:
    client(
        sys.argv[2],
        sys.argv[3],
        json.loads(sys.argv[4]),
        sys.argv[5],
        float(sys.argv[6]),
        sys.argv[7],
    )

"""Run a measurement in several fresh processes and report the median, with the floor.

Each benchmark that follows the project's rule (the median of fresh processes,
never a minimum, beside a floor measured in the same run) calls
:func:`median_of_processes` with the argument list of a child run of itself.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


def run_child(argv: Sequence[str]) -> dict[str, float]:
    """Run ``python argv...`` and parse the JSON object it prints last."""
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_of_processes(argv: Sequence[str], runs: int = 5) -> dict[str, float]:
    """The median, figure by figure, of ``runs`` fresh child processes."""
    results = [run_child(argv) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def python_startup_ms(runs: int = 5) -> float:
    """The floor every fresh process pays: ``python -c pass``, median of ``runs``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh database on the server of ``admin_url`` for one benchmark, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

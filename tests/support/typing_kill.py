"""Kill a typing app with SIGKILL and count what it lost; shared by a test and a benchmark."""

from __future__ import annotations

import os
import signal
import string
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DRIVER = Path(__file__).resolve().parent.parent / "ui" / "typing_driver.py"
#: What the driver types, over and over: the stored text is always a prefix of the repetition.
ALPHABET = string.ascii_lowercase


def typed_text(count: int) -> str:
    """The first ``count`` characters the driver types."""
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(count))


@dataclass(frozen=True)
class KillResult:
    """Keys typed in all, keys typed over ``grace`` before the kill, and keys stored."""

    typed: int
    due: int
    saved: int

    @property
    def lost(self) -> int:
        return max(0, self.due - self.saved)


def type_then_kill(
    folder: Path, interval_ms: int, seconds: float, grace: float = 1.0
) -> KillResult:
    """Type every ``interval_ms`` for ``seconds`` in a real app process, then SIGKILL it."""
    from facilitator.storage import DebriefService

    db_url = f"sqlite:///{folder / 'kill.db'}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), db_url, str(folder), str(interval_ms)],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(seconds + 60, proc.kill)
    watchdog.start()
    keys: list[float] = []
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().split()
        assert first[:1] == ["id"], first
        started = None
        for line in proc.stdout:
            parts = line.split()
            if parts[:1] != ["key"]:
                continue
            keys.append(float(parts[2]))
            started = started or keys[0]
            if keys[-1] - started >= seconds:
                break
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        watchdog.cancel()
        if proc.stdout is not None:
            proc.stdout.close()
    with DebriefService(db_url, maintenance=False) as service:
        impact = service.load(first[1]).impact
    saved = len(impact) if typed_text(len(impact)) == impact else 0
    due = sum(1 for t in keys if t <= killed_at - grace)
    return KillResult(len(keys), due, saved)

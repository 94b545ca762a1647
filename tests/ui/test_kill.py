"""Killing the app (SIGKILL) loses nothing typed more than a second before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from facilitator.storage import DebriefService

DRIVER = Path(__file__).with_name("kill_driver.py")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_text_typed_before_a_kill_is_in_the_database(tmp_path: Path) -> None:
    db_url = "sqlite:///" + str(tmp_path / "kill.db")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), db_url, str(tmp_path)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # A hung child must not hang the test run.
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().split()
        assert first[:1] == ["id"], proc.stderr.read() if proc.stderr else first
        assert proc.stdout.readline().strip() == "typed"
    finally:
        watchdog.cancel()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL
    service = DebriefService(db_url)
    try:
        assert service.load(first[1]).impact == "Typed before the crash"
    finally:
        service.close()

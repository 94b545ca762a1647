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

from support.typing_kill import type_then_kill

DRIVER = Path(__file__).with_name("kill_driver.py")
TYPING = Path(__file__).with_name("typing_driver.py")


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


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("interval_ms", [150, 300])
def test_steady_typing_is_saved_at_least_every_second(tmp_path: Path, interval_ms: int) -> None:
    """Typing that never pauses long enough for the idle save still reaches the database."""
    result = type_then_kill(tmp_path, interval_ms, seconds=4)
    assert result.due > 0
    assert result.lost == 0, result


@pytest.mark.slow
def test_sigterm_saves_what_was_typed_and_exits(tmp_path: Path) -> None:
    """A SIGTERM right after a key, well inside the autosave delay, still saves that key."""
    db_url = f"sqlite:///{tmp_path / 'term.db'}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(TYPING), db_url, str(tmp_path), "5000"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        debrief_id = proc.stdout.readline().split()[1]
        assert proc.stdout.readline().startswith("key 1 ")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        watchdog.cancel()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    with DebriefService(db_url, maintenance=False) as service:
        assert service.load(debrief_id).impact == "a"

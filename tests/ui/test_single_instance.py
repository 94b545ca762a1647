"""One instance per database: the hand-over protocol, the local server, and two real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from facilitator.app import open_request
from facilitator.domain.model import Debrief
from facilitator.sample import SAMPLE_ID, add_sample
from facilitator.ui.main_window import MainWindow
from facilitator.ui.single_instance import (
    MAX_MESSAGE,
    InstanceServer,
    ProtocolError,
    canonical_database,
    claim,
    decode_answer,
    decode_request,
    encode_answer,
    encode_request,
    server_name,
)

# -- the protocol, without Qt ------------------------------------------------------------


def test_a_request_round_trips() -> None:
    argv = ["--open", "7d3f", "--db", "sqlite:///ü.db"]
    request = decode_request(encode_request(argv, "/home/ada"))
    assert request.argv == argv and request.cwd == "/home/ada"
    assert decode_answer(encode_answer(4242)) == 4242


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not json\n",
        b"[1, 2]\n",
        b'{"app": "facilitator", "protocol": 1, "argv": [], "cwd": "/"}',  # no newline
        b'{"app": "other", "protocol": 1, "argv": [], "cwd": "/"}\n',
        b'{"app": "facilitator", "protocol": 2, "argv": [], "cwd": "/"}\n',
        b'{"app": "facilitator", "protocol": 1, "argv": "--open x", "cwd": "/"}\n',
        b'{"app": "facilitator", "protocol": 1, "argv": [1], "cwd": "/"}\n',
        b'{"app": "facilitator", "protocol": 1, "argv": []}\n',
        b"\xff\xfe\n",
        b" " * (MAX_MESSAGE + 1) + b"\n",
    ],
)
def test_malformed_requests_are_refused(data: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_request(data)


def test_answers_that_are_not_ok_are_refused() -> None:
    for data in (b'{"ok": false, "pid": 1}\n', b'{"ok": true}\n', b"\n"):
        with pytest.raises(ProtocolError):
            decode_answer(data)


def test_an_oversized_command_line_is_not_sent() -> None:
    with pytest.raises(ProtocolError):
        encode_request(["x" * MAX_MESSAGE], "/")


def test_every_spelling_of_one_database_gets_one_server_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = f"sqlite:///{tmp_path / 'team.db'}"
    assert canonical_database("sqlite:///team.db") == absolute
    assert server_name("sqlite:///team.db") == server_name(absolute)
    assert server_name("sqlite:///./sub/../team.db") == server_name(absolute)
    assert server_name("sqlite:///other.db") != server_name(absolute)
    # The default database is the same whether named or not.
    monkeypatch.setenv("FACILITATOR_DB", absolute)
    assert server_name(None) == server_name(absolute)
    # Passwords never reach the name's input, and names fit a Unix socket path.
    assert "hunter2" not in canonical_database("postgresql://ada:hunter2@db/x")
    assert len(server_name(absolute)) < 40


def test_a_handed_over_command_line_names_what_to_open() -> None:
    assert open_request(["--open", "7d3f"]) == ("7d3f", None)
    assert open_request(["--db", "x", "--open=abc"]) == ("abc", None)
    assert open_request(["--db", "open", "open", "7d", "--phase", "timeline"]) == (
        "7d",
        "timeline",
    )
    assert open_request(["open", "notes.json", "--phase=3"]) == ("notes.json", "3")
    assert open_request(["--open"]) == (None, None) and open_request([]) == (None, None)


def test_a_hand_over_opens_one_match_and_explains_the_rest(window: MainWindow) -> None:
    from facilitator.app import _handed_over

    add_sample(window.service)
    # Shares the first two characters with the sample's id, and only those.
    window.service.save(Debrief(id="7d000000-0000-4000-8000-000000000000", title="Another"))
    assert SAMPLE_ID.startswith("7d3f")
    _handed_over(window, ["--open", "zz"])
    assert window.session.debrief is None
    assert "No debrief with an id starting" in window.statusBar().currentMessage()
    _handed_over(window, ["open", SAMPLE_ID[:2]])
    assert window.session.debrief is None
    assert "2 debriefs with an id starting" in window.statusBar().currentMessage()
    _handed_over(window, ["open", SAMPLE_ID[:8].upper(), "--phase", "timeline"])
    assert window.session.debrief is not None and window.session.debrief.id == SAMPLE_ID
    assert window.session.phase.id == "timeline"


# -- the local server, in this process ---------------------------------------------------


@pytest.fixture
def server(qtbot: QtBot, tmp_path: Path) -> InstanceServer:
    srv = InstanceServer(server_name(f"sqlite:///{tmp_path / 'unit.db'}"))
    assert srv.listen()
    yield srv
    srv.close()


def _send(qtbot: QtBot, name: str, data: bytes) -> QLocalSocket:
    client = QLocalSocket()
    with qtbot.waitSignal(client.connected, timeout=3000):
        client.connectToServer(name)
    client.write(data)
    client.flush()
    return client


def test_the_server_hands_a_request_to_the_app_and_answers_with_its_pid(
    qtbot: QtBot, server: InstanceServer
) -> None:
    with qtbot.waitSignal(server.requested, timeout=3000) as got:
        client = _send(qtbot, server.name, encode_request(["--open", "abc"], "/tmp"))
    assert got.args == [["--open", "abc"], "/tmp"]
    qtbot.waitUntil(
        lambda: (
            client.bytesAvailable() > 0 or client.state() != client.LocalSocketState.ConnectedState
        )
    )
    answer = bytes(client.readAll().data())
    assert decode_answer(answer) == os.getpid()


def test_the_server_drops_garbage_without_a_signal(qtbot: QtBot, server: InstanceServer) -> None:
    seen: list[object] = []
    server.requested.connect(lambda *args: seen.append(args))
    client = _send(qtbot, server.name, b'{"hello": "there"}\n')
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert seen == []
    # It still serves the next, valid request.
    with qtbot.waitSignal(server.requested, timeout=3000):
        _send(qtbot, server.name, encode_request([], "/"))


def test_claim_is_primary_once_then_released(qtbot: QtBot, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'claim.db'}"
    first = claim(url, [], lock_dir=tmp_path)
    assert first.primary and first.lock is not None and first.lock.isLocked()
    first.release()
    again = claim(url, [], lock_dir=tmp_path)
    assert again.primary
    again.release()


# -- two real processes ------------------------------------------------------------------


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        FACILITATOR_DATA_DIR=str(tmp_path / "data"),
        FACILITATOR_CONFIG_DIR=str(tmp_path / "config"),
        FACILITATOR_LOG_DIR=str(tmp_path / "logs"),
        **extra,
    )
    env.pop("FACILITATOR_DB", None)
    return env


def _launch(tmp_path: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", *args],
        env=_env(tmp_path, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def _log(tmp_path: Path) -> str:
    path = tmp_path / "logs" / "facilitator.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _wait_for(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_a_second_launch_hands_over_and_a_crashed_instance_does_not_block(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    demo = subprocess.run(
        [sys.executable, "-m", "facilitator.cli", "--db", db, "demo"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert demo.returncode == 0, demo.stderr
    sample_id = demo.stdout.split()[4]
    first = _launch(tmp_path, "--db", db)
    try:
        _wait_for(lambda: "window ready" in _log(tmp_path) or first.poll() is not None)
        assert first.poll() is None, first.communicate()
        # The same database spelled another way still finds the running instance.
        relative = "sqlite:///shared.db"
        second = subprocess.run(
            [sys.executable, "-m", "facilitator.cli", "--db", relative, "--open", sample_id[:8]],
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert second.returncode == 0, second.stderr
        assert second.stdout.startswith("facilitator: handed over to the Facilitator")
        assert f"process {first.pid}" in second.stdout
        _wait_for(lambda: "opened a debrief on request" in _log(tmp_path))
        assert "handed over 4 argument(s)" in _log(tmp_path)
        # Another database is another instance, even while this one runs.
        other = _launch(
            tmp_path,
            "--db",
            f"sqlite:///{tmp_path / 'other.db'}",
            FACILITATOR_QUIT_AFTER_START="200",
        )
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err
        assert "handed over" not in out
    finally:
        # A crash: the lock file and the socket stay behind.
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    third = _launch(tmp_path, "--db", db, FACILITATOR_QUIT_AFTER_START="300")
    out, err = third.communicate(timeout=60)
    assert third.returncode == 0, err
    assert "handed over" not in out
    assert _log(tmp_path).count("window ready") == 3

"""Before Qt starts: a missing X11 library is one line and exit status 2, never an abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import display_check
from facilitator.display_check import (
    describe,
    import_failure,
    missing_libraries,
    no_display,
    start_check,
    wants_xcb,
)

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd6b9e8000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1b2c000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f1b2bf00000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f1b2c5a0000)
"""


def test_missing_libraries_are_read_from_ldd_output_once_each() -> None:
    assert missing_libraries(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_the_message_names_libraries_and_debian_packages_on_one_line() -> None:
    problem = describe(["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libweird.so.9"])
    assert "\n" not in problem.message
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libweird.so.9" in problem.message
    assert "apt install libxcb-icccm4 libxcb-keysyms1)" in problem.message


def test_every_mapped_package_name_looks_like_a_debian_package() -> None:
    for soname, package in display_check.DEBIAN_PACKAGES.items():
        assert soname.startswith("lib") and ".so" in soname
        assert package == package.lower() and " " not in package


def test_a_failed_qt_import_names_the_library() -> None:
    exc = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    assert "libEGL.so.1" in import_failure(exc).message
    assert "libegl1" in import_failure(exc).message
    assert "\n" not in import_failure(ImportError("something else")).message


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_the_check_runs_only_where_qt_will_use_xcb(
    env: dict[str, str], platform: str, expected: bool
) -> None:
    assert wants_xcb(env, platform) is expected


def test_no_display_at_all_is_reported_instead_of_a_qt_abort() -> None:
    assert no_display({}, "linux") is not None
    assert no_display({"DISPLAY": ":0"}, "linux") is None
    assert no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display({}, "darwin") is None


def _fake_ldd(folder: Path, output: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "ldd"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{output}EOF\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_start_check_runs_ldd_on_the_real_plugin(tmp_path: Path) -> None:
    assert display_check.xcb_plugin() is not None
    fake = _fake_ldd(tmp_path / "bin", LDD_OUTPUT)
    problem = start_check({"DISPLAY": ":0", "PATH": os.environ["PATH"]}, ldd=str(fake)).result()
    assert problem is not None and problem.missing == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    all_found = _fake_ldd(tmp_path / "ok", "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")
    assert start_check({"DISPLAY": ":0"}, ldd=str(all_found)).result() is None
    assert start_check({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}).result() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_the_app_prints_one_line_and_exits_2_when_a_library_is_missing(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    _fake_ldd(fake_bin, LDD_OUTPUT)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":97", PATH=f"{fake_bin}{os.pathsep}{env['PATH']}")
    run = subprocess.run(
        [sys.executable, "-m", "facilitator.cli"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 2, run.stderr  # not -6 (SIGABRT) and no core dump
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("facilitator: cannot open a window")
    assert "libxcb-icccm.so.4" in lines[0] and "libxcb-keysyms1" in lines[0]
    assert run.stdout == ""
    assert not list(tmp_path.glob("core*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="other systems always have one")
def test_the_app_without_any_display_prints_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY")
    }
    run = subprocess.run(
        [sys.executable, "-m", "facilitator.cli"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "no display" in run.stderr


def _free_display() -> int:
    import socket

    for number in range(900, 1000):
        path = f"/tmp/.X11-unix/X{number}"
        if Path(path).exists():
            continue
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect("\0" + path)
            except OSError:
                return number
    raise AssertionError("no free display number")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X servers on Linux only")
def test_a_local_display_nobody_listens_on_is_reported() -> None:
    import socket

    number = _free_display()
    problem = display_check.unreachable_display({"DISPLAY": f":{number}"})
    assert problem is not None and f"DISPLAY=:{number}" in problem.message
    # An X server listening (here: on the abstract socket Linux servers also open).
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen(1)
        assert display_check.unreachable_display({"DISPLAY": f":{number}.0"}) is None
    # Remote and forwarded displays, and other platforms, are left to Qt.
    assert display_check.unreachable_display({"DISPLAY": "localhost:10.0"}) is None
    env = {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "offscreen"}
    assert display_check.unreachable_display(env) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X servers on Linux only")
def test_the_app_on_a_stale_display_prints_one_line_instead_of_aborting(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    _fake_ldd(fake_bin, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")  # every library there
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=f":{_free_display()}", PATH=f"{fake_bin}{os.pathsep}{env['PATH']}")
    run = subprocess.run(
        [sys.executable, "-m", "facilitator.cli"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "no X server answers" in run.stderr

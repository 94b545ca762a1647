"""Before Qt starts on Linux: can its window system plugin load? If not, say what is missing.

When a system library of Qt's xcb plugin is missing, Qt prints a paragraph that
names the wrong library and then aborts with a core dump. This module asks the
dynamic loader instead (``ldd`` on the plugin, started in the background while the
rest of the app is imported, so it costs a fork and not the ~30 ms ldd takes) and
turns a failure into one line naming the missing libraries and the packages that
provide them. A local ``DISPLAY`` with no X server behind it, and no display at all,
get one line each as well.

Pure Python; it finds the plugin through ``importlib.util.find_spec`` without
importing PySide6.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Libraries the xcb plugin links against that a minimal Debian or Ubuntu may lack,
#: with the package that ships each (checked with ldd and dpkg -S on Debian 12).
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

#: Exit status when no window can be opened, as for any other user-facing error.
EXIT_NO_DISPLAY = 2


@dataclass(frozen=True)
class Problem:
    """Why no window can open, as one line for stderr."""

    message: str
    missing: tuple[str, ...] = ()


def xcb_plugin() -> Path | None:
    """The path of PySide6's xcb platform plugin, or None when it is not there."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def wants_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True when Qt is going to use its xcb plugin, so checking it is worthwhile.

    Only on Linux, only with an X display, and not when another platform plugin
    (offscreen, wayland, vnc...) is asked for explicitly.
    """
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip().lower()
    if chosen and not chosen.startswith("xcb"):
        return False
    if not env.get("DISPLAY"):
        return False
    # In a Wayland session Qt uses its wayland plugin first; xcb is only the fallback.
    return chosen.startswith("xcb") or not env.get("WAYLAND_DISPLAY")


def missing_libraries(ldd_output: str) -> list[str]:
    """Sonames ldd reports as "not found", in order, without repeats."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, rest = line.strip().partition("=>")
        if arrow and rest.strip().startswith("not found"):
            soname = name.strip()
            if soname not in missing:
                missing.append(soname)
    return missing


def describe(missing: list[str]) -> Problem:
    """The one line that names what to install."""
    packages = sorted({DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES})
    hint = f" (Debian/Ubuntu: sudo apt install {' '.join(packages)})" if packages else ""
    return Problem(
        f"cannot open a window: Qt needs {', '.join(missing)}, "
        f"which this system does not have{hint}; the README's “System packages” lists "
        "them all",
        tuple(missing),
    )


class PendingCheck:
    """An ldd run started early; :meth:`result` waits for it and reads its answer."""

    def __init__(self, process: subprocess.Popen[str] | None) -> None:
        self._process = process

    def result(self, timeout: float = 5.0) -> Problem | None:
        """None when the plugin can load (or the check could not tell)."""
        if self._process is None:
            return None
        try:
            out, _err = self._process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            return None  # a slow ldd tells us nothing; let Qt try
        missing = missing_libraries(out)
        return describe(missing) if missing else None


def start_check(env: Mapping[str, str] | None = None, ldd: str | None = None) -> PendingCheck:
    """Start checking the xcb plugin in the background when Qt is going to need it."""
    env = os.environ if env is None else env
    if not wants_xcb(env):
        return PendingCheck(None)
    plugin = xcb_plugin()
    tool = ldd or shutil.which("ldd", path=env.get("PATH"))
    if plugin is None or tool is None:
        return PendingCheck(None)
    try:
        process = subprocess.Popen(
            [tool, str(plugin)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**env, "LC_ALL": "C"},
        )
    except OSError:
        return PendingCheck(None)
    return PendingCheck(process)


_SONAME = re.compile(r"(lib[\w+.-]*?\.so(?:\.\d+)*)")


def import_failure(exc: ImportError) -> Problem:
    """Importing Qt failed: name the missing library when the loader said which."""
    match = _SONAME.search(str(exc))
    if match is None:
        return Problem(f"cannot start Qt ({type(exc).__name__}); reinstall with `make run`")
    return describe([match.group(1)])


_LOCAL_DISPLAY = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")


def unreachable_display(env: Mapping[str, str] | None = None) -> Problem | None:
    """A local X display that nothing listens on (a stale DISPLAY): Qt would abort.

    Only ``:N`` displays are checked, by connecting to the X server's Unix socket
    (the file, then the abstract one Linux X servers also open); a remote or
    forwarded display is left to Qt.
    """
    env = os.environ if env is None else env
    if not wants_xcb(env):
        return None
    display = env.get("DISPLAY", "")
    match = _LOCAL_DISPLAY.match(display)
    if match is None:
        return None
    path = f"/tmp/.X11-unix/X{match.group(1)}"
    for address in (path, "\0" + path):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            try:
                probe.connect(address)
            except OSError:
                continue
            return None
    return Problem(
        f"cannot open a window: no X server answers on DISPLAY={display}; "
        "start one, or fix DISPLAY (the command-line commands work without one)"
    )


def no_display(
    env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> Problem | None:
    """On Linux with no display and no platform asked for, Qt would abort: say why instead."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return Problem(
        "cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are unset); "
        "the command-line commands work without one (facilitator --help)"
    )

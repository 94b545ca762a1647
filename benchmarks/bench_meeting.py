"""The meeting surface at real sizes: opening, Ctrl+T, phases, typing, the library, start-up.

Every figure is measured in fresh processes with the real MainWindow (language
checker included, as the app runs it); the median of the runs is printed as JSON
beside its target and beside floors measured in the same run: ``python -c pass``
and a bare QMainWindow shown to its first paint (from launch, and in a running
process). Realistic sizes: a debrief with 2,000 events and 300 action items of
varied prose, a library of 10,000 debriefs, ``facilitator list`` over 1,000.

Run: ``.venv/bin/python benchmarks/bench_meeting.py`` (``--runs N``; ``--only NAME``).
"details" gives side figures: the same open a second time in one process (rules
already compiled), the worst phase switch and filter keystroke, the median keystroke.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from meeting_data import big_debrief, fill_library

#: name -> (target, unit, what)
TARGETS: dict[str, tuple[float, str, str]] = {
    "open_2000_events": (0.5, "s", "open a 2,000-event, 300-action debrief to its Timeline"),
    "ctrl_t_2000_events": (30.0, "ms", "Ctrl+T with 2,000 events"),
    "switch_phase": (50.0, "ms", "switching phase"),
    "keystroke_5000_words_p95": (2.0, "ms", "one keystroke in a 5,000-word field, p95"),
    "library_filter_10000": (20.0, "ms", "library filter per keystroke, 10,000 debriefs"),
    "startup_10000": (1.0, "s", "start-up to first paint, 10,000 debriefs"),
    "cli_version": (0.15, "s", "facilitator --version"),
    "cli_list_1000": (0.4, "s", "facilitator list, 1,000 debriefs"),
    "participant_change_block": (16.0, "ms", "longest UI block while a participant is typed"),
}
HERE = Path(__file__).resolve()


# -- measured in a child process --------------------------------------------------------


def _window(db_url: str, folder: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from facilitator.domain.script import default_script
    from facilitator.storage import DebriefService
    from facilitator.ui.language_hook import make_language_support
    from facilitator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench"])
    settings = QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)
    window = MainWindow(
        DebriefService(db_url), settings, default_script(), language_factory=make_language_support
    )
    window.resize(1280, 720)
    window.show()
    _settle(app)
    return app, window


def _settle(app, seconds: float = 0.05) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()


def _painted(app, widget) -> None:  # type: ignore[no-untyped-def]
    widget.repaint()
    app.processEvents()


def child_open(db_url: str, folder: str) -> dict[str, float]:
    app, window = _window(db_url, folder)
    debrief_id = window.service.list()[0].id
    timeline = window.session.script.phase_for_part("timeline")
    started = time.perf_counter()
    window.open_debrief(debrief_id)
    window.go_to_phase(timeline)
    _painted(app, window)
    first = time.perf_counter() - started
    # Again in the same process: the language rules are compiled by now, so this is what
    # opening costs the window itself (and the database load).
    _settle(app, 2.0)
    window.show_library()
    _settle(app, 0.5)
    started = time.perf_counter()
    window.open_debrief(debrief_id)
    window.go_to_phase(timeline)
    _painted(app, window)
    return {"value": first, "again": time.perf_counter() - started}


def child_ctrl_t(db_url: str, folder: str) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app, window = _window(db_url, folder)
    window.open_debrief(window.service.list()[0].id)
    window.go_to_phase(window.session.script.phase_for_part("timeline"))
    _settle(app, 0.5)
    window.editor.timeline.table.go_to(1200)
    times = []
    for _ in range(15):
        _settle(app, 0.02)
        started = time.perf_counter()
        QTest.keyClick(
            QApplication.focusWidget() or window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
        )
        _painted(app, window)
        times.append((time.perf_counter() - started) * 1000)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    return {"value": statistics.median(times)}


def child_phase(db_url: str, folder: str) -> dict[str, float]:
    app, window = _window(db_url, folder)
    window.open_debrief(window.service.list()[0].id)
    count = len(window.session.script.phases)
    for index in range(count):  # once round, so each page has been shown
        window.go_to_phase(index)
        _settle(app, 0.02)
    times = []
    for index in [*range(count), *range(count)]:
        _settle(app, 0.02)
        started = time.perf_counter()
        window.go_to_phase(index)
        _painted(app, window)
        times.append((time.perf_counter() - started) * 1000)
    return {"value": statistics.median(times), "worst": max(times)}


def child_keystroke(db_url: str, folder: str) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app, window = _window(db_url, folder)
    window.open_debrief(window.service.list()[0].id)
    window.go_to_phase(window.session.script.phase_for_part("response"))
    edit = window.editor.pages[window.session.phase_index].parts[0].edit
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.setPosition(len(edit.toPlainText()) // 2)
    edit.setTextCursor(cursor)
    # Steady typing: the work of opening (the findings scan, the first checks) is over.
    _settle(app, 3.0)
    times = []
    for n in range(300):
        started = time.perf_counter()
        QTest.keyClick(edit, Qt.Key.Key_A if n % 7 else Qt.Key.Key_Space)
        times.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    times.sort()
    return {"value": times[int(len(times) * 0.95)], "median": statistics.median(times)}


def child_filter(db_url: str, folder: str) -> dict[str, float]:
    app, window = _window(db_url, folder)
    _settle(app, 0.5)  # the filter's strings are formatted once, after the first paint
    field = window.library.filter
    times = []
    typed = (
        "q", "qu", "que", "queu", "queue", "queue 1", "queue 12", "queue 1", "queue", "d", "dn",
        "dns", "dns o", "dns", "p", "po", "poo", "pool", "", "2024", "sev1",
    )  # fmt: skip
    for text in typed:
        started = time.perf_counter()
        field.setText(text)
        _painted(app, window.library.table)
        times.append((time.perf_counter() - started) * 1000)
    return {"value": statistics.median(times), "worst": max(times)}


def child_participant(db_url: str, folder: str) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app, window = _window(db_url, folder)
    window.open_debrief(window.service.list()[0].id)
    window.go_to_phase(window.session.script.phase_for_part("participants"))
    _settle(app, 2.0)  # the first open's findings scan and rule compiling are over
    part = window.editor.pages[window.session.phase_index].parts[0]
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    heart = QTimer(interval=1)
    heart.timeout.connect(beat)
    heart.start()
    window.activateWindow()
    part.add()
    _settle(app, 0.05)
    field = QApplication.focusWidget()
    name = "Lin Wu-Okafor"
    keys = list(name)
    step = [0]

    def press() -> None:
        if step[0] < len(keys):
            QTest.keyClicks(field, keys[step[0]])
            step[0] += 1
            QTimer.singleShot(120, press)  # typing at a brisk pace

    QTimer.singleShot(50, press)
    deadline = time.perf_counter() + 120
    while step[0] < len(keys) and time.perf_counter() < deadline:
        app.processEvents()
    _settle(app, 1.5)  # the findings panel catching up after the last key
    heart.stop()
    typed = window.session.debrief.participants[-1].name
    assert typed == name, (typed, type(field).__name__)
    return {"value": max(gaps[1:])}


def child_startup(db_url: str, folder: str, launched: float) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, QSettings

    from facilitator.app import run_gui

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(time.time())
            return False

    seen: list[float] = []
    spy = FirstPaint()
    settings = QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)

    def ready(window) -> None:  # type: ignore[no-untyped-def]
        rows = window.library.model.rowCount()
        result["rows"] = rows
        window.close()

    result: dict[str, float] = {}
    from PySide6.QtWidgets import QApplication

    app = QApplication(["facilitator"])
    app.installEventFilter(spy)
    run_gui(db_url, ["facilitator"], settings=settings, on_ready=ready)
    result["value"] = seen[0] - launched
    return result


def child_bare(launched: float) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    seen: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(time.time())
            return False

    app = QApplication(["bare"])
    spy = FirstPaint()
    app.installEventFilter(spy)
    window = QMainWindow()
    window.resize(1280, 720)
    window.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
    from_launch = seen[0] - launched
    # In a running process: show another bare window and paint it.
    again = QMainWindow()
    again.resize(1280, 720)
    started = time.perf_counter()
    again.show()
    again.repaint()
    app.processEvents()
    return {"value": from_launch, "in_process_ms": (time.perf_counter() - started) * 1000}


CHILDREN = {
    "open_2000_events": child_open,
    "ctrl_t_2000_events": child_ctrl_t,
    "switch_phase": child_phase,
    "keystroke_5000_words_p95": child_keystroke,
    "library_filter_10000": child_filter,
    "participant_change_block": child_participant,
}


# -- the parent: fresh processes, medians, floors ---------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(HERE), "--child", *args, str(time.time())],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"child {args[0]} failed: {out.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, env=_env(), check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", choices=sorted(TARGETS))
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        name, *rest = args.child
        if name == "bare":
            result = child_bare(float(rest[0]))
        elif name == "startup_10000":
            result = child_startup(rest[0], rest[1], float(rest[2]))
        else:
            result = CHILDREN[name](rest[0], rest[1])
        print(json.dumps(result), flush=True)
        return 0
    wanted = args.only or list(TARGETS)
    runs = args.runs
    with tempfile.TemporaryDirectory() as folder:
        urls = {n: f"sqlite:///{folder}/{n}.db" for n in ("big", "lib10k", "lib1k")}
        setup = time.perf_counter()
        from facilitator.storage import DebriefService

        service = DebriefService(urls["big"])
        service.save(big_debrief())
        service.close()
        if {"library_filter_10000", "startup_10000"} & set(wanted):
            fill_library(urls["lib10k"], 10_000)
        if "cli_list_1000" in wanted:
            fill_library(urls["lib1k"], 1_000)
        print(f"set-up {time.perf_counter() - setup:.0f} s", file=sys.stderr)
        python_pass = [_wall([sys.executable, "-c", "pass"]) for _ in range(runs)]
        # What any command that opens the store pays before reading a row.
        orm_import = [_wall([sys.executable, "-c", "import sqlalchemy.orm"]) for _ in range(runs)]
        bare = [_child("bare") for _ in range(runs)]
        floors = {
            "python_c_pass_s": round(statistics.median(python_pass), 4),
            "python_import_sqlalchemy_orm_s": round(statistics.median(orm_import), 4),
            "bare_qmainwindow_first_paint_s": round(statistics.median(b["value"] for b in bare), 4),
            "bare_qmainwindow_in_process_ms": round(
                statistics.median(b["in_process_ms"] for b in bare), 2
            ),
        }
        figures: dict[str, dict[str, object]] = {}
        side: dict[str, float] = {}
        script = Path(sys.executable).parent / "facilitator"
        cli = [str(script)] if script.exists() else [sys.executable, "-m", "facilitator.cli"]
        for name in wanted:
            target, unit, what = TARGETS[name]
            if name == "cli_version":
                values = [_wall([*cli, "--version"]) for _ in range(runs)]
            elif name == "cli_list_1000":
                values = [_wall([*cli, "--db", urls["lib1k"], "list"]) for _ in range(runs)]
            elif name == "startup_10000":
                values = [
                    _child(name, urls["lib10k"], tempfile.mkdtemp(dir=folder))["value"]
                    for _ in range(runs)
                ]
            else:
                db = urls["lib10k"] if name == "library_filter_10000" else urls["big"]
                results = [_child(name, db, tempfile.mkdtemp(dir=folder)) for _ in range(runs)]
                values = [r["value"] for r in results]
                for key in sorted({k for r in results for k in r} - {"value"}):
                    side[f"{name}.{key}"] = round(statistics.median(r[key] for r in results), 4)
            median = statistics.median(values)
            figures[name] = {
                "what": what,
                "median": round(median, 4),
                "unit": unit,
                "target": target,
                "ok": median < target,
                "runs": [round(v, 4) for v in values],
            }
    report = {"runs": runs, "floors": floors, "figures": figures, "details": side}
    print(json.dumps(report, indent=2))
    return 0 if all(f["ok"] for f in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Figures for the timeline from evidence: reading Slack, filtering the picker, adding events.

Each figure is the median over fresh processes (``--runs``, default 5); beside it
is a floor measured in the same processes, so the machine's speed can be read off:

1. A Slack export of 50,000 messages in 30 channels (a ZIP we build): reading one
   channel over one day. Floor: opening the ZIP and ``json.loads`` of the same day
   files, the least any reader must do. Target < 2 s.
2. The picker with 10,000 candidates at 1280x720: one keystroke in its search box,
   from the key press to the repainted table. Floors: the same keystroke in a bare
   line edit, and repainting the table without filtering. Target < 30 ms.
3. Adding 2,000 chosen events to a debrief through its session, up to the end of
   the one save it causes. Floor: saving the same debrief before the import.
   Target < 1 s, one save.

Run: ``.venv/bin/python benchmarks/bench_evidence.py`` (offscreen Qt).
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHANNEL = "team-07"
DAY = "2026-02-16"
KEYS = "rolled back"


def _ms(seconds: float) -> float:
    return seconds * 1000


# -- children --------------------------------------------------------------------------------


def child_slack(path: str) -> dict[str, float]:
    import json as json_module
    import zipfile
    from datetime import UTC, datetime, timedelta

    from facilitator.evidence import ReadOptions, read_path

    since = datetime.fromisoformat(DAY).replace(tzinfo=UTC)
    options = ReadOptions(channels=(CHANNEL,), since=since, until=since + timedelta(days=1))
    start = time.perf_counter()
    evidence = read_path(Path(path), options)
    figure = time.perf_counter() - start
    start = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        days = [n for n in archive.namelist() if n.startswith(f"{CHANNEL}/")]
        day = datetime.fromisoformat(DAY)
        for name in days:
            if abs((datetime.fromisoformat(name[-15:-5]) - day).days) > 1:
                continue
            json_module.loads(archive.read(name))
    floor = time.perf_counter() - start
    start = time.perf_counter()
    read_path(Path(path), ReadOptions(channels=(CHANNEL,)))
    channel = time.perf_counter() - start
    start = time.perf_counter()
    everything = read_path(Path(path), ReadOptions())
    export = time.perf_counter() - start
    return {
        "figure": figure,
        "floor": floor,
        "whole_channel": channel,
        "whole_export": export,
        "candidates": len(evidence.candidates),
        "all_candidates": len(everything.candidates),
    }


def child_keystroke() -> dict[str, float]:
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import (
        QApplication,
        QHeaderView,
        QLineEdit,
        QMainWindow,
        QTableView,
        QVBoxLayout,
        QWidget,
    )

    from facilitator.evidence import ReadOptions, read_path
    from facilitator.language import default_checker
    from facilitator.ui.evidence.picker import ImportDialog
    from facilitator.ui.theme import apply_theme

    from support.samples import sample_debrief
    from support.slack_export import busy_incident_export

    app = QApplication.instance() or QApplication([])
    apply_theme(app, "light", 12)
    with tempfile.TemporaryDirectory() as folder:
        path = busy_incident_export(10_450).write_zip(Path(folder) / "busy.zip")
        evidence = read_path(path, ReadOptions())
    dialog = ImportDialog(sample_debrief(), default_checker())
    dialog.resize(1240, 680)
    dialog.show()
    dialog._show(evidence)  # what load_path does after reading
    app.processEvents()
    rows = dialog.model.rowCount()

    def type_keys(widget: object) -> list[float]:
        times = []
        for _round in range(3):
            for char in KEYS:
                start = time.perf_counter()
                QTest.keyClick(widget, char)  # type: ignore[arg-type]
                app.processEvents()
                times.append(time.perf_counter() - start)
            for _ in KEYS:
                start = time.perf_counter()
                QTest.keyClick(widget, Qt.Key.Key_Backspace)  # type: ignore[arg-type]
                app.processEvents()
                times.append(time.perf_counter() - start)
        return times

    dialog.search.setFocus()
    type_keys(dialog.search)  # warm up: first checks of visible rows, caches
    figure = statistics.median(type_keys(dialog.search))
    repaints = []
    for _ in range(20):
        dialog.table.viewport().update()
        start = time.perf_counter()
        app.processEvents()
        repaints.append(time.perf_counter() - start)
    haystacks = list(dialog.model.haystacks)
    dialog.close()
    bare = QMainWindow()
    edit = QLineEdit(bare)
    bare.setCentralWidget(edit)
    bare.resize(1240, 680)
    bare.show()
    edit.setFocus()
    app.processEvents()
    type_keys(edit)
    floor = statistics.median(type_keys(edit))
    bare.close()
    # Qt alone: the same texts in a C++ model, filtered by the C++ proxy, shown in a table.
    qt_only = QWidget()
    layout = QVBoxLayout(qt_only)
    line = QLineEdit(qt_only)
    strings = QStringListModel(haystacks)
    proxy = QSortFilterProxyModel(qt_only)
    proxy.setSourceModel(strings)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    line.textChanged.connect(proxy.setFilterFixedString)
    view = QTableView(qt_only)
    view.setModel(proxy)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    layout.addWidget(line)
    layout.addWidget(view)
    qt_only.resize(1240, 680)
    qt_only.show()
    line.setFocus()
    app.processEvents()
    type_keys(line)
    qt_floor = statistics.median(type_keys(line))
    return {
        "figure": figure,
        "floor": floor,
        "qt_proxy_alone": qt_floor,
        "repaint": statistics.median(repaints),
        "candidates": rows,
    }


def child_add(folder: str) -> dict[str, float]:
    from datetime import timedelta

    from PySide6.QtCore import QCoreApplication

    from facilitator.domain.script import default_script
    from facilitator.evidence import Candidate, add_candidates
    from facilitator.storage import DebriefService
    from facilitator.ui.session import MeetingSession

    from support.samples import sample_debrief

    app = QCoreApplication.instance() or QCoreApplication([])
    service = DebriefService(f"sqlite:///{Path(folder) / f'add-{os.getpid()}.db'}")
    debrief = sample_debrief()
    service.save(debrief)
    saves = []
    real_save = service.save

    def counting_save(d: object, **kwargs: object) -> object:
        saves.append(1)
        return real_save(d, **kwargs)  # type: ignore[arg-type]

    service.save = counting_save  # type: ignore[method-assign]
    session = MeetingSession(service, default_script())
    session.open(service.load(debrief.id))
    start = time.perf_counter()
    session.touch("details")
    session.flush()
    floor = time.perf_counter() - start
    saves.clear()
    base = debrief.started_at
    assert base is not None
    chosen = [
        Candidate(base + timedelta(seconds=7 * i), f"step {i}: checked the pool and the queue",
                  f"Person {i % 9}", source=f"slack:bench.zip#C1/{1773441060 + 7 * i}.000001")
        for i in range(2000)
    ]  # fmt: skip
    start = time.perf_counter()
    assert session.debrief is not None
    add_candidates(session.debrief, chosen)
    session.touch("timeline")
    session.touch("participants")
    session.flush()
    figure = time.perf_counter() - start
    del app
    service.close()
    return {"figure": figure, "floor": floor, "saves": len(saves)}


# -- parent ----------------------------------------------------------------------------------


def _run_child(kind: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


#: Extra timings a child may report, printed beside the floor (in ms).
_TIMINGS = {
    "repaint": "repainting the table alone",
    "qt_proxy_alone": "Qt's own proxy alone",
    "whole_channel": "the whole channel, 30 days",
    "whole_export": "all 30 channels",
}


def _report(name: str, results: list[dict[str, float]], target_ms: float, floor: str) -> bool:
    def median_ms(key: str) -> float:
        return statistics.median(r[key] for r in results) * 1000

    figure = median_ms("figure")
    extras = [f"{label} {median_ms(key):.1f} ms" for key, label in _TIMINGS.items()
              if key in results[0]]  # fmt: skip
    counts = [f"{key} {results[0][key]:,.0f}" for key in ("candidates", "all_candidates", "saves")
              if key in results[0]]  # fmt: skip
    ok = figure < target_ms
    print(
        f"{name}: median {figure:.1f} ms over {len(results)} fresh processes; floor "
        f"({floor}) {median_ms('floor'):.1f} ms"
        + "".join(f"; {e}" for e in extras)
        + (f" [{', '.join(counts)}]" if counts else "")
        + f"; target < {target_ms:,.0f} ms: {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, rest = args.child[0], args.child[1:]
        result = {"slack": child_slack, "keystroke": child_keystroke, "add": child_add}[kind](*rest)
        print(json.dumps(result))
        return 0
    from support.slack_export import large_export

    ok = True
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = large_export(50_000, 30, days=30).write_zip(Path(folder) / "workspace.zip")
        size = path.stat().st_size / 1024 / 1024
        print(f"built a 50,000-message export in 30 channels ({size:.1f} MB ZIP) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        runs = [_run_child("slack", str(path)) for _ in range(args.runs)]
        ok &= _report(
            "read one channel over one day", runs, 2000, "open the ZIP, json.loads the days"
        )
        runs = [_run_child("keystroke") for _ in range(args.runs)]
        ok &= _report(
            "picker with 10,000 candidates, one filter keystroke",
            runs,
            30,
            "the same keystroke in a bare line edit",
        )
        runs = [_run_child("add", folder) for _ in range(args.runs)]
        ok &= _report(
            "add 2,000 chosen events through the session, one save",
            runs,
            1000,
            "saving the debrief before the import",
        )
        if any(r["saves"] != 1 for r in runs):
            print("FAIL: adding took more than one save")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

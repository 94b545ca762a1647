"""Incident library figures on 10,000 generated debriefs, SQLite and PostgreSQL.

Every figure is the median over fresh processes (each measures inside itself,
after opening the store), printed beside a floor measured in the same process:
``SELECT 1`` through the service's engine for queries, a bare QMainWindow shown for
the matrix window, an empty document from the Word template for the review, reading
every debrief row for the index rebuild; ``python -c pass`` is printed once. Each
figure also gives the CPU time of its whole process, which a busy machine does not
inflate the way it inflates wall time.

    python benchmarks/bench_library.py [--sqlite URL] [--postgres URL] [--runs 5]

Without URLs it generates the SQLite library into a temporary folder first
(about two minutes), using benchmarks/library_data.py and its team taxonomy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
TAXONOMY = HERE / "library_taxonomy.toml"
QUERIES = (
    '"connection pool"',
    "rollback timeout",
    "severity:SEV2 canary",
    'cause:"deployment regression" after:2026-07 -flaky',
    "service:payments saturation",
)

# Each probe runs in a fresh interpreter and prints one JSON object of timings in ms.
PROBES = {
    "search": """
import time, json, sys
from facilitator.domain.taxonomy import load_taxonomy
from facilitator.storage import DebriefService
tax = load_taxonomy(sys.argv[2]); s = DebriefService(sys.argv[1])
from sqlalchemy import text
with s._engine.connect() as c:
    t = time.perf_counter(); c.execute(text("select 1")).all(); floor = time.perf_counter() - t
out = []
for q in json.loads(sys.argv[3]):
    t = time.perf_counter()
    page = s.search(q, taxonomy=tax, limit=20)
    out.append(time.perf_counter() - t)
print(json.dumps({"value": [x * 1000 for x in out], "floor": floor * 1000}))
""",
    "trends": """
import time, json, sys
from facilitator.domain.taxonomy import load_taxonomy
from facilitator.library.trends import count_by
from facilitator.storage import DebriefService
tax = load_taxonomy(sys.argv[2]); s = DebriefService(sys.argv[1])
from sqlalchemy import text
with s._engine.connect() as c:
    t = time.perf_counter(); c.execute(text("select 1")).all(); floor = time.perf_counter() - t
t = time.perf_counter()
facts = s.facts("severity:SEV2 after:2026-Q4", taxonomy=tax, parts=("labels",))
counts = count_by(facts, "service", tax)
one = time.perf_counter() - t
t = time.perf_counter()
facts = s.facts("", taxonomy=tax, parts=("labels",))
counts = count_by(facts, "service", tax)
whole = time.perf_counter() - t
print(json.dumps({"value": [one * 1000], "whole_library_ms": whole * 1000, "floor": floor * 1000}))
""",
    "matrix": """
import time, json, sys, os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from facilitator.domain.taxonomy import load_taxonomy
from facilitator.storage import DebriefService
tax = load_taxonomy(sys.argv[2]); s = DebriefService(sys.argv[1])
t = time.perf_counter()
bare = QMainWindow(); bare.show(); app.processEvents()
floor = time.perf_counter() - t
bare.close()
t = time.perf_counter()
from facilitator.ui.matrix_window import MatrixWindow
window = MatrixWindow(s, lambda: tax)
window.show(); app.processEvents()
value = time.perf_counter() - t
while not window.complete:
    app.processEvents(); time.sleep(0.005)
app.processEvents()
whole = time.perf_counter() - t
assert window.model.rowCount() == 10000, window.model.rowCount()
print(json.dumps({"value": [value * 1000], "floor": floor * 1000, "all_rows_ms": whole * 1000}))
""",
    "report": """
import time, json, sys, tempfile, pathlib
from datetime import date
t0 = time.perf_counter()
from facilitator.domain.taxonomy import load_taxonomy
from facilitator.storage import DebriefService
tax = load_taxonomy(sys.argv[2]); s = DebriefService(sys.argv[1])
t = time.perf_counter()
from facilitator.commands.report_cmd import gather, render_charts
from facilitator.export.library_docx import export_review_docx
review, facts = gather(s, date(2026, 11, 1), tax, date(2026, 12, 1))
charts = render_charts(facts, tax)
with tempfile.TemporaryDirectory() as d:
    export_review_docx(review, charts, pathlib.Path(d) / "review.docx")
value = time.perf_counter() - t
# Floor: an empty document from the same Word template, saved in the same process.
from facilitator.export.docx_template import open_template
with tempfile.TemporaryDirectory() as d:
    t = time.perf_counter(); open_template(None).save(pathlib.Path(d) / "empty.docx")
    floor = time.perf_counter() - t
month = len([f for f in s.facts("after:2026-11 before:2026-12", taxonomy=tax, parts=())])
print(json.dumps({"value": [value * 1000], "floor": floor * 1000, "debriefs": month}))
""",
    "rebuild": """
import time, json, sys
from facilitator.storage import DebriefService
s = DebriefService(sys.argv[1])
from sqlalchemy import text
# Floor: reading every debrief row once, what any rebuild must at least do.
with s._engine.connect() as c:
    t = time.perf_counter(); c.execute(text("select title, summary, impact from debriefs")).all()
    floor = time.perf_counter() - t
t = time.perf_counter(); n = s.rebuild_search_index(); value = time.perf_counter() - t
print(json.dumps({"value": [value * 1000], "floor": floor * 1000, "debriefs": n}))
""",
}
TARGETS = {"search": 50, "trends": 200, "matrix": 500, "report": 5000, "rebuild": 30000}
LABELS = {
    "search": "search, one query (5 queries per process)",
    "trends": "one trends query: SEV2 this quarter by service",
    "matrix": "matrix window opening, 10,000 rows, to first paint",
    "report": "monthly review, Nov 2026, Word with 6 charts",
    "rebuild": "rebuilding the search index",
}


def _probe(name: str, url: str, runs: int) -> dict[str, object]:
    values: list[float] = []
    floors: list[float] = []
    cpu: list[float] = []
    extra: dict[str, object] = {}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(
            [sys.executable, "-c", PROBES[name], url, str(TAXONOMY), json.dumps(QUERIES)],
            capture_output=True,
            text=True,
            check=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
        data = json.loads(result.stdout.strip().splitlines()[-1])
        values.extend(data.pop("value"))
        floors.append(data.pop("floor"))
        extra = data
    return {
        "median_ms": round(statistics.median(values), 1),
        "floor_ms": round(statistics.median(floors), 2),
        "target_ms": TARGETS[name],
        # CPU of the whole process (start-up included): what the figure costs on a quiet machine.
        "process_cpu_ms": round(statistics.median(cpu), 1),
        **{k: round(v, 1) if isinstance(v, float) else v for k, v in extra.items()},
    }


def _python_floor(runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def _generate(folder: str) -> str:
    url = f"sqlite:///{Path(folder) / 'library.db'}"
    subprocess.run(
        [sys.executable, str(HERE / "library_data.py"), "--db", url, "--count", "10000"], check=True
    )
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", help="a SQLite URL holding the generated library")
    parser.add_argument("--postgres", help="a PostgreSQL URL holding the generated library")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=list(PROBES))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        backends = {"sqlite": args.sqlite or (None if args.postgres else _generate(folder))}
        if args.postgres:
            backends["postgresql"] = args.postgres
        report: dict[str, object] = {"python -c pass (ms)": _python_floor(args.runs)}
        for backend, url in backends.items():
            if not url:
                continue
            for name in args.only:
                runs = 1 if name == "rebuild" else args.runs
                figure = _probe(name, url, runs)
                report[f"{backend}: {LABELS[name]}"] = figure
                print(f"{backend:<10} {LABELS[name]:<52} {figure}", file=sys.stderr, flush=True)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())

"""Fuzz figure: 10,000 hostile variations of a valid document, and how many failed badly.

Each variation (tests/support/mutations.py) is imported; an accepted one is then
exported as JSON, Word and Markdown, stored in a SQLite library and read back.
Every outcome must be an import, or a refusal with a validation message. Prints
the counts as JSON; "unexpected" must be 0. Run:
    .venv/bin/python benchmarks/bench_fuzz.py [--examples N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hypothesis import HealthCheck, given, settings

from facilitator.domain.interchange import InterchangeError, dumps, loads
from facilitator.export import export_docx, render_markdown
from facilitator.storage import DebriefService

from support.mutations import mutated_documents


def main() -> None:
    examples = (
        int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 10_000
    )
    counts: Counter[str] = Counter()
    failures: list[str] = []
    folder = Path(tempfile.mkdtemp())
    service = DebriefService(f"sqlite:///{folder / 'fuzz.db'}", maintenance=False)
    started = time.perf_counter()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated_documents())
    def one(text: str) -> None:
        try:
            debrief = loads(text)
        except InterchangeError:
            counts["refused with a message"] += 1
            return
        try:
            assert loads(dumps(debrief)) == debrief
            render_markdown(debrief)
            export_docx(debrief, folder / "fuzz.docx")
            service.import_all([debrief], replace=True)
            assert service.load(debrief.id) == debrief
            counts["imported and exported"] += 1
        except Exception:
            counts["unexpected"] += 1
            failures.append(traceback.format_exc(limit=3))

    try:
        one()
    except Exception:
        counts["unexpected"] += 1
        failures.append(traceback.format_exc(limit=3))
    service.close()
    result = {
        "examples": sum(counts.values()),
        **{k: counts[k] for k in ("imported and exported", "refused with a message")},
        "unexpected": counts["unexpected"],
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result))
    for failure in failures[:3]:
        print(failure, file=sys.stderr)


if __name__ == "__main__":
    main()

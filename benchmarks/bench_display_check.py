"""What the display check costs at startup: ldd on Qt's xcb plugin, overlapped with imports.

The check starts ``ldd`` before the app imports Qt and reads its answer after, so
the figure that matters is how much later the imports finish with the check than
without it. Each figure is the median of fresh processes; ``python -c pass`` is the
floor measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_display_check.py`` (add ``--runs N``).
Target: under 5 ms added to the time to a window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

TARGET_MS = 5.0

IMPORTS = "import PySide6.QtWidgets, facilitator.app"
WITH_CHECK = (
    "from facilitator import display_check as d; p = d.start_check(); "
    f"{IMPORTS}; r = p.result(); assert r is None or r.missing"
)
# Inside one process: the time to start ldd, and the wait for its answer after the imports.
ON_PATH = (
    "import time; from facilitator import display_check as d; t0 = time.perf_counter(); "
    "p = d.start_check(); t1 = time.perf_counter(); "
    f"{IMPORTS}; t2 = time.perf_counter(); p.result(); t3 = time.perf_counter(); "
    "print((t1 - t0) * 1000, (t3 - t2) * 1000)"
)
LDD_ALONE = "from facilitator import display_check as d; d.start_check().result()"


def _once(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return (time.perf_counter() - start) * 1000


def paired(cases: dict[str, tuple[str, dict[str, str]]], runs: int) -> dict[str, float]:
    """Median wall time in ms of each case, run in turn so load changes hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (code, env) in cases.items():
            times[name].append(_once(code, env))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = env.get("DISPLAY") or ":0"  # the check only runs with a display
    no_check = {**env, "QT_QPA_PLATFORM": "offscreen"}  # start_check() does nothing then
    _once(IMPORTS, env)  # warm the file cache
    t = paired(
        {
            "floor": ("pass", env),
            "module": ("import facilitator.display_check", env),
            "ldd": (LDD_ALONE, env),
            "imports": (WITH_CHECK, no_check),
            "checked": (WITH_CHECK, env),
        },
        args.runs,
    )
    added = t["checked"] - t["imports"]
    spawn, wait = [], []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", ON_PATH], env=env, check=True, capture_output=True, text=True
        ).stdout.split()
        spawn.append(float(out[0]))
        wait.append(float(out[1]))
    print(f"floor: python -c pass                     {t['floor']:7.1f} ms (median of {args.runs})")
    print(f"ldd on the xcb plugin, waited for          {t['ldd'] - t['module']:7.1f} ms")
    print(f"imports of Qt and the app, no check        {t['imports']:7.1f} ms")
    print(f"the same with the check overlapped         {t['checked']:7.1f} ms")
    print(f"difference of the two (machine noise)      {added:7.1f} ms")
    on_path = statistics.median(spawn) + statistics.median(wait)
    print(f"on the startup path: starting ldd          {statistics.median(spawn):7.1f} ms")
    print(f"on the startup path: waiting after imports {statistics.median(wait):7.1f} ms")
    print(
        f"added to startup by the check              {on_path:7.1f} ms (target < {TARGET_MS:.0f})"
    )


if __name__ == "__main__":
    main()

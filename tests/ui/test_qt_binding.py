"""Guards against Qt binding releases known to break the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication([])
edit = QPlainTextEdit()
for _ in range(20_000):
    edit.setObjectName("probe")
    edit.setReadOnly(False)
print("ok")
"""


def test_binding_survives_many_calls_returning_nothing(tmp_path: Path) -> None:
    # PySide6 6.12.0 on Python 3.11 loses a reference to None on every void call and
    # aborts the interpreter after a few thousand: a facilitator typing for a while.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"

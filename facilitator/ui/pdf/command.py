"""PDF export from the command line: Qt without a window.

The CLI imports this module only for ``--format pdf``. Without a display (a
server, CI, an SSH session) Qt is told to use its "offscreen" platform, so no
X server or Wayland compositor is needed; a ``QGuiApplication`` is created
when the process has none, because Qt's fonts need one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from facilitator.domain.model import Debrief


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_gui_application() -> object:
    """Return the running ``QGuiApplication``, creating an offscreen one if there is none."""
    if not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["facilitator"])
    return app


def export_pdf_headless(
    debrief: Debrief, out: str | Path, *, language: str | None = None, paper: str | None = None
) -> Path:
    """Write the debrief as a PDF from a process that may have no display."""
    app = ensure_gui_application()
    from facilitator.ui.pdf.pages import export_pdf

    path = export_pdf(debrief, out, language=language, paper=paper)
    del app
    return path

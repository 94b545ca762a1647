"""File > Export: choosing where to save, exporting off the UI thread, and what to ask.

The dialog helpers are module-level functions so tests replace them with
``monkeypatch.setattr(export_dialog, "choose_export_path", ...)`` and no modal
dialog ever blocks a run. :class:`ExportController` runs the export itself in
Qt's thread pool and reports back with signals.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from facilitator.domain.model import Debrief
from facilitator.export.atomic import ExportError

if TYPE_CHECKING:
    from facilitator.export.docx_text import FieldFindingLike

log = logging.getLogger(__name__)

#: Export formats: (file dialog filter, suffix).
FORMATS = {
    "docx": ("Word document (*.docx)", ".docx"),
    "md": ("Markdown (*.md)", ".md"),
    "pdf": ("PDF document (*.pdf)", ".pdf"),
    "json": ("Debrief JSON (*.json)", ".json"),
}
_NOT_IN_FILENAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def suggested_filename(title: str, fmt: str) -> str:
    """Return a file name made from the debrief title that every system accepts."""
    stem = _NOT_IN_FILENAMES.sub(" ", title)
    stem = " ".join(stem.split())[:80].rstrip(" .") or "debrief"
    return stem + FORMATS[fmt][1]


def choose_export_path(
    parent: QWidget | None, last_folder: str, title: str, fmt: str
) -> str | None:
    """Ask where to save; ``title`` is the debrief's, used for the proposed file name.

    Returns the chosen path with the format's suffix, or None when cancelled.
    """
    filter_text, suffix = FORMATS[fmt]
    folder = Path(last_folder) if last_folder and Path(last_folder).is_dir() else Path.home()
    path, _selected = QFileDialog.getSaveFileName(
        parent, "Export debrief", str(folder / suggested_filename(title, fmt)), filter_text
    )
    if not path:
        return None
    # Some platform dialogs return the name as typed, without the filter's suffix.
    return path if path.lower().endswith(suffix) else path + suffix


def ask_export_with_findings(parent: QWidget | None, count: int) -> bool:
    """Warn that flagged phrases remain before the document leaves the room; True to go on."""
    phrases = "phrase is" if count == 1 else "phrases are"
    answer = QMessageBox.warning(
        parent,
        "Language findings remain",
        f"{count} {phrases} still flagged by the language check. Readers outside the room "
        "may take them as blame.\n\nExport anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_open_exported(parent: QWidget | None, path: str) -> bool:
    """Say where the export went and offer to open it; True to open."""
    answer = QMessageBox.information(
        parent,
        "Export finished",
        f"The debrief was saved as\n{path}\n\nOpen it now?",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Open,
    )
    return answer == QMessageBox.StandardButton.Open


def open_exported(path: str) -> bool:
    """Open the exported file in the system's viewer; False when nothing could open it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def make_export(
    debrief: Debrief,
    out: str | Path,
    fmt: str,
    *,
    template: str | Path | None = None,
    review_comments: bool = False,
    findings: Sequence[FieldFindingLike] | None = None,
    language: str | None = None,
    paper: str | None = None,
) -> Callable[[], Path]:
    """Return the export as a function to run on a worker thread.

    The debrief is copied now, on the UI thread, so edits made while the export
    runs cannot change it halfway through. ``language`` (a BCP 47 tag) and
    ``paper`` ("a4", "letter") apply to Word and PDF.
    """
    snapshot = copy.deepcopy(debrief)
    kept = list(findings) if findings is not None else None
    # The writers (python-docx above all) load on first export, not at start-up.
    if fmt == "json":
        return lambda: _export_json(snapshot, Path(out))
    if fmt == "md":
        from facilitator.export import export_markdown

        return lambda: export_markdown(snapshot, out)
    if fmt == "pdf":
        # Imported here: the PDF renderer is loaded the first time someone asks for a PDF.
        from facilitator.ui.pdf import export_pdf

        return lambda: export_pdf(snapshot, out, language=language, paper=paper)
    if fmt != "docx":
        raise ValueError(f"Unknown export format {fmt!r}")
    from facilitator.export import export_docx

    return lambda: export_docx(
        snapshot,
        out,
        template=template,
        review_comments=review_comments,
        findings=kept,
        language=language,
        paper=paper,
    )


def _export_json(debrief: Debrief, out: Path) -> Path:
    from facilitator.domain.interchange import dumps
    from facilitator.export.atomic import write_atomically

    data = dumps(debrief).encode("utf-8")
    write_atomically(out, lambda handle: handle.write(data))
    return out


class _JobSignals(QObject):
    """Carries a job's result from the worker thread back to the UI thread."""

    done = Signal(str)
    error = Signal(str)


class _ExportJob(QRunnable):
    def __init__(self, work: Callable[[], Path], signals: _JobSignals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            path = self._work()
        except ExportError as error:
            self._signals.error.emit(str(error))
        except Exception as error:
            # A bug must not kill the app mid-meeting; log it in full and tell the user.
            log.exception("Export failed unexpectedly")
            self._signals.error.emit(
                f"The export stopped unexpectedly ({type(error).__name__}: {error})."
            )
        else:
            self._signals.done.emit(str(path))


class ExportController(QObject):
    """Runs one export at a time off the UI thread.

    Signals:
        started(): an export began; disable the Export action until it ends.
        finished(str): the export was written to this path.
        failed(str): the export failed; the argument is a sentence to show the user.
    """

    started = Signal()
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool(self)
        # One carrier for the controller's lifetime: a per-job carrier could be freed by the
        # worker thread when the job is deleted there, and a QObject must die in its own thread.
        self._signals = _JobSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.error.connect(self._on_error)
        self._busy = False

    @property
    def busy(self) -> bool:
        """True while an export runs."""
        return self._busy

    def start(self, work: Callable[[], Path]) -> bool:
        """Run ``work`` (see :func:`make_export`) on a worker thread; False if one is running."""
        if self._busy:
            return False
        self._busy = True
        self.started.emit()
        self._pool.start(_ExportJob(work, self._signals))
        return True

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until running exports end (at quit, so a file is not cut off); True if done."""
        return self._pool.waitForDone(msecs)

    def _on_done(self, path: str) -> None:
        self._busy = False
        self.finished.emit(path)

    def _on_error(self, message: str) -> None:
        self._busy = False
        self.failed.emit(message)

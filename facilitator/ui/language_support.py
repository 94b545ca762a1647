"""Language checking for one open debrief: highlighters, tooltips, ignores and the findings feed.

The owner (the debrief window) creates one :class:`LanguageSupport`, calls
:meth:`LanguageSupport.attach` for every free-text :class:`NoteEdit`, saves
:meth:`LanguageSupport.ignored` into ``Debrief.ignored_findings`` when
``ignoresChanged`` fires, and feeds ``findings()`` to the findings panel when
``findingsChanged`` fires.

The UI thread never waits for the checker: its rules compile on a worker thread
while the window starts (a check that needs a rule first compiles just that one),
and a change of participants or rules re-checks the fields a few paragraphs at a
time between events, never holding the event loop for more than a frame.
"""

from __future__ import annotations

import html
import threading
import time
from collections import deque
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QThreadPool, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QToolTip

from facilitator.domain.model import Debrief, IgnoredFinding
from facilitator.language import Checker, Finding, default_checker
from facilitator.language.debrief_findings import FieldFinding, debrief_findings, is_ignored
from facilitator.language.findings import category_label
from facilitator.language.reframe import blame_sentences
from facilitator.ui.highlighter import CATEGORY_COLOURS, FindingsHighlighter
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.workers import Job

#: Typing pauses shorter than this do not refresh the findings panel.
FINDINGS_DEBOUNCE_MS = 300
#: How long one slice of a background re-check may hold the UI thread (a frame is 16 ms).
RECHECK_SLICE_SECONDS = 0.005


def warm_up_in_background(checker: Checker) -> threading.Event:
    """Compile ``checker``'s rules on a worker thread; return an event set when done.

    Started once per checker. The GIL is shared, so the UI thread keeps running while
    the worker compiles; a check that needs a rule before then compiles that one itself.
    It runs as a :class:`~facilitator.ui.workers.Job`, so the garbage collector is
    paused meanwhile: compiling allocates a lot, and a collection on the worker could
    free Qt objects of the GUI thread (a closed window's leftovers) and crash.
    """
    ready = getattr(checker, "_ready_event", None)
    if isinstance(ready, threading.Event):
        return ready
    ready = threading.Event()
    checker._ready_event = ready  # type: ignore[attr-defined]

    def run() -> None:
        try:
            checker.warm_up()
        finally:
            ready.set()

    QThreadPool.globalInstance().start(Job(run))
    return ready


class LanguageSupport(QObject):
    """Owns the checker, participant names and ignored findings of one debrief.

    Signals:
        findingsChanged(): the open findings may have changed (debounced).
        ignoresChanged(): the facilitator ignored a finding or a rule; save ``ignored()``.
    """

    findingsChanged = Signal()
    ignoresChanged = Signal()

    def __init__(
        self,
        checker: Checker | None = None,
        people: Sequence[str] = (),
        ignored: Sequence[IgnoredFinding] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._checker = checker or default_checker()
        self._ready = warm_up_in_background(self._checker)
        self._people = list(people)
        self._ignored = list(ignored)
        self._edits: dict[int, tuple[NoteEdit, FindingsHighlighter]] = {}
        # The event filter runs on every event of every attached viewport: find the edit
        # by a dict lookup, never by scanning all attached edits.
        self._viewports: dict[int, NoteEdit] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FINDINGS_DEBOUNCE_MS)
        self._timer.timeout.connect(self.findingsChanged)
        # Paragraphs still to re-check after a change of participants or rules.
        self._pending: deque[tuple[FindingsHighlighter, int]] = deque()
        self._slicer = QTimer(self)
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._recheck_slice)
        # Sentences the room must not read yet, per (field, text); see held_sentences().
        self._held: dict[tuple[str, str], list[tuple[int, int]]] = {}

    # -- state the owner sets -------------------------------------------------

    @property
    def checker(self) -> Checker:
        """The checker in use."""
        return self._checker

    def set_checker(self, checker: Checker) -> None:
        """Use ``checker`` (for example one with the team's rules file) everywhere.

        The fields are re-checked in slices between events, like a change of participants.
        """
        self._checker = checker
        self._held.clear()
        self._ready = warm_up_in_background(checker)
        for _, highlighter in self._edits.values():
            highlighter.set_checker(checker, recheck=False)
        self._recheck_all()

    def wait_until_ready(self, timeout: float | None = None) -> bool:
        """Block until the rules are compiled (for tests and benchmarks, not the UI)."""
        return self._ready.wait(timeout)

    def rechecking(self) -> bool:
        """Whether a background re-check of the fields is still going on."""
        return bool(self._pending)

    def people(self) -> list[str]:
        """The participant names the checker recognises."""
        return list(self._people)

    def set_people(self, people: Sequence[str]) -> None:
        """Recognise these participant names and re-check every attached field.

        Names are a set lookup in the checker, so nothing recompiles; the fields are
        re-checked a few paragraphs at a time, so typing a name never stalls the window.
        """
        if list(people) == self._people:
            return
        self._people = list(people)
        self._held.clear()
        for _, highlighter in self._edits.values():
            highlighter.set_people(self._people, recheck=False)
        self._recheck_all()

    def _recheck_all(self) -> None:
        """Queue every paragraph of every attached field for re-checking."""
        self._pending.clear()
        for _, highlighter in self._edits.values():
            document = highlighter.document()
            if document is not None:
                self._pending.extend((highlighter, n) for n in range(document.blockCount()))
        self._slicer.start()

    def _recheck_slice(self) -> None:
        deadline = time.perf_counter() + RECHECK_SLICE_SECONDS
        while self._pending and time.perf_counter() < deadline:
            highlighter, number = self._pending.popleft()
            document = highlighter.document()
            if document is None or not shiboken6.isValid(highlighter):
                continue
            block = document.findBlockByNumber(number)
            if block.isValid():
                highlighter.rehighlightBlock(block)
        if self._pending:
            self._slicer.start()
        else:
            self._timer.start()

    def held_sentences(self, field: str, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` (field ``field``) with an open blame finding, for the shared screen.

        A finding the facilitator ignored ("keeps") no longer holds its sentence back.
        Cached per text, so the room's view costs a lookup per field while nothing changes.
        """
        key = (field, text)
        found = self._held.get(key)
        if found is None:
            if len(self._held) > 5000:
                self._held.clear()
            findings = [
                f
                for f in self._checker.check(text, self._people)
                if not is_ignored(field, f, self._ignored)
            ]
            found = self._held[key] = blame_sentences(text, findings)
        return found

    def ignored(self) -> list[IgnoredFinding]:
        """The findings and rules the facilitator chose to keep, to save with the debrief."""
        return list(self._ignored)

    def set_ignored(self, ignored: Sequence[IgnoredFinding]) -> None:
        """Replace the ignored findings (when a debrief is loaded); does not emit ignoresChanged."""
        self._ignored = list(ignored)
        self._rehighlight()

    def ignore_here(self, field: str, finding: Finding) -> None:
        """Keep this phrase in this field from now on."""
        entry = IgnoredFinding(finding.rule, field, finding.text)
        if entry not in self._ignored:
            self._ignored.append(entry)
            self._rehighlight()
            self.ignoresChanged.emit()

    def ignore_rule(self, rule: str) -> None:
        """Stop applying ``rule`` anywhere in this debrief."""
        entry = IgnoredFinding(rule)
        if entry not in self._ignored:
            self._ignored.append(entry)
            self._rehighlight()
            self.ignoresChanged.emit()

    # -- fields ---------------------------------------------------------------

    def attach(self, edit: NoteEdit) -> FindingsHighlighter:
        """Highlight findings in ``edit`` and add the tooltip and context-menu actions."""
        key = id(edit)
        if key in self._edits:
            return self._edits[key][1]
        highlighter = FindingsHighlighter(
            edit.document(),
            self._checker,
            self._people,
            lambda finding: is_ignored(edit.field_key, finding, self._ignored),
        )
        highlighter.blockChecked.connect(self._timer.start)
        self._edits[key] = (edit, highlighter)
        viewport = id(edit.viewport())
        self._viewports[viewport] = edit
        edit.viewport().installEventFilter(self)
        edit.destroyed.connect(lambda *_: self._forget(key, viewport))
        self._timer.start()
        return highlighter

    def detach(self, edit: NoteEdit) -> None:
        """Stop checking ``edit`` (for example before it is reused for another field)."""
        entry = self._edits.pop(id(edit), None)
        if entry is not None:
            if self._pending:
                self._pending = deque(p for p in self._pending if p[0] is not entry[1])
            self._viewports.pop(id(edit.viewport()), None)
            edit.viewport().removeEventFilter(self)
            entry[1].setDocument(None)
            self._timer.start()

    def edit_for(self, field: str) -> NoteEdit | None:
        """Return the attached editor of ``field``, if it is on screen."""
        for edit, _ in self._edits.values():
            if edit.field_key == field:
                return edit
        return None

    def reveal(self, field: str, start: int, end: int) -> bool:
        """Focus the editor of ``field`` and select ``start..end``; False if it is not attached."""
        edit = self.edit_for(field)
        if edit is None:
            return False
        cursor = edit.textCursor()
        size = len(edit.toPlainText())
        cursor.setPosition(min(start, size))
        cursor.setPosition(min(end, size), QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        edit.setFocus()
        return True

    def findings(self, debrief: Debrief | None = None) -> list[FieldFinding]:
        """Return the open findings of the attached fields, read from the highlighters.

        With ``debrief``, fields that have no attached editor (not on screen) are
        checked too, so the panel lists every open finding of the debrief.
        """
        result = [
            FieldFinding(edit.field_key, finding)
            for edit, highlighter in self._edits.values()
            for finding in highlighter.findings()
        ]
        if debrief is not None:
            shown = {edit.field_key for edit, _ in self._edits.values()}
            debrief.ignored_findings = list(self._ignored)
            result.extend(
                f for f in debrief_findings(debrief, self._checker) if f.field not in shown
            )
        return result

    # -- tooltip and context menu ----------------------------------------------

    def finding_at(self, edit: NoteEdit, point: QPoint) -> Finding | None:
        """Return the finding under viewport point ``point`` of ``edit``, if any."""
        entry = self._edits.get(id(edit))
        if entry is None:
            return None
        position = edit.cursorForPosition(point).position()
        return entry[1].finding_at(position)

    def context_menu(self, edit: NoteEdit, point: QPoint) -> QMenu:
        """Build the editor's context menu at viewport ``point``, with the ignore actions."""
        menu = edit.createStandardContextMenu(point)
        finding = self.finding_at(edit, point)
        if finding is not None:
            menu.addSeparator()
            here = menu.addAction("Ignore here")
            here.setToolTip("Keep this phrase in this field")
            here.triggered.connect(lambda: self.ignore_here(edit.field_key, finding))
            rule = menu.addAction("Ignore this rule in this debrief")
            rule.triggered.connect(lambda: self.ignore_rule(finding.rule))
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Show tooltips over flagged phrases and add the ignore actions to the menu."""
        edit = self._edit_of_viewport(watched)
        if edit is None:
            return False
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            finding = self.finding_at(edit, event.pos())
            if finding is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), tooltip_html(finding), edit.viewport())
            return True
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            menu = self.context_menu(edit, event.pos())
            menu.aboutToHide.connect(menu.deleteLater)
            menu.popup(event.globalPos())  # non-blocking, so tests and the UI never stall
            return True
        return False

    def _edit_of_viewport(self, viewport: QObject) -> NoteEdit | None:
        return self._viewports.get(id(viewport))

    def _forget(self, key: int, viewport: int) -> None:
        entry = self._edits.pop(key, None)
        self._viewports.pop(viewport, None)
        if entry is not None and self._pending:
            self._pending = deque(p for p in self._pending if p[0] is not entry[1])
        # At shutdown Qt may destroy the timer before the last field reports its end.
        if shiboken6.isValid(self._timer):
            self._timer.start()

    def _rehighlight(self) -> None:
        self._held.clear()
        for _, highlighter in self._edits.values():
            highlighter.rehighlight()
        self._timer.start()


def tooltip_html(finding: Finding) -> str:
    """Return the tooltip for a finding: category, why the wording hurts, and what to say."""
    colour = CATEGORY_COLOURS[finding.category].name()
    label = category_label(finding)
    return (
        f"<p style='margin:0'><b style='color:{colour}'>{label}</b>: "
        f"{html.escape(finding.message)}</p>"
        f"<p style='margin-top:6px'><i>Try:</i> “{html.escape(finding.suggestion)}”</p>"
    )

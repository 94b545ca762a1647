"""NoteEdit: the plain-text editor used for every free-text field of a debrief.

Every free-text field uses this one widget so that language highlighting, paste
hygiene and autosave behave the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from facilitator.domain.text import MAX_FIELD_CHARS, clean_text


class NoteEdit(QPlainTextEdit):
    """A plain-text field that knows which debrief field it edits.

    ``field_key`` names the field in the debrief ("summary", "timeline[3].text",
    "went_wrong[0]") so findings and navigation can point at it.

    Signals:
        edited(str): the user changed the text (not emitted by ``set_text``).
        pasteRejected(str): a paste was refused or trimmed; the argument says why.
    """

    edited = Signal(str)
    pasteRejected = Signal(str)

    def __init__(
        self,
        field_key: str = "",
        parent: QWidget | None = None,
        *,
        placeholder: str = "",
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.field_key = field_key
        self._compact = compact
        #: A compact field is never shorter than this many lines (its placeholder must fit).
        self.min_lines = 1
        self._loading = False
        # textChanged also fires when the highlighter only recolours; compare to report edits.
        self._last_text = ""
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        if compact:
            # List items grow with their text instead of scrolling inside a tiny box.
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
            self._fit_height()
        self.textChanged.connect(self._on_text_changed)

    def set_text(self, text: str) -> None:
        """Replace the content without emitting ``edited`` (loading, another window's save).

        A focused field keeps its caret where it was (clamped to the new text), so
        a change arriving from elsewhere does not throw the typist to the start.
        """
        if text == self.toPlainText():
            return
        caret = self.textCursor().position() if self.hasFocus() else None
        self._loading = True
        try:
            self.setPlainText(text)
            self._last_text = text
        finally:
            self._loading = False
        if caret is not None:
            cursor = self.textCursor()
            cursor.setPosition(min(caret, self.document().characterCount() - 1))
            self.setTextCursor(cursor)

    def text(self) -> str:
        """Return the current text."""
        return self.toPlainText()

    def _on_text_changed(self) -> None:
        text = self.toPlainText()
        if self._loading or text == self._last_text:
            return
        self._last_text = text
        self.edited.emit(text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste as plain text, without control characters and within the size limit."""
        if not source.hasText():
            return
        text = source.text()
        cleaned = clean_text(text)
        room = MAX_FIELD_CHARS - len(self.toPlainText()) + len(self.textCursor().selectedText())
        if len(cleaned) > room:
            self.pasteRejected.emit(
                f"The pasted text is {len(cleaned):,} characters; this field holds at most "
                f"{MAX_FIELD_CHARS:,}. Nothing was pasted: attach large logs by link instead."
            )
            return
        if cleaned != text:
            self.pasteRejected.emit("Control characters were removed from the pasted text.")
        self.textCursor().insertText(cleaned)

    def _fit_height(self) -> None:
        doc_height = self.document().size().height() * self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        lines = self.min_lines * self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(max(doc_height, lines)) + frame + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._compact and event.size().width() != event.oldSize().width():
            # Re-wrapping to the new width happens after this event and announces no size.
            QTimer.singleShot(0, self, self._fit_height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._compact and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit_height)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._compact:
            hint.setHeight(self.height())
        return hint

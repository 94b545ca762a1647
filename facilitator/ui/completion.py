"""Autocomplete for services, tags and primary causes (QCompleter over a string model).

Services and tags are comma-separated in one line edit, so their completer works
on the item being typed after the last comma. The primary cause is a checked
note field (a plain-text edit), whose completer offers categories as you type
and replaces the text with the one chosen. Suggestions come from
:func:`facilitator.library.vocabulary.suggestions`: near-duplicates appear once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit

#: How many suggestions show at once.
VISIBLE_ITEMS = 8


class ListCompleter(QCompleter):
    """Completes the last comma-separated item of a line edit."""

    def __init__(self, words: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(list(words), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setMaxVisibleItems(VISIBLE_ITEMS)

    def set_words(self, words: Sequence[str]) -> None:
        model = self.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(words))

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + str(index.data())


def attach_list_completer(line: QLineEdit, words: Sequence[str]) -> ListCompleter:
    """Give a comma-separated line edit completion over ``words``."""
    completer = ListCompleter(words, line)
    line.setCompleter(completer)
    return completer


class TextCompleter(QObject):
    """Offers ``words`` under a one-line plain-text edit while it is being typed in."""

    def __init__(self, edit: QPlainTextEdit, words: Sequence[str]) -> None:
        super().__init__(edit)
        self.edit = edit
        self.completer = QCompleter(list(words), self)
        self.completer.setModel(QStringListModel(list(words), self.completer))
        self.completer.setWidget(edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(VISIBLE_ITEMS)
        self.completer.activated[str].connect(self._chosen)
        self._choosing = False
        edit.textChanged.connect(self._typed)

    def set_words(self, words: Sequence[str]) -> None:
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(words))

    def _typed(self) -> None:
        if self._choosing or not self.edit.hasFocus():
            return
        text = self.edit.toPlainText()
        if not text.strip() or "\n" in text:
            self.completer.popup().hide()
            return
        self.completer.setCompletionPrefix(text.strip())
        exact = self.completer.currentCompletion().casefold() == text.strip().casefold()
        if self.completer.completionCount() == 0 or (
            exact and self.completer.completionCount() == 1
        ):
            self.completer.popup().hide()
            return
        rect = self.edit.cursorRect()
        rect.setWidth(max(240, self.edit.width() // 2))
        self.completer.complete(rect)

    def _chosen(self, text: str) -> None:
        self._choosing = True
        try:
            cursor = self.edit.textCursor()
            cursor.select(cursor.SelectionType.Document)
            # Typed through the cursor, so the field reports it as the user's edit.
            cursor.insertText(text)
        finally:
            self._choosing = False

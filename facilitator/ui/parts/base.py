"""Shared plumbing for part editors: loading, changes, read-only and other windows' saves."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.changes import DebriefChanges
from facilitator.domain.model import Debrief
from facilitator.ui.note_edit import NoteEdit
from facilitator.ui.session import MeetingSession

F = TypeVar("F", bound=Callable[..., None])


def user_edit(handler: F) -> F:
    """Run a change handler only for a user's edit of an open debrief.

    Widgets can report changes while a debrief loads, while none is open, or when
    only formatting changed (highlighting); none of those is an edit to store.
    """

    @functools.wraps(handler)
    def guarded(self: PartEditor, *args: object) -> None:
        if self._loading or self.session.debrief is None:
            return
        handler(self, *args)

    return guarded  # type: ignore[return-value]


#: Called with every NoteEdit a part editor creates (language checks, paste messages).
EditHook = Callable[[NoteEdit], None]


class Hooks:
    """The editor's hook for new NoteEdits, with the language checker it attaches (or None).

    List editors paint underlines in cells that are not being edited; they read
    the checker from here.
    """

    def __init__(self, attach: EditHook, language: QObject | None = None) -> None:
        self._attach = attach
        self.language = language

    def __call__(self, edit: NoteEdit) -> None:
        self._attach(edit)


def language_of(hook: EditHook) -> Any:
    """The language checker behind ``hook``, if it carries one."""
    return getattr(hook, "language", None)


def set_line(line: QLineEdit, text: str) -> None:
    """Show ``text`` in ``line``; a focused field keeps its caret (clamped)."""
    if line.text() == text:
        return
    position = line.cursorPosition()
    line.setText(text)
    if line.hasFocus():
        line.setCursorPosition(min(position, len(text)))


class PartEditor(QWidget):
    """Base for an editor of one part of the open debrief.

    Subclasses build their widgets in ``__init__`` (in the order they appear, so
    Tab follows the eye) and fill them in :meth:`load`, which runs whenever a
    debrief is opened and when another window's save changed one of
    :attr:`fields`. ``load`` must be safe to run while the user types: text
    widgets keep their caret. Editors change ``session.debrief`` in place and call
    :meth:`changed`; they never talk to storage.
    """

    part = ""
    #: Debrief attributes this editor shows (another window's change to one reloads it).
    fields: tuple[str, ...] = ()

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        parent: QWidget | None = None,
        *,
        part: str | None = None,
    ) -> None:
        super().__init__(parent)
        if part is not None:
            self.part = part
        if not self.fields:
            self.fields = (self.part,)
        self.session = session
        self._on_new_edit = on_new_edit
        self._loading = False
        self.read_only = False
        self.setObjectName(f"part_{self.part}")
        session.debriefOpened.connect(self._reload)
        session.externalChange.connect(self._external)

    @property
    def debrief(self) -> Debrief:
        """The open debrief; part editors only exist while one is open."""
        assert self.session.debrief is not None
        return self.session.debrief

    def _reload(self) -> None:
        if self.session.debrief is None:
            return
        self._loading = True
        try:
            self.load()
        finally:
            self._loading = False

    def load(self) -> None:
        """Show the open debrief's values."""

    def on_shown(self) -> None:
        """Called each time the phase holding this editor comes on screen."""

    def _external(self, changes: DebriefChanges) -> None:
        if self.session.debrief is not None:
            self.on_external(changes)

    def on_external(self, changes: DebriefChanges) -> None:
        """Another window's save changed the debrief in place; show what it changed."""
        if any(changes.touches(name) for name in self.fields):
            self._reload()

    def changed(self, part: str | None = None) -> None:
        """Report a change made by the user (ignored while loading)."""
        if not self._loading:
            self.session.touch(part or self.part)

    def note(
        self, field_key: str, placeholder: str, *, compact: bool = False, checked: bool = True
    ) -> NoteEdit:
        """Create a NoteEdit for ``field_key``; ``checked`` ones get the language hook."""
        edit = NoteEdit(field_key, self, placeholder=placeholder, compact=compact)
        edit.setAccessibleName(placeholder or field_key)
        if checked:
            self._on_new_edit(edit)
        else:
            edit.pasteRejected.connect(self.session.message)
        return edit

    def find_edit(self, field_key: str) -> NoteEdit | None:
        """Return this editor's NoteEdit for ``field_key``, if it shows one."""
        for edit in self.findChildren(NoteEdit):
            if edit.field_key == field_key:
                return edit
        return None

    def focus_field(self, field_key: str, start: int = 0, end: int = 0) -> NoteEdit | None:
        """Put the caret in ``field_key`` with ``start:end`` selected; the edit, or None."""
        edit = self.find_edit(field_key)
        if edit is None:
            return None
        select(edit, start, end)
        return edit

    def set_read_only(self, read_only: bool) -> None:
        """Show the values without letting anyone change them (or allow it again)."""
        self.read_only = read_only
        for widget in self.findChildren(QWidget):
            if isinstance(widget, NoteEdit | QLineEdit | QAbstractSpinBox):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QComboBox | QAbstractButton):
                widget.setEnabled(not read_only)


def select(edit: NoteEdit, start: int, end: int) -> None:
    """Focus ``edit`` and select ``start:end`` (clamped to its text)."""
    cursor = edit.textCursor()
    length = len(edit.toPlainText())
    cursor.setPosition(min(start, length))
    cursor.setPosition(min(max(start, end), length), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.setFocus(Qt.FocusReason.OtherFocusReason)
    edit.ensureCursorVisible()


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A heading above a group of fields."""
    label = QLabel(text, parent)
    label.setObjectName("SectionLabel")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setWordWrap(True)
    return label


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A muted, wrapping explanation under a field."""
    label = QLabel(text, parent)
    label.setObjectName("HintLabel")
    label.setWordWrap(True)
    return label


def vbox(widget: QWidget, spacing: int = 10) -> QVBoxLayout:
    """A vertical layout without outer margins, for stacking fields."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout

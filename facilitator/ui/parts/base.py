"""Shared plumbing for part editors: loading, change reporting and new text fields."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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


class PartEditor(QWidget):
    """Base for an editor of one part of the open debrief.

    Subclasses build their widgets in ``__init__`` and fill them in :meth:`load`,
    which runs whenever a debrief is opened. They change ``session.debrief`` in
    place and call :meth:`changed`; they never talk to storage.
    """

    part = ""

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
        self.session = session
        self._on_new_edit = on_new_edit
        self._loading = False
        self.setObjectName(f"part_{self.part}")
        session.debriefOpened.connect(self._reload)

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


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A heading above a group of fields."""
    label = QLabel(text, parent)
    label.setObjectName("SectionLabel")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
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

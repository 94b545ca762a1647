"""Editors for single text parts (purpose, response, impact, summary) and the ground rules."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from facilitator.domain.text import clean_text
from facilitator.ui.parts.base import (
    EditHook,
    PartEditor,
    hint_label,
    section_label,
    user_edit,
    vbox,
)
from facilitator.ui.session import MeetingSession

#: part -> (heading, placeholder, extra hint)
TEXT_PARTS: dict[str, tuple[str, str, str]] = {
    "purpose": (
        "Purpose of this meeting",
        "Why we are meeting and what we hope to take away…",
        "Pre-filled from the script's template. Edit it to suit this incident.",
    ),
    "response": (
        "Our response",
        "The steps we took, the decisions we made and what we knew at each point…",
        "",
    ),
    "impact": (
        "Impact",
        "Customers, internal teams, data, revenue, time: who felt it and how much…",
        "",
    ),
    "summary": (
        "Summary",
        "Two or three sentences a reader can take in at a glance…",
        "",
    ),
}


class TextPartEditor(PartEditor):
    """One large NoteEdit bound to a text attribute of the debrief."""

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        part: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, on_new_edit, parent, part=part)
        heading, placeholder, hint = TEXT_PARTS[part]
        layout = vbox(self)
        layout.addWidget(section_label(heading, self))
        if hint:
            layout.addWidget(hint_label(hint, self))
        self.edit = self.note(part, placeholder)
        self.edit.setMinimumHeight(180)
        self.edit.edited.connect(self._on_edited)
        layout.addWidget(self.edit)

    def load(self) -> None:
        self.edit.set_text(getattr(self.debrief, self.part))

    @user_edit
    def _on_edited(self, text: str) -> None:
        text = clean_text(text)
        if getattr(self.debrief, self.part) != text:
            setattr(self.debrief, self.part, text)
            self.changed()


class GroundRulesView(PartEditor):
    """The script's ground rules, to read aloud; nothing here is stored in the debrief."""

    part = "ground_rules"

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        layout = vbox(self, spacing=6)
        layout.addWidget(section_label("Ground rules", self))
        for rule in session.script.ground_rules:
            label = QLabel(f"•  {rule}", self)
            label.setObjectName("RuleLabel")
            label.setWordWrap(True)
            layout.addWidget(label)

"""List parts: notes lists, contributing factors and participants."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from facilitator.domain.model import ContributingFactor, FactorKind, Note, Participant
from facilitator.domain.text import clean_text
from facilitator.ui.parts.base import EditHook, hint_label, user_edit
from facilitator.ui.parts.rows import RowsEditor
from facilitator.ui.session import MeetingSession

#: part -> (heading, add button, placeholder, empty text)
NOTE_LISTS: dict[str, tuple[str, str, str, str]] = {
    "went_wrong": (
        "What made it harder",
        "Add an observation",
        "Something that was hard, surprising or confusing…",
        "Nothing noted yet.",
    ),
    "went_right": (
        "What went right",
        "Add something that helped",
        "Something that worked in our favour…",
        "Nothing noted yet.",
    ),
    "got_lucky": (
        "Where we got lucky",
        "Add a lucky break",
        "Something that helped by chance, and might not next time…",
        "Nothing noted yet.",
    ),
    "learnings": (
        "Key learnings",
        "Add a learning",
        "Something another team could apply…",
        "Aim for three to five learnings.",
    ),
    "parking_lot": (
        "",
        "Park a topic",
        "A topic to come back to later…",
        "Topics raised off-track wait here.",
    ),
}

FACTOR_LABELS: dict[FactorKind, str] = {
    FactorKind.TECHNICAL: "Technical",
    FactorKind.PROCESS: "Process",
    FactorKind.ORGANISATIONAL: "Organisational",
    FactorKind.HUMAN: "Human conditions",
}


class NoteListEditor(RowsEditor):
    """A list of short texts (went_wrong, went_right, learnings, parking_lot)."""

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        part: str,
        parent: QWidget | None = None,
        *,
        check_language: bool = True,
    ) -> None:
        self.heading, self.add_text, self._placeholder, self.empty_text = NOTE_LISTS[part]
        self._check_language = check_language
        super().__init__(session, on_new_edit, parent, part=part)
        if part == "learnings":
            self.count = hint_label("", self)
            self.layout().insertWidget(1, self.count)

    def items(self) -> list[Note]:
        return getattr(self.debrief, self.part)

    def new_item(self) -> Note:
        return Note()

    def rebuild(self, focus: int | None = None) -> None:
        super().rebuild(focus)
        self._update_count()

    def _update_count(self) -> None:
        if self.part != "learnings":
            return
        n = sum(1 for note in self.items() if note.text.strip())
        advice = "a good number" if 3 <= n <= 5 else "aim for three to five"
        self.count.setText(f"{n} written: {advice}.")

    def build_row(self, index: int, item: Any, row: QWidget) -> QWidget:
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        key = f"{self.part}[{index}]"
        edit = self.note(key, self._placeholder, compact=True, checked=self._check_language)
        edit.setParent(row)
        edit.set_text(item.text)
        edit.edited.connect(lambda text, i=index: self._edited(i, text))
        layout.addWidget(edit)
        return edit

    @user_edit
    def _edited(self, index: int, text: str) -> None:
        text = clean_text(text)
        if self.items()[index].text != text:
            self.items()[index].text = text
            self._update_count()
            self.changed()


class FactorsEditor(RowsEditor):
    """Contributing factors, each with its family."""

    part = "contributing_factors"
    heading = "Contributing factors"
    add_text = "Add a contributing factor"
    hint = "Several conditions usually combine. Human conditions are states, never people."
    empty_text = "No contributing factors yet."

    def items(self) -> list[ContributingFactor]:
        return self.debrief.contributing_factors

    def new_item(self) -> ContributingFactor:
        return ContributingFactor()

    def build_row(self, index: int, item: ContributingFactor, row: QWidget) -> QWidget:
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        kind = QComboBox(row)
        for value, label in FACTOR_LABELS.items():
            kind.addItem(label, value)
        kind.setCurrentIndex(kind.findData(item.kind))
        kind.setToolTip("Kind of factor")
        edit = self.note(
            f"contributing_factors[{index}].text", "A condition that contributed…", compact=True
        )
        edit.setParent(row)
        edit.set_text(item.text)
        layout.addWidget(kind)
        layout.addWidget(edit, 1)
        kind.currentIndexChanged.connect(lambda _i, f=item, c=kind: self._kind(f, c))
        edit.edited.connect(lambda text, f=item: self._text(f, text))
        return edit

    @user_edit
    def _kind(self, factor: ContributingFactor, combo: QComboBox) -> None:
        factor.kind = combo.currentData()
        self.changed()

    @user_edit
    def _text(self, factor: ContributingFactor, text: str) -> None:
        if factor.text != clean_text(text):
            factor.text = clean_text(text)
            self.changed()


class ParticipantsEditor(RowsEditor):
    """Names and the roles people played in the incident."""

    part = "participants"
    heading = "Who took part"
    add_text = "Add a participant"
    empty_text = "Nobody listed yet."

    def items(self) -> list[Participant]:
        return self.debrief.participants

    def new_item(self) -> Participant:
        return Participant()

    def build_row(self, index: int, item: Participant, row: QWidget) -> QWidget:
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        name = QLineEdit(item.name, row, placeholderText="Name")
        role = QLineEdit(item.role, row, placeholderText="Role in the incident (on call, comms…)")
        name.setAccessibleName(f"Participant {index + 1} name")
        role.setAccessibleName(f"Participant {index + 1} role")
        layout.addWidget(name, 2)
        layout.addWidget(role, 3)
        name.textEdited.connect(lambda t, p=item: self._set(p, "name", t))
        role.textEdited.connect(lambda t, p=item: self._set(p, "role", t))
        return name

    @user_edit
    def _set(self, person: Participant, attr: str, text: str) -> None:
        setattr(person, attr, clean_text(text))
        self.changed()

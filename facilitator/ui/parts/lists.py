"""List parts: notes lists, contributing factors and participants."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.domain.model import ContributingFactor, FactorKind, Note, Participant
from facilitator.ui.parts.base import EditHook, hint_label
from facilitator.ui.parts.item_model import CHOICE, LINE, TEXT, Column, ItemListModel
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.session import MeetingSession

#: part -> (heading, add button, placeholder, empty text, what one entry is called)
NOTE_LISTS: dict[str, tuple[str, str, str, str, str]] = {
    "went_wrong": (
        "What made it harder",
        "Add an observation",
        "Something that was hard, surprising or confusing…",
        "Nothing noted yet.",
        "observation",
    ),
    "went_right": (
        "What went right",
        "Add what helped",
        "Something that worked in our favour…",
        "Nothing noted yet.",
        "entry",
    ),
    "got_lucky": (
        "Where we got lucky",
        "Add a lucky break",
        "Something that helped by chance, and might not next time…",
        "Nothing noted yet.",
        "lucky break",
    ),
    "learnings": (
        "Key learnings",
        "Add a learning",
        "Something another team could apply…",
        "Aim for three to five learnings.",
        "learning",
    ),
    "parking_lot": (
        "",
        "Park a topic",
        "A topic to come back to later…",
        "Topics raised off-track wait here.",
        "topic",
    ),
}

FACTOR_LABELS: dict[FactorKind, str] = {
    FactorKind.TECHNICAL: "Technical",
    FactorKind.PROCESS: "Process",
    FactorKind.ORGANISATIONAL: "Organisational",
    FactorKind.HUMAN: "Human conditions",
}


class NoteListEditor(ListPart):
    """A list of short texts (went_wrong, went_right, got_lucky, learnings, parking_lot)."""

    def __init__(
        self,
        session: MeetingSession,
        on_new_edit: EditHook,
        part: str,
        parent: QWidget | None = None,
        *,
        check_language: bool = True,
        fill: bool = False,
    ) -> None:
        self.heading, self.add_text, self._placeholder, self.empty_text, self.noun = NOTE_LISTS[
            part
        ]
        self._check_language = check_language
        self.fill = fill
        # The parking lot lives in the narrow private column: no room for move buttons.
        self.movable = part != "parking_lot"
        self.compact = part == "parking_lot"
        super().__init__(session, on_new_edit, parent, part=part)
        self.table.horizontalHeader().hide()
        self.table.setAccessibleName(self.heading or "Parking lot")
        if part == "learnings":
            self.model.rowsInserted.connect(lambda *_: self._update_count())
            self.model.rowsRemoved.connect(lambda *_: self._update_count())
            self.model.modelReset.connect(self._update_count)
            self.model.dataChanged.connect(lambda *_: self._update_count())

    def make_model(self) -> ItemListModel:
        column = Column(
            "text",
            self.heading or "Topic",
            TEXT,
            placeholder=self._placeholder,
            field="",
            checked=self._check_language,
        )
        return ItemListModel(self.session, self.part, (column,), Note, self)

    def build_top(self, layout: QVBoxLayout) -> None:
        if self.part == "learnings":
            self.count = hint_label("", self)
            layout.addWidget(self.count)

    def new_row(self) -> int:
        # Notes are read top to bottom in the order they were said: a new one goes last.
        return self.model.rowCount()

    def _update_count(self) -> None:
        if self.session.debrief is None:
            return
        n = sum(1 for note in self.model.items() if note.text.strip())
        advice = "a good number" if 3 <= n <= 5 else "aim for three to five"
        self.count.setText(f"{n} written: {advice}.")


class FactorsEditor(ListPart):
    """Contributing factors, each with its family."""

    part = "contributing_factors"
    heading = "Contributing factors"
    add_text = "Add a contributing factor"
    noun = "factor"
    hint = "Several conditions usually combine. Human conditions are states, never people."
    empty_text = "No contributing factors yet."

    def make_model(self) -> ItemListModel:
        columns = (
            Column("kind", "Kind", CHOICE, tuple(FACTOR_LABELS.items()), chars=17),
            Column(
                "text",
                "Condition",
                TEXT,
                placeholder="A condition that contributed…",
                field="text",
                checked=True,
            ),
        )
        return ItemListModel(self.session, self.part, columns, ContributingFactor, self)

    def new_row(self) -> int:
        return self.model.rowCount()


class ParticipantsEditor(ListPart):
    """Names and the roles people played in the incident."""

    part = "participants"
    heading = "Who took part"
    add_text = "Add a participant"
    noun = "participant"
    empty_text = "Nobody listed yet."
    fill = True

    def make_model(self) -> ItemListModel:
        columns = (
            Column("name", "Name", LINE, chars=22, placeholder="Name"),
            Column(
                "role", "Role in the incident", LINE, placeholder="On call, comms, incident lead…"
            ),
        )
        return ItemListModel(self.session, self.part, columns, Participant, self)

    def new_row(self) -> int:
        return self.model.rowCount()

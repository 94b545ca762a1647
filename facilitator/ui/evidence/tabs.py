"""The two tabs of the import dialog: the candidates with their filters, and the people.

Only widgets and layout live here; the dialog connects them to its models.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.ui.evidence.candidate_filter import CandidateFilter
from facilitator.ui.evidence.candidate_table import CandidateTable
from facilitator.ui.evidence.delegates import ChoiceDelegate
from facilitator.ui.evidence.people_model import TARGET, AuthorsModel
from facilitator.ui.evidence.wheel import wheel_only_when_focused


class CandidatesTab(QWidget):
    """Search, a person filter, two switches, the table and the choosing buttons."""

    def __init__(self, proxy: CandidateFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit(
            self, placeholderText="Search the candidates…", clearButtonEnabled=True
        )
        self.search.setAccessibleName("Search the candidates")
        self.person = QComboBox(self, toolTip="Show what one person wrote")
        self.person.setMinimumContentsLength(14)
        self.person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        wheel_only_when_focused(self.person)
        self.hide_duplicates = QCheckBox("Hide what is already on the timeline", self)
        self.flagged = QCheckBox("Only with language findings", self)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.person)
        bar.addWidget(self.hide_duplicates)
        bar.addWidget(self.flagged)
        layout.addLayout(bar)
        self.table = CandidateTable(proxy, self)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.all_button = QPushButton("Choose all shown", self)
        self.none_button = QPushButton("Leave out all shown", self)
        self.range_button = QPushButton("Only this time range", self)
        self.range_button.setToolTip(
            "Click the first candidate, Shift+click the last, then press this: everything "
            "shown between their times is chosen (threads stay whole), the rest left out"
        )
        self.author_button = QPushButton("Everything from…", self)
        for button in (self.all_button, self.none_button, self.range_button, self.author_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        hint = QLabel(
            "Space chooses or leaves out the selected rows. Double-click a kind or a moment to "
            "change it; right-click for more.",
            self,
            objectName="HintLabel",
            wordWrap=True,
        )
        layout.addWidget(hint)


class PeopleTab(QWidget):
    """Where each author's messages go."""

    def __init__(self, authors: AuthorsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Each author's messages go on the timeline under a participant's name, so names as "
            "roles on the shared screen covers them. New participants are added with the role "
            "left for you to fill in. Double-click to change where an author goes.",
            self,
            objectName="HintLabel",
            wordWrap=True,
        )
        layout.addWidget(hint)
        self.table = QTableView(self)
        self.table.setModel(authors)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(TARGET, ChoiceDelegate(authors.choices, self))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        layout.addWidget(self.table, 1)

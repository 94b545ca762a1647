"""The written report's parts: supporting links, and who owns and reviews the report."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from facilitator.domain.model import Link, Reviewer, ReviewStatus
from facilitator.domain.text import clean_text
from facilitator.ui.parts.base import (
    EditHook,
    PartEditor,
    section_label,
    set_line,
    user_edit,
    vbox,
)
from facilitator.ui.parts.item_model import DATE, FLAG, LINE, Column, ItemListModel
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.session import MeetingSession
from facilitator.ui.wheel import guard_wheel

REVIEW_LABELS = {
    None: "Not reviewed yet",
    ReviewStatus.IN_REVIEW: "In review",
    ReviewStatus.REVIEWED: "Reviewed",
    ReviewStatus.APPROVED: "Approved",
}
#: Link schemes the app opens in the browser; anything else is only shown.
OPENABLE = ("http", "https", "mailto")


class LinksEditor(ListPart):
    """Dashboards, chat channels and tickets a reader of the report should be able to open."""

    part = "links"
    heading = "Supporting links"
    add_text = "Add a link"
    noun = "link"
    empty_text = "No links yet: dashboards, chat channels, tickets."
    max_rows = 5

    def make_model(self) -> ItemListModel:
        columns = (
            Column("label", "What it is", LINE, chars=20, placeholder="Checkout dashboard"),
            Column("url", "Address", LINE, placeholder="https://…"),
        )
        return ItemListModel(self.session, self.part, columns, Link, self)

    def build_bottom(self, layout: QVBoxLayout) -> None:
        self.open_button = QToolButton(self, text="Open the selected link")
        self.open_button.setObjectName("RowButton")
        self.open_button.setToolTip("Open the selected link in your browser")
        self.open_button.clicked.connect(self.open_selected)
        layout.addWidget(self.open_button)

    def new_row(self) -> int:
        return self.model.rowCount()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "open_button"):
            self.open_button.setEnabled(self.current_row() >= 0)

    def open_selected(self) -> bool:
        """Open the selected link if it is a web or mail address; False otherwise."""
        row = self.current_row()
        if row < 0:
            return False
        url = QUrl.fromUserInput(self.model.item(row).url.strip())
        if not url.isValid() or url.scheme() not in OPENABLE:
            self.session.message.emit("Only web and mail addresses open from here.")
            return False
        return QDesktopServices.openUrl(url)


class ReviewersEditor(ListPart):
    """Who reviewed the written report, when, and whether they signed it off."""

    part = "reviewers"
    heading = "Reviewers"
    add_text = "Add a reviewer"
    noun = "reviewer"
    empty_text = "No reviewers yet."
    max_rows = 5

    def make_model(self) -> ItemListModel:
        columns = (
            Column("name", "Name", LINE, chars=16, placeholder="Name"),
            Column("role", "Role", LINE, placeholder="Engineering manager…"),
            Column("reviewed_on", "Reviewed on", DATE, chars=10),
            Column("signed", "Signed off", FLAG, chars=6, tip="Space or a click signs it off"),
        )
        return ItemListModel(self.session, "reviewers", columns, Reviewer, self, part="review")

    def new_row(self) -> int:
        return self.model.rowCount()


class ReviewEditor(PartEditor):
    """The report's owner, how far its review has come, and the reviewers."""

    part = "review"
    fields = ("owner", "review_status")

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        layout = vbox(self)
        layout.addWidget(section_label("The written report", self))
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.owner = QLineEdit(self, placeholderText="Who writes it up and answers for it")
        self.owner.setAccessibleName("Report owner")
        self.status = QComboBox(self)
        for value, label in REVIEW_LABELS.items():
            self.status.addItem(label, list(REVIEW_LABELS).index(value))
        self.status.setAccessibleName("Review status")
        guard_wheel(self.status)
        form.addRow("&Owner", self.owner)
        form.addRow("Re&view", self.status)
        layout.addLayout(form)
        self.reviewers = ReviewersEditor(session, on_new_edit, self)
        layout.addWidget(self.reviewers)
        self.owner.textEdited.connect(self._owner)
        self.status.activated.connect(self._status)

    def load(self) -> None:
        set_line(self.owner, self.debrief.owner)
        self.status.setCurrentIndex(list(REVIEW_LABELS).index(self.debrief.review_status))

    @user_edit
    def _owner(self, text: str) -> None:
        self.debrief.owner = clean_text(text)
        self.changed()

    @user_edit
    def _status(self, number: int) -> None:
        self.debrief.review_status = list(REVIEW_LABELS)[number]
        self.changed()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.owner.setReadOnly(read_only)
        self.status.setEnabled(not read_only)
        self.reviewers.set_read_only(read_only)

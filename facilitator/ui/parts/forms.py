"""Form-style parts: the debrief's details, its classification and the checkpoint date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from facilitator.domain.model import Status
from facilitator.domain.text import clean_text
from facilitator.domain.timing import soak_warning
from facilitator.library.vocabulary import KINDS, suggestions
from facilitator.storage import StorageError
from facilitator.ui.completion import TextCompleter, attach_list_completer
from facilitator.ui.parts.base import (
    EditHook,
    PartEditor,
    hint_label,
    section_label,
    set_line,
    user_edit,
    vbox,
)
from facilitator.ui.qtime import from_qdate, from_qdatetime, to_qdate, to_qdatetime, zone
from facilitator.ui.session import MeetingSession
from facilitator.ui.wheel import guard_wheel

#: How long after the meeting the team meets again to review action items.
CHECKPOINT_AFTER = timedelta(days=14)
STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.IN_MEETING: "In meeting",
    Status.PUBLISHED: "Published",
}


def split_list(text: str) -> list[str]:
    """Split "a, b,c" into ["a", "b", "c"], dropping blanks and duplicates."""
    seen: list[str] = []
    for item in (part.strip() for part in clean_text(text).split(",")):
        if item and item not in seen:
            seen.append(item)
    return seen


def _form(widget: QWidget) -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class DetailsEditor(PartEditor):
    """Title, incident reference, facilitator and meeting time."""

    part = "details"
    fields = ("title", "incident", "facilitator", "meeting_at", "status", "timezone")

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        layout = vbox(self)
        layout.addWidget(section_label("About this debrief", self))
        form = _form(self)
        self.title = QLineEdit(self, placeholderText="A short, neutral name for the incident")
        self.incident = QLineEdit(self, placeholderText="Incident or ticket reference")
        self.facilitator = QLineEdit(self, placeholderText="Who runs this meeting")
        self.meeting = QDateTimeEdit(self, calendarPopup=True, displayFormat="ddd d MMM yyyy HH:mm")
        self.meeting.setMinimumDateTime(QDateTime(QDate(2000, 1, 1), self.meeting.time()))
        self.meeting.setSpecialValueText("Not set: starts with the first timer")
        self.status = QComboBox(self)
        for value, label in STATUS_LABELS.items():
            self.status.addItem(label, list(STATUS_LABELS).index(value))
        self.status.setToolTip(
            "Moves to “In meeting” when the meeting clock starts and to “Published” on export"
        )
        guard_wheel(self.meeting, self.status)
        # Combo and date boxes would be read out by their value; say what they are.
        self.meeting.setAccessibleName("Meeting")
        self.status.setAccessibleName("Status")
        form.addRow("&Title", self.title)
        form.addRow("&Incident", self.incident)
        form.addRow("&Facilitator", self.facilitator)
        form.addRow("&Meeting", self.meeting)
        form.addRow("Stat&us", self.status)
        layout.addLayout(form)
        self.soak = hint_label("", self)
        self.soak.setObjectName("WarningLabel")
        layout.addWidget(self.soak)
        for line, attr in (
            (self.title, "title"),
            (self.incident, "incident"),
            (self.facilitator, "facilitator"),
        ):
            line.textEdited.connect(lambda text, a=attr: self._set(a, text))
        self.meeting.dateTimeChanged.connect(self._meeting_changed)
        self.status.activated.connect(self._status_chosen)
        # The meeting clock and the export move the status and the meeting time too.
        session.partChanged.connect(lambda part: part == "details" and self._reload())

    def load(self) -> None:
        d = self.debrief
        set_line(self.title, d.title)
        set_line(self.incident, d.incident)
        set_line(self.facilitator, d.facilitator)
        self.status.setCurrentIndex(list(STATUS_LABELS).index(d.status))
        tz = zone(d.timezone)
        self.meeting.setTimeZone(tz)
        if d.meeting_at is None:
            self.meeting.setDateTime(self.meeting.minimumDateTime())
        else:
            self.meeting.setDateTime(to_qdatetime(d.meeting_at, tz))
        self._show_soak()

    @user_edit
    def _set(self, attr: str, text: str) -> None:
        setattr(self.debrief, attr, clean_text(text))
        self.changed()

    @user_edit
    def _status_chosen(self, number: int) -> None:
        self.debrief.status = list(STATUS_LABELS)[number]
        self.changed()

    @user_edit
    def _meeting_changed(self, value: QDateTime) -> None:
        if self._loading:
            return
        at = None if value == self.meeting.minimumDateTime() else from_qdatetime(value)
        self.debrief.meeting_at = at
        self._show_soak()
        self.changed()

    def _show_soak(self) -> None:
        warning = soak_warning(self.debrief)
        self.soak.setText(warning or "")
        self.soak.setVisible(bool(warning))


class ClassificationEditor(PartEditor):
    """Severity, services, primary cause and tags, for trend queries across debriefs."""

    part = "classification"
    fields = ("severity", "services", "tags", "primary_cause")

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        layout = vbox(self)
        layout.addWidget(section_label("Classification", self))
        form = _form(self)
        self.severity = QComboBox(self)
        self.fill_severities()
        # Made in the order they are shown, so Tab follows the eye.
        self.services = QLineEdit(self, placeholderText="checkout-api, payments-db, …")
        self.cause = self.note("primary_cause", "The condition that mattered most", compact=True)
        self.tags = QLineEdit(self, placeholderText="deploy, config, capacity, …")
        guard_wheel(self.severity)
        self.severity.setAccessibleName("Severity")
        form.addRow("&Severity", self.severity)
        form.addRow("Ser&vices", self.services)
        form.addRow("Primary &cause", self.cause)
        form.addRow("T&ags", self.tags)
        layout.addLayout(form)
        layout.addWidget(hint_label("Separate services and tags with commas.", self))
        # Suggestions from the taxonomy and past debriefs, filled in on load.
        self.completers = (
            attach_list_completer(self.services, []),
            attach_list_completer(self.tags, []),
            TextCompleter(self.cause, []),
        )
        # activated, not currentIndexChanged: only a choice the facilitator makes is an edit.
        self.severity.activated.connect(self._severity_changed)
        self.services.textEdited.connect(lambda t: self._set_list("services", t))
        self.tags.textEdited.connect(lambda t: self._set_list("tags", t))
        self.cause.edited.connect(self._cause_changed)

    def fill_severities(self) -> None:
        """Offer the active scale, plus a stored value that is no longer on it."""
        taxonomy = self.session.taxonomy
        self.severity.blockSignals(True)
        self.severity.clear()
        self.severity.addItem("Not set", None)
        for level in taxonomy.severities:
            self.severity.addItem(level.name, level.name)
            self.severity.setItemData(
                self.severity.count() - 1, level.meaning, Qt.ItemDataRole.ToolTipRole
            )
        stored = self.session.debrief.severity if self.session.debrief else None
        if stored and taxonomy.normalise_severity(stored) is None:
            # Kept, not silently dropped: the team may have changed its scale since.
            self.severity.addItem(f"{stored} (not on the scale)", stored)
        self.severity.blockSignals(False)

    def load(self) -> None:
        d = self.debrief
        self.fill_severities()
        self.severity.setCurrentIndex(max(0, self.severity.findData(d.severity)))
        if split_list(self.services.text()) != d.services:
            set_line(self.services, ", ".join(d.services))
        if split_list(self.tags.text()) != d.tags:
            set_line(self.tags, ", ".join(d.tags))
        self.cause.set_text(d.primary_cause)
        self._fill_suggestions()

    def _fill_suggestions(self) -> None:
        try:
            used = self.session.service.labels()
        except StorageError:
            used = {"services": {}, "tags": {}, "causes": {}}  # suggestions are a nicety
        for completer, kind in zip(self.completers, KINDS, strict=True):
            completer.set_words(suggestions(kind, self.session.taxonomy, used[kind]))

    @user_edit
    def _severity_changed(self, _index: int = 0) -> None:
        # A name on the team's scale (a str), or None for "Not set".
        self.debrief.severity = self.severity.currentData()
        self.changed()

    @user_edit
    def _set_list(self, attr: str, text: str) -> None:
        setattr(self.debrief, attr, split_list(text))
        self.changed()

    @user_edit
    def _cause_changed(self, text: str) -> None:
        if self.debrief.primary_cause != clean_text(text):
            self.debrief.primary_cause = clean_text(text)
            self.changed()


def default_checkpoint(meeting_at: datetime | None) -> date:
    """Two weeks after the meeting (or after today, before the meeting has a date)."""
    base = meeting_at.astimezone(UTC).date() if meeting_at else date.today()
    return base + CHECKPOINT_AFTER


class CheckpointEditor(PartEditor):
    """The date the team meets again to review action items; defaults to two weeks out."""

    part = "checkpoint"
    fields = ("checkpoint_at", "meeting_at")

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        layout = vbox(self)
        layout.addWidget(section_label("Checkpoint", self))
        form = _form(self)
        self.date = QDateEdit(self, calendarPopup=True, displayFormat="ddd d MMM yyyy")
        self.date.setAccessibleName("Checkpoint date")
        guard_wheel(self.date)
        form.addRow("&Review action items on", self.date)
        layout.addLayout(form)
        self.soak = hint_label("", self)
        self.soak.setObjectName("WarningLabel")
        layout.addWidget(self.soak)
        # Issue 14: where the checkpoint stands (due, overdue, held) and how many items are open.
        self.state = hint_label("", self)
        self.state.setObjectName("CheckpointState")
        layout.addWidget(self.state)
        self.date.dateChanged.connect(self._changed)

    def load(self) -> None:
        d = self.debrief
        self.date.setDate(to_qdate(d.checkpoint_at or default_checkpoint(d.meeting_at)))
        warning = soak_warning(d)
        self.soak.setText(warning or "")
        self.soak.setVisible(bool(warning))
        self._show_state()

    def _show_state(self) -> None:
        from facilitator.followup.checkpoints import checkpoint_state
        from facilitator.followup.records import OPEN_STATUSES
        from facilitator.storage import StorageError
        from facilitator.storage.followup import FollowUpService

        d = self.debrief
        try:
            held = FollowUpService(self.session.service).last_held().get(d.id)
        except StorageError:
            held = None
        open_items = sum(1 for a in d.action_items if a.status in OPEN_STATUSES and a.title.strip())
        self.state.setText(
            checkpoint_state(d.checkpoint_at, open_items, held, date.today()).sentence()
        )

    def on_shown(self) -> None:
        # The default is only stored once the room reaches this phase, so it follows the
        # meeting date the timers set rather than the day the debrief was created.
        if self.debrief.checkpoint_at is None:
            self.debrief.checkpoint_at = from_qdate(self.date.date())
            self.changed()

    @user_edit
    def _changed(self, value: QDate) -> None:
        if not self._loading:
            self.debrief.checkpoint_at = from_qdate(value)
            self.changed()
            self._show_state()

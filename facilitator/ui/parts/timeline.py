"""The timeline: events always in time order, shown in a chosen zone, marking key moments."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.domain.text import clean_text
from facilitator.domain.timing import (
    MOMENTS,
    format_duration,
    order_problems,
    time_to_detect,
    time_to_fix,
)
from facilitator.ui.parts.base import EditHook, user_edit
from facilitator.ui.parts.rows import RowsEditor
from facilitator.ui.qtime import (
    COMMON_ZONES,
    format_time,
    from_qdatetime,
    is_valid_zone,
    local_zone_id,
    same_day,
    to_qdatetime,
    zone,
)
from facilitator.ui.session import MeetingSession

KIND_LABELS: dict[EventKind, str] = {
    EventKind.TRIGGER: "Trigger",
    EventKind.DETECTION: "Detection",
    EventKind.ESCALATION: "Escalation",
    EventKind.ACTION: "Action",
    EventKind.MITIGATION: "Mitigation",
    EventKind.RESOLUTION: "Resolution",
    EventKind.NOTE: "Note",
}


def sort_timeline(events: list[TimelineEvent]) -> bool:
    """Sort events by time in place (undated ones last, order kept); True if anything moved."""
    far = datetime.max.replace(tzinfo=UTC)
    ordered = sorted(events, key=lambda e: e.at or far)
    moved = any(a is not b for a, b in zip(ordered, events, strict=True))
    events[:] = ordered
    return moved


def moment_of(debrief_values: dict[str, datetime | None], event: TimelineEvent) -> str | None:
    """Return the moment field ("started_at", ...) this event marks, if any."""
    for name, kind, _label in MOMENTS:
        if event.at is not None and debrief_values.get(name) == event.at and event.kind == kind:
            return name
    return None


class TimelineEditor(RowsEditor):
    """Rows of (time, kind, moment, text), re-sorted whenever a time changes."""

    part = "timeline"
    heading = ""
    add_text = "Add an event now (Ctrl+T)"
    empty_text = "No events yet. Start with the moment the problem began, not when it was reported."
    movable = False

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        self.add_button.setToolTip("Add an event stamped with the current time (Ctrl+T)")
        top = QHBoxLayout()
        top.addWidget(QLabel("Times shown in", self))
        self.zone_box = QComboBox(self, editable=True)
        self.zone_box.setMinimumContentsLength(18)
        self.zone_box.setToolTip("Time zone for every time on this page; type any IANA name")
        self.zone_box.addItems([local_zone_id(), *COMMON_ZONES])
        self.zone_box.activated.connect(self._zone_chosen)
        self.zone_box.lineEdit().editingFinished.connect(self._zone_chosen)
        top.addWidget(self.zone_box)
        top.addStretch(1)
        self.figures = QLabel(self)
        self.figures.setObjectName("FigureLabel")
        self.figures.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setObjectName("WarningLabel")
        self.problems.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, top)
        layout.insertWidget(1, self.figures)
        layout.insertWidget(2, self.problems)
        session.partChanged.connect(self._part_changed)

    # -- RowsEditor ----------------------------------------------------------------------

    def items(self) -> list[TimelineEvent]:
        return self.debrief.timeline

    def new_item(self) -> TimelineEvent:
        return TimelineEvent(at=datetime.now(UTC).replace(microsecond=0))

    def load(self) -> None:
        zone_id = self.debrief.timezone or local_zone_id()
        if self.zone_box.findText(zone_id) < 0:
            self.zone_box.addItem(zone_id)
        self.zone_box.setCurrentText(zone_id)
        sort_timeline(self.items())
        self.rebuild()

    def add(self) -> None:
        """Add an event stamped now, placed in time order, and focus its text."""
        event = self.new_item()
        self.items().append(event)
        sort_timeline(self.items())
        self.changed()
        self.rebuild(focus=self.items().index(event))

    def rebuild(self, focus: int | None = None) -> None:
        self.rows: list[tuple[QDateTimeEdit, QComboBox, QComboBox]] = []
        # Once per rebuild, not per row: per row it made 2,000 imported events quadratic.
        dated = [e.at for e in self.items() if e.at is not None]
        self._with_date = not same_day(dated, zone(self.debrief.timezone))
        super().rebuild(focus)
        self._refresh_figures()

    def build_row(self, index: int, item: TimelineEvent, row: QWidget) -> QWidget:
        tz = zone(self.debrief.timezone)
        with_date = self._with_date
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        when = QDateTimeEdit(row, calendarPopup=True)
        when.setTimeZone(tz)
        when.setDisplayFormat("ddd d MMM  HH:mm:ss" if with_date else "HH:mm:ss")
        when.setToolTip("When it happened, in the zone chosen above")
        when.setDateTime(to_qdatetime(item.at or datetime.now(UTC), tz))
        when.setObjectName("TimeEdit")
        kind = QComboBox(row)
        for value, label in KIND_LABELS.items():
            kind.addItem(label, value)
        kind.setCurrentIndex(kind.findData(item.kind))
        kind.setToolTip("What kind of event this is")
        moment = QComboBox(row)
        moment.addItem("—", None)
        for name, _kind, label in MOMENTS:
            moment.addItem(label, name)
        moment.setCurrentIndex(max(0, moment.findData(moment_of(self._moments(), item))))
        moment.setToolTip(
            "Mark the moment the problem started, was detected, mitigated or resolved"
        )
        text = self.note(f"timeline[{index}].text", "What happened…", compact=True)
        text.setParent(row)
        text.set_text(item.text)
        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(when)
        pickers = QHBoxLayout()
        pickers.addWidget(kind)
        pickers.addWidget(moment)
        left.addLayout(pickers)
        layout.addLayout(left)
        layout.addWidget(text, 1, Qt.AlignmentFlag.AlignTop)
        when.editingFinished.connect(lambda e=item, w=when: self._time_changed(e, w.dateTime()))
        kind.currentIndexChanged.connect(lambda _i, e=item, c=kind: self._kind_changed(e, c))
        moment.currentIndexChanged.connect(lambda _i, e=item, c=moment: self._moment_chosen(e, c))
        text.edited.connect(lambda t, e=item: self._text_changed(e, t))
        self.rows.append((when, kind, moment))
        return text

    # -- edits ---------------------------------------------------------------------------

    def _moments(self) -> dict[str, datetime | None]:
        return {name: getattr(self.debrief, name) for name, _k, _l in MOMENTS}

    @user_edit
    def _time_changed(self, event: TimelineEvent, value: QDateTime) -> None:
        new_at = from_qdatetime(value)
        if new_at == event.at:
            return
        marked = moment_of(self._moments(), event)
        tz = zone(self.debrief.timezone)
        spanned = not same_day([e.at for e in self.items() if e.at], tz)
        event.at = new_at
        if marked:
            setattr(self.debrief, marked, new_at)
        moved = sort_timeline(self.items())
        spans = not same_day([e.at for e in self.items() if e.at], tz)
        self.changed()
        if moved or spans != spanned:
            self.rebuild(focus=self.items().index(event))
        else:
            self._refresh_figures()

    @user_edit
    def _kind_changed(self, event: TimelineEvent, combo: QComboBox) -> None:
        marked = moment_of(self._moments(), event)
        event.kind = combo.currentData()
        if marked:
            setattr(self.debrief, marked, None)
        self.changed()
        self.rebuild()

    @user_edit
    def _moment_chosen(self, event: TimelineEvent, combo: QComboBox) -> None:
        previous = moment_of(self._moments(), event)
        if previous:
            setattr(self.debrief, previous, None)
        name = combo.currentData()
        if name:
            setattr(self.debrief, name, event.at)
            event.kind = next(kind for n, kind, _l in MOMENTS if n == name)
        self.changed()
        self.rebuild()

    @user_edit
    def _text_changed(self, event: TimelineEvent, text: str) -> None:
        if event.text != clean_text(text):
            event.text = clean_text(text)
            self.changed()

    def _zone_chosen(self) -> None:
        zone_id = self.zone_box.currentText().strip()
        if not is_valid_zone(zone_id):
            self.session.message.emit(f"“{zone_id}” is not a time zone name Qt knows.")
            return
        if zone_id == self.debrief.timezone:
            return
        self.debrief.timezone = zone_id
        self.changed("timeline")
        self.rebuild()

    def _part_changed(self, part: str) -> None:
        if part == "details" and self.session.debrief is not None:
            self._refresh_figures()

    def _refresh_figures(self) -> None:
        d = self.debrief
        tz = zone(d.timezone)
        dated = [e.at for e in d.timeline if e.at is not None]
        start = format_time(d.started_at, tz, with_date=not same_day(dated, tz))
        self.figures.setText(
            f"Started {start}   ·   to detect {format_duration(time_to_detect(d))}"
            f"   ·   to fix {format_duration(time_to_fix(d))}"
        )
        problems = order_problems(d)
        self.problems.setText("  ".join(["⚠ Check the order:", *problems]) if problems else "")
        self.problems.setVisible(bool(problems))

"""The timeline: events always in time order, shown in a chosen zone, marking key moments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator.domain.model import TimelineEvent
from facilitator.domain.timing import (
    format_duration,
    moment_of,
    order_problems,
    time_to_detect,
    time_to_fix,
)
from facilitator.ui.parts.base import EditHook
from facilitator.ui.parts.item_model import ItemListModel
from facilitator.ui.parts.list_part import ListPart
from facilitator.ui.parts.timeline_model import KIND_LABELS, TimelineModel, sort_timeline
from facilitator.ui.qtime import COMMON_ZONES, is_valid_zone, local_zone_id
from facilitator.ui.session import MeetingSession
from facilitator.ui.wheel import guard_wheel

__all__ = ["KIND_LABELS", "TimelineEditor", "sort_timeline"]

#: How far after the selected event Ctrl+T stamps the new one.
NEXT_EVENT_STEP = timedelta(minutes=1)


class TimelineEditor(ListPart):
    """The events, re-placed in time order whenever a time changes."""

    part = "timeline"
    fields = (
        "timeline",
        "timezone",
        "started_at",
        "detected_at",
        "mitigated_at",
        "resolved_at",
    )
    add_text = "Add an event"
    noun = "event"
    empty_text = "No events yet. Start with the moment the problem began, not when it was reported."
    movable = False
    fill = True

    def __init__(
        self, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
    ):
        super().__init__(session, on_new_edit, parent)
        self.add_button.setToolTip(
            "Add an event just after the selected one, on the incident's day (Ctrl+T)"
        )
        assert isinstance(self.model, TimelineModel)
        self.timeline: TimelineModel = self.model
        self.timeline.formatChanged.connect(self._format_changed)
        self._removed_moment: str | None = None
        session.partChanged.connect(self._part_changed)

    def make_model(self) -> ItemListModel:
        return TimelineModel(self.session, self)

    def build_bottom(self, layout: QVBoxLayout) -> None:
        # Under the events, like a total under a column of figures; it wraps when narrow.
        row = QHBoxLayout()
        zone_label = QLabel("Times in", self)
        row.addWidget(zone_label)
        self.zone_box = QComboBox(self, editable=True)
        self.zone_box.setMinimumContentsLength(12)
        self.zone_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.zone_box.setToolTip("Time zone for every time on this page; type any IANA name")
        self.zone_box.setAccessibleName("Time zone")
        zone_label.setBuddy(self.zone_box)
        self.zone_box.addItems([local_zone_id(), *COMMON_ZONES])
        self.zone_box.activated.connect(self._zone_chosen)
        self.zone_box.lineEdit().editingFinished.connect(self._zone_chosen)
        guard_wheel(self.zone_box)
        row.addWidget(self.zone_box)
        self.figures = QLabel(self)
        self.figures.setObjectName("FigureLabel")
        self.figures.setWordWrap(True)
        row.addSpacing(8)
        row.addWidget(self.figures, 1)
        layout.addLayout(row)
        self.problems = QLabel(self)
        self.problems.setObjectName("WarningLabel")
        self.problems.setWordWrap(True)
        self.problems.hide()
        layout.addWidget(self.problems)

    # -- loading -------------------------------------------------------------------------

    def load(self) -> None:
        zone_id = self.debrief.timezone or local_zone_id()
        if self.zone_box.findText(zone_id) < 0:
            self.zone_box.addItem(zone_id)
        self.zone_box.setCurrentText(zone_id)
        super().load()
        self._refresh_figures()

    def refresh_extras(self) -> None:
        zone_id = self.debrief.timezone or local_zone_id()
        if self.zone_box.currentText() != zone_id:
            self.zone_box.setCurrentText(zone_id)
        self.timeline.zone_changed()
        self._refresh_figures()

    def on_shown(self) -> None:
        self._refresh_figures()

    def _format_changed(self) -> None:
        self.table.apply_columns()

    # -- commands ------------------------------------------------------------------------

    def add(self) -> None:
        """Add an event just after the selected one (Ctrl+T) and put the caret in its text."""
        if self.read_only or self.session.debrief is None:
            return
        after = self.current_row()
        event = TimelineEvent(at=self.new_event_time(after))
        row = self.timeline.insert_event(event, after)
        self.table.go_to(row, edit=True)

    def new_event_time(self, after: int) -> datetime:
        """A minute after the selected event (or the last one), on the incident's day.

        Never later than the event that follows, so the new one lands right where
        the facilitator is; with no event at all, the incident's start, else now.
        """
        items = self.timeline.items()
        if not 0 <= after < len(items) or items[after].at is None:
            dated = [e for e in items if e.at is not None]
            after = self.timeline.row_of(dated[-1]) if dated else -1
        if after < 0:
            d = self.debrief
            base = d.started_at or d.detected_at or d.mitigated_at or d.resolved_at
            return base if base is not None else datetime.now(UTC).replace(microsecond=0)
        base = items[after].at
        assert base is not None
        at = base + NEXT_EVENT_STEP
        following = items[after + 1].at if after + 1 < len(items) else None
        if following is not None and following < at:
            at = base
        return at

    def remove(self) -> None:
        row = self.current_row()
        if 0 <= row < self.model.rowCount():
            self._removed_moment = moment_of(self.debrief, self.timeline.item(row))
        super().remove()

    def undo_remove(self) -> None:
        removed = self._removed
        super().undo_remove()
        if removed is not None and self._removed_moment:
            setattr(self.debrief, self._removed_moment, removed[1].at)
            self._removed_moment = None
            self.timeline.row_changed(self.timeline.row_of(removed[1]))
            self.changed()

    def follow(self, event: TimelineEvent | None) -> None:
        """Select the event the replay stands on, so the editor follows the room."""
        if event is None or self.session.debrief is None:
            return
        row = self.timeline.row_of(event)
        if row >= 0:
            # In the middle, so the events around it are in sight as they are in the room.
            self.table.go_to(row, centre=True)

    # -- the zone and the figures --------------------------------------------------------

    def _zone_chosen(self) -> None:
        if self.session.debrief is None or self.read_only:
            return
        zone_id = self.zone_box.currentText().strip()
        if not is_valid_zone(zone_id):
            self.session.message.emit(f"“{zone_id}” is not a time zone name Qt knows.")
            return
        if zone_id == self.debrief.timezone:
            return
        self.debrief.timezone = zone_id
        self.timeline.zone_changed()
        self.changed("timeline")
        self._refresh_figures()

    def _part_changed(self, part: str) -> None:
        if part in ("details", "timeline") and self.session.debrief is not None:
            self._refresh_figures()

    def _refresh_figures(self) -> None:
        d = self.debrief
        start = self.timeline.format_time(d.started_at) if d.started_at else "—"
        self.figures.setText(
            f"Started {start}  ·  to detect {format_duration(time_to_detect(d))}"
            f"  ·  to fix {format_duration(time_to_fix(d))}"
        )
        problems = order_problems(d)
        self.problems.setText("  ".join(["⚠ Check the order:", *problems]) if problems else "")
        self.problems.setVisible(bool(problems))

"""TimelineModel: the events in time order, their kinds, the marked moments, stars and sources.

Events stay sorted by time: changing a time moves that one row to its place
(``beginMoveRows``), never re-sorts the view. Times show in the debrief's zone,
with the day only when the events span more than one.
"""

from __future__ import annotations

import bisect
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QTimeZone, Signal

from facilitator.domain.model import EventKind, TimelineEvent
from facilitator.domain.timing import MOMENTS, moment_of
from facilitator.ui.parts.item_model import (
    CHOICE,
    DATETIME,
    STAR,
    TEXT,
    Column,
    ItemListModel,
)
from facilitator.ui.qtime import local_zone_id, zone
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
#: One picker for what an event is: a kind, or one of the moments the timing pages measure
#: between (choosing a moment gives the event that moment's kind).
MOMENT_SHORT = {
    "started_at": "Started",
    "detected_at": "Detected",
    "mitigated_at": "Mitigated",
    "resolved_at": "Resolved",
}
KIND_CHOICES: tuple[tuple[object, str], ...] = (
    *KIND_LABELS.items(),
    *((name, f"● {MOMENT_SHORT[name]}") for name, _kind, _label in MOMENTS),
)
_LAST = datetime.max.replace(tzinfo=UTC)
#: Shown after the time of an event that came from an import.
IMPORTED_MARK = "⇩"

COLUMNS = (
    Column(
        "starred",
        "★",
        STAR,
        chars=3,
        tip="Starred events are the report's highlights; ⇩ marks an imported event",
    ),
    Column("at", "Time", DATETIME, chars=9, tip="When it happened, in the zone chosen above"),
    Column(
        "kind",
        "Kind",
        CHOICE,
        KIND_CHOICES,
        chars=11,
        tip="What the event is. ● marks a moment the timing pages measure between: when the "
        "problem started, was detected, mitigated or resolved",
    ),
    Column(
        "text",
        "What happened",
        TEXT,
        placeholder="What happened…",
        field="text",
        checked=True,
    ),
)


def sort_timeline(events: list[TimelineEvent]) -> bool:
    """Sort events by time in place (undated ones last, order kept); True if anything moved."""
    ordered = sorted(events, key=_when)
    moved = any(a is not b for a, b in zip(ordered, events, strict=True))
    events[:] = ordered
    return moved


def _when(event: TimelineEvent) -> datetime:
    return event.at or _LAST


def describe_source(source: str) -> str:
    """Say where an imported event came from: "slack:export.zip#C1/17" -> a sentence."""
    if not source:
        return ""
    kind, _, rest = source.partition(":")
    where, _, message = rest.partition("#")
    text = f"Imported from {kind or 'a file'}"
    if where:
        text += f": {where}"
    if message:
        text += f", message {message}"
    return text + "."


def python_zone(zone_id: str) -> tzinfo:
    """The zone named ``zone_id`` (this computer's when empty or unknown)."""
    for candidate in (zone_id, local_zone_id(), "UTC"):
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return UTC


class TimelineModel(ItemListModel):
    """The debrief's timeline.

    Signals:
        formatChanged(): times switched between "HH:mm:ss" and showing the day.
    """

    formatChanged = Signal()

    def __init__(self, session: MeetingSession, parent: Any = None) -> None:
        super().__init__(session, "timeline", COLUMNS, TimelineEvent, parent)
        self._tz: tzinfo = UTC
        self._qt_zone: QTimeZone | None = None
        self.with_date = False
        self.with_seconds = False

    # -- zone and format -----------------------------------------------------------------

    @property
    def zone_id(self) -> str:
        debrief = self.session.debrief
        return (debrief.timezone if debrief is not None else "") or local_zone_id()

    def qt_zone(self) -> QTimeZone:
        if self._qt_zone is None:
            self._qt_zone = zone(self.zone_id)
        return self._qt_zone

    def datetime_format(self) -> str:
        return "ddd d MMM  HH:mm:ss" if self.with_date else "HH:mm:ss"

    def zone_changed(self) -> None:
        """The debrief's zone changed: every shown time changes."""
        self._tz = python_zone(self.zone_id)
        self._qt_zone = None
        self._update_format(force=True)

    def _update_format(self, *, force: bool = False) -> None:
        local = [e.at.astimezone(self._tz) for e in self._items if e.at is not None]
        with_date = len({at.date() for at in local}) > 1
        # Seconds only when some event has them: chat imports do, hand-typed events rarely.
        with_seconds = any(at.second for at in local)
        if (with_date, with_seconds) != (self.with_date, self.with_seconds) or force:
            self.with_date, self.with_seconds = with_date, with_seconds
            if self._items:
                self.dataChanged.emit(self.index(0, 1), self.index(len(self._items) - 1, 1))
            self.formatChanged.emit()

    def format_time(self, at: datetime | None) -> str:
        if at is None:
            return "time?"
        local = at.astimezone(self._tz)
        clock = f"{local:%H:%M:%S}" if self.with_seconds or local.second else f"{local:%H:%M}"
        # The weekday is left to the editor and the tooltip: the column stays narrow.
        return f"{local.day} {local:%b}  {clock}" if self.with_date else clock

    def display_sample(self) -> str:
        """The widest time this timeline shows, to size its column."""
        clock = "23:59:59" if self.with_seconds else "23:59"
        return f"30 Sep  {clock}" if self.with_date else clock

    def reload(self) -> None:
        debrief = self.session.debrief
        if debrief is not None:
            # Stored order is time order; a timeline saved by an older build is put right here.
            sort_timeline(debrief.timeline)
        self._tz = python_zone(self.zone_id)
        self._qt_zone = None
        super().reload()
        self._update_format(force=True)

    # -- cells ---------------------------------------------------------------------------

    def value(self, item: TimelineEvent, column: Column) -> object:
        if column.key == "kind":
            debrief = self.session.debrief
            marked = None if debrief is None else moment_of(debrief, item)
            return marked or item.kind
        return getattr(item, column.key)

    def display(self, item: TimelineEvent, column: Column, row: int) -> str:
        if column.key == "at":
            return self.format_time(item.at)
        return super().display(item, column, row)

    def tooltip(self, item: TimelineEvent, column: Column, row: int) -> str | None:
        if item.source and column.key in ("text", "at", "starred"):
            return describe_source(item.source)
        if column.key == "at" and item.at is not None:
            local = item.at.astimezone(self._tz)
            return f"{local:%A} {local.day} {local:%B %Y, %H:%M:%S} ({self.zone_id})"
        return super().tooltip(item, column, row)

    def mark(self, item: TimelineEvent, column: Column) -> str:
        return IMPORTED_MARK if column.key == "starred" and item.source else ""

    def assign(self, item: TimelineEvent, column: Column, value: object) -> None:
        debrief = self.session.debrief
        assert debrief is not None
        marked = moment_of(debrief, item)
        if column.key == "at":
            item.at = value  # type: ignore[assignment]
            if marked:
                setattr(debrief, marked, value)
            return
        if column.key == "kind" and isinstance(value, EventKind):
            item.kind = value
            if marked:
                setattr(debrief, marked, None)
            return
        if column.key == "kind":
            self._mark(item, marked, value)
            return
        super().assign(item, column, value)

    def _mark(self, item: TimelineEvent, previous: str | None, name: object) -> None:
        debrief = self.session.debrief
        assert debrief is not None
        if previous:
            setattr(debrief, previous, None)
        if not name:
            return
        # Only one event marks a moment: the row that marked it before loses the mark.
        old_at = getattr(debrief, str(name))
        setattr(debrief, str(name), item.at)
        item.kind = next(kind for field, kind, _l in MOMENTS if field == name)
        if old_at is not None:
            for row, other in enumerate(self._items):
                if other is not item and other.at == old_at:
                    self.row_changed(row)

    def setData(self, index: Any, value: object, role: int = 2) -> bool:
        column = self.columns[index.column()] if index.isValid() else None
        done = super().setData(index, value, role)
        if done and column is not None and column.key == "at":
            self.place(self.item(index.row()))
            self._update_format()
        return done

    # -- order ---------------------------------------------------------------------------

    def sorted_row(self, item: TimelineEvent, exclude_row: int | None = None) -> int:
        """The row ``item`` belongs at by time (after events at the same time)."""
        keys = [_when(e) for r, e in enumerate(self._items) if r != exclude_row]
        return bisect.bisect_right(keys, _when(item))

    def place(self, item: TimelineEvent) -> int:
        """Move ``item`` to its place in time order; return its row."""
        row = self.row_of(item)
        target = self.sorted_row(item, exclude_row=row)
        if target != row:
            self.move_row(row, target, touch=False)
        return target

    def insert_event(self, event: TimelineEvent, after: int = -1) -> int:
        """Insert ``event`` in time order, right after row ``after`` when its time allows."""
        row = self.sorted_row(event)
        if 0 <= after < len(self._items) and _when(self._items[after]) == _when(event):
            row = after + 1
        self.insert_item(row, event)
        self._update_format()
        return row

    def remove_row(self, row: int) -> Any:
        item = self.item(row)
        debrief = self.session.debrief
        marked = moment_of(debrief, item) if debrief is not None else None
        removed = super().remove_row(row)
        # The moment goes with its event; another event at that time may still mark it.
        if (
            marked
            and debrief is not None
            and not any(moment_of(debrief, e) == marked for e in self._items)
        ):
            setattr(debrief, marked, None)
        self._update_format()
        return removed

    def reconcile(self, change: Any = None) -> None:
        super().reconcile(change)
        self._update_format()

    def moments(self) -> dict[str, int]:
        """The row marking each moment, for the moments that are marked."""
        debrief = self.session.debrief
        found: dict[str, int] = {}
        if debrief is None:
            return found
        for row, event in enumerate(self._items):
            name = moment_of(debrief, event)
            if name and name not in found:
                found[name] = row
        return found

"""How the source is read: Slack channels and switches, CSV columns, the day, the time zone.

Changing a reading option asks for the source to be read again
(``optionsChanged``); changing the zone only moves the times that had no offset
(``zoneChanged``), and the preview says what a bare "19:04" becomes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.evidence.candidates import Evidence, ReadOptions
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.times import zone_named
from facilitator.ui.evidence.wheel import wheel_only_when_focused
from facilitator.ui.qtime import COMMON_ZONES

_COLUMNS = (("time", "Time"), ("text", "Text"), ("author", "Author"), ("kind", "Kind"))
_NONE = "—"


class SourceOptions(QWidget):
    """The reading options of the source on show.

    Signals:
        optionsChanged(): read the source again with :meth:`options`.
        zoneChanged(): times without an offset belong to :meth:`zone_name` now.
    """

    optionsChanged = Signal()
    zoneChanged = Signal()

    def __init__(self, zones: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._kind = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        reading = QHBoxLayout()
        reading.setSpacing(10)
        # Slack
        self.channels_label = QLabel("Channels", self)
        self.channels = QToolButton(self, text="All channels")
        self.channels.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.channels.setToolTip("Which channels of the export to read")
        self.channel_menu = QMenu(self.channels)
        self.channels.setMenu(self.channel_menu)
        self.joins = QCheckBox("Joins", self, toolTip="Keep “joined the channel” messages")
        self.leaves = QCheckBox("Leaves", self, toolTip="Keep “left the channel” messages")
        self.bots = QCheckBox("Bot messages", self, toolTip="Keep messages from bots and apps")
        self._slack = [self.channels_label, self.channels, self.joins, self.leaves, self.bots]
        # CSV
        self.column_boxes: dict[str, QComboBox] = {}
        self._csv: list[QWidget] = []
        for role, label in _COLUMNS:
            text = QLabel(f"{label} column", self)
            box = QComboBox(self)
            box.setToolTip(f"The column holding each event's {label.lower()}")
            self.column_boxes[role] = box
            self._csv += [text, box]
        # Chat
        self.day_label = QLabel("Lines without a date are on", self)
        self.day = QDateEdit(self, calendarPopup=True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setToolTip("The incident's day; times running past midnight move to the next")
        self._chat = [self.day_label, self.day]
        for widget in [*self._slack, *self._csv, *self._chat]:
            reading.addWidget(widget)
            # Shown by show_for: all at once they would make the dialog wider than a projector.
            widget.hide()
        reading.addStretch(1)
        layout.addLayout(reading)
        zone_row = QHBoxLayout()
        zone_row.addWidget(QLabel("Times without an offset are in", self))
        self.zone = QComboBox(self, editable=True)
        self.zone.setMinimumContentsLength(18)
        self.zone.setToolTip("The zone the source's clock readings were in; type any IANA name")
        seen: list[str] = []
        for name in [*zones, *COMMON_ZONES]:
            if name and name not in seen:
                seen.append(name)
        self.zone.addItems(seen)
        zone_row.addWidget(self.zone)
        self.preview = QLabel(self)
        self.preview.setObjectName("HintLabel")
        self.preview.setWordWrap(True)
        zone_row.addWidget(self.preview, 1)
        layout.addLayout(zone_row)
        for box in (self.joins, self.leaves, self.bots):
            box.toggled.connect(self._changed)
        for box in self.column_boxes.values():
            box.activated.connect(self._changed)
        self.day.dateChanged.connect(self._changed)
        self.zone.activated.connect(self._zone_chosen)
        self.zone.lineEdit().editingFinished.connect(self._zone_chosen)
        self._zone_name = seen[0] if seen else "UTC"
        wheel_only_when_focused(self.zone, self.day, *self.column_boxes.values())

    # -- showing -------------------------------------------------------------------------

    def show_for(self, evidence: Evidence, options: ReadOptions) -> None:
        """Show the options that matter for ``evidence`` with the values it was read with."""
        self._loading = True
        self._kind = evidence.kind
        try:
            for widget in self._slack:
                widget.setVisible(evidence.kind == "slack")
            for widget in self._csv:
                widget.setVisible(evidence.kind == "csv")
            for widget in self._chat:
                widget.setVisible(evidence.kind == "chat")
            if evidence.kind == "slack":
                self._fill_channels(evidence)
                self.joins.setChecked(options.include_joins)
                self.leaves.setChecked(options.include_leaves)
                self.bots.setChecked(options.include_bots)
            if evidence.kind == "csv":
                for role, box in self.column_boxes.items():
                    box.clear()
                    if role in ("author", "kind"):
                        box.addItem(_NONE, "")
                    for name in evidence.columns:
                        box.addItem(name, name)
                    box.setCurrentIndex(max(0, box.findData(evidence.chosen_columns.get(role))))
            # The zone matters only for times the source gave without an offset.
            self.zone.setEnabled(evidence.naive)
            if options.day is not None:
                self.day.setDate(QDate(options.day.year, options.day.month, options.day.day))
        finally:
            self._loading = False

    def _fill_channels(self, evidence: Evidence) -> None:
        self.channel_menu.clear()
        chosen = set(evidence.chosen_channels)
        every = len(chosen) == len(evidence.channels)
        for name in evidence.channels:
            action = self.channel_menu.addAction(f"#{name}")
            action.setCheckable(True)
            action.setChecked(name in chosen and not every)
            action.setData(name)
            action.toggled.connect(self._changed)
        self.channel_menu.addSeparator()
        everything = self.channel_menu.addAction("All channels")
        everything.triggered.connect(self._all_channels)
        self._update_channel_text()

    def _all_channels(self) -> None:
        self._loading = True
        for action in self.channel_menu.actions():
            if action.isCheckable():
                action.setChecked(False)
        self._loading = False
        self._changed()

    def _update_channel_text(self) -> None:
        names = self.chosen_channels()
        every = [str(a.data()) for a in self.channel_menu.actions() if a.isCheckable()]
        if not names and len(every) == 1:
            self.channels.setText(f"#{every[0]}")
        elif not names:
            self.channels.setText("All channels")
        elif len(names) <= 2:
            self.channels.setText(", ".join(f"#{n}" for n in names))
        else:
            self.channels.setText(f"{len(names)} channels")

    def chosen_channels(self) -> list[str]:
        return [
            str(a.data()) for a in self.channel_menu.actions() if a.isCheckable() and a.isChecked()
        ]

    def set_preview(self, text: str) -> None:
        self.preview.setText(text)

    # -- reading -------------------------------------------------------------------------

    def zone_name(self) -> str:
        """The zone times without an offset are read in."""
        return self._zone_name

    def options(self, base: ReadOptions) -> ReadOptions:
        """``base`` with the values shown here."""
        options = replace(base, zone=self._zone_name)
        if self._kind == "slack":
            options = replace(
                options,
                channels=tuple(self.chosen_channels()),
                include_joins=self.joins.isChecked(),
                include_leaves=self.leaves.isChecked(),
                include_bots=self.bots.isChecked(),
            )
        elif self._kind == "csv":
            columns = {role: box.currentData() or "" for role, box in self.column_boxes.items()}
            options = replace(
                options,
                time_column=columns["time"],
                text_column=columns["text"],
                author_column=columns["author"],
                kind_column=columns["kind"],
            )
        elif self._kind == "chat":
            options = replace(options, day=_date(self.day.date()))
        return options

    def _changed(self) -> None:
        if self._loading:
            return
        self._update_channel_text()
        self.optionsChanged.emit()

    def _zone_chosen(self) -> None:
        name = self.zone.currentText().strip()
        try:
            zone_named(name)
        except EvidenceError as exc:
            self.preview.setText(str(exc))
            return
        if name != self._zone_name:
            self._zone_name = name
            self.zoneChanged.emit()


def _date(value: QDate) -> date:
    return datetime(value.year(), value.month(), value.day()).date()

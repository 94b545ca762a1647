"""The import dialog: choose a source, pick candidates, map people, add them to the timeline.

The dialog never changes the debrief. It emits ``imported`` with an
:class:`ImportRequest` when the user presses Add, and the caller adds it; a
source that cannot be read shows its one-line message and leaves the previous
candidates as they were. Open it with ``open()``; it never blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Debrief
from facilitator.evidence import (
    AuthorMatch,
    EvidenceError,
    ReadOptions,
    find_duplicates,
    match_authors,
    read_path,
    read_text,
    rezone,
)
from facilitator.evidence.candidates import Evidence
from facilitator.evidence.choice import Chosen
from facilitator.evidence.slack import incident_channels, list_channels
from facilitator.evidence.sources import guess_kind
from facilitator.evidence.times import zone_named
from facilitator.language import Checker
from facilitator.ui.evidence.candidate_filter import CandidateFilter
from facilitator.ui.evidence.candidate_model import CandidateModel
from facilitator.ui.evidence.people_model import AuthorsModel
from facilitator.ui.evidence.source_panel import SourceOptions
from facilitator.ui.evidence.start_page import StartPage
from facilitator.ui.evidence.tabs import CandidatesTab, PeopleTab
from facilitator.ui.qtime import local_zone_id


@dataclass
class ImportRequest:
    """What the user asked to add."""

    chosen: Chosen
    authors: dict[str, AuthorMatch]
    #: "Slack export acme.zip #inc-checkout", for the status message.
    source: str


class ImportDialog(QDialog):
    """Pick timeline events from chat, alerts and logs.

    Signals:
        imported(object): the user pressed Add; carries an :class:`ImportRequest`.
    """

    imported = Signal(object)

    def __init__(self, debrief: Debrief, checker: Checker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EvidenceDialog")
        self.setWindowTitle("Import timeline events from chat or alerts")
        self.debrief = debrief
        self.evidence: Evidence | None = None
        self._source: tuple[Path | None, str | None, str] = (None, None, "")
        self._shown_zone = zone_named(debrief.timezone or local_zone_id())
        read_zone = debrief.timezone or local_zone_id()
        start = debrief.started_at or debrief.detected_at or debrief.meeting_at
        self._options = ReadOptions(
            zone=read_zone, day=(start or datetime.now(UTC)).astimezone(self._shown_zone).date()
        )
        self.model = CandidateModel(checker, self)
        self.proxy = CandidateFilter(self.model, self)
        self.authors = AuthorsModel(self)
        self._new_people: list[str] = []
        self.stack = QStackedWidget(self)
        self.start = StartPage(self.stack)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self._pick_page(read_zone))
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        self.error = QLabel(self, objectName="WarningLabel", wordWrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addLayout(self._buttons())
        self.stack.currentChanged.connect(lambda page: self.add_button.setVisible(page == 1))
        self.add_button.hide()
        self.start.pathChosen.connect(self.load_path)
        self.start.textPasted.connect(self.load_text)
        self.model.choiceChanged.connect(self._update_counts)
        self.authors.mappingChanged.connect(self._mapping_changed)
        self._update_counts()
        self._fit_screen()

    def _fit_screen(self) -> None:
        # A projector is often 1280x720: never open larger than the screen that shows us.
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(min(1200, screen.width() - 40), min(660, screen.height() - 40))

    # -- building ------------------------------------------------------------------------

    def _pick_page(self, read_zone: str) -> QWidget:
        page = QWidget(self.stack)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.source_label = QLabel(page, objectName="SectionLabel", wordWrap=True)
        self.source_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.other_button = QPushButton("Choose another source", page)
        self.other_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        head.addWidget(self.source_label, 1)
        head.addWidget(self.other_button)
        layout.addLayout(head)
        zones = [read_zone, local_zone_id()]
        self.options = SourceOptions(zones, page)
        self.options.optionsChanged.connect(self._reread)
        self.options.zoneChanged.connect(self._zone_changed)
        layout.addWidget(self.options)
        self.tabs = QTabWidget(page)
        self.tabs.addTab(self._candidates_tab(), "Candidates")
        self.tabs.addTab(self._people_tab(), "People")
        layout.addWidget(self.tabs, 1)
        return page

    def _filter(self, setter: Callable[[Any], None], value: object) -> None:
        setter(value)
        self._show_counts()

    def _candidates_tab(self) -> QWidget:
        tab = CandidatesTab(self.proxy, self)
        self.search, self.person, self.table = tab.search, tab.person, tab.table
        self.hide_duplicates, self.flagged = tab.hide_duplicates, tab.flagged
        self.range_button, self.author_button = tab.range_button, tab.author_button
        # Each condition filters once, then the counts are told once (not once per row moved).
        self.search.textChanged.connect(lambda text: self._filter(self.proxy.set_search, text))
        self.person.activated.connect(
            lambda _i: self._filter(self.proxy.set_author, self.person.currentData())
        )
        self.hide_duplicates.toggled.connect(
            lambda on: self._filter(self.proxy.set_hide_duplicates, on)
        )
        self.flagged.toggled.connect(lambda on: self._filter(self.proxy.set_flagged_only, on))
        tab.all_button.clicked.connect(
            lambda: self.model.set_chosen(self.proxy.source_rows(), True)
        )
        tab.none_button.clicked.connect(
            lambda: self.model.set_chosen(self.proxy.source_rows(), False)
        )
        self.range_button.clicked.connect(self.choose_time_range)
        self.author_button.clicked.connect(self._choose_current_author)
        self.table.rangeRequested.connect(self.choose_time_range)
        self.table.authorRequested.connect(self.choose_author)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        return tab

    def _people_tab(self) -> QWidget:
        tab = PeopleTab(self.authors, self)
        self.people_table = tab.table
        return tab

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.counts = QLabel(self, objectName="FigureLabel", wordWrap=True)
        # Long counts wrap rather than widen the dialog past a projector's screen.
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.counts, 1)
        self.cancel_button = QPushButton("Cancel", self)
        self.add_button = QPushButton("Add", self, objectName="NextButton")
        self.add_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.add_button.clicked.connect(self._add)
        row.addWidget(self.cancel_button)
        row.addWidget(self.add_button)
        return row

    # -- loading -------------------------------------------------------------------------

    def load_path(self, path: Path, kind: str | None = None) -> bool:
        """Read a file or export folder; True when it gave candidates."""
        options = self._options
        if (kind or guess_kind(path)) == "slack":
            try:
                names = list_channels(path, options)
            except EvidenceError as exc:
                return self._failed(str(exc))
            options = replace(options, channels=incident_channels(names, self.debrief.incident))
        return self._load((path, kind, ""), options)

    def load_text(self, text: str) -> bool:
        """Read pasted text as a chat transcript; True when it gave candidates."""
        return self._load((None, "chat", text), self._options)

    def _reread(self) -> None:
        self._load(self._source, self.options.options(self._options))

    def _load(self, source: tuple[Path | None, str | None, str], options: ReadOptions) -> bool:
        path, kind, text = source
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if path is not None:
                evidence = read_path(path, options, kind)
            else:
                evidence = read_text(text, replace(options, name="pasted"), kind or "chat")
        except EvidenceError as exc:
            return self._failed(str(exc))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not evidence.candidates:
            return self._failed(f"{evidence.describe()}: nothing to import.")
        self._source, self._options, self.evidence = source, options, evidence
        self.error.hide()
        self._show(evidence)
        return True

    def _failed(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        return False

    def _show(self, evidence: Evidence) -> None:
        candidates = evidence.candidates
        duplicates = find_duplicates(candidates, self.debrief.timeline)
        matches = match_authors(
            ((c.author, c.person) for c in candidates), self.debrief.participants
        )
        self.authors.set_authors(candidates, matches, self.debrief.participants)
        self.model.set_candidates(candidates, duplicates, self._shown_zone, self._people(), matches)
        self._size_time_column()
        self.options.show_for(evidence, self._options)
        self.source_label.setText(evidence.describe())
        self.person.clear()
        self.person.addItem("Everyone", "")
        for author in sorted({c.author for c in candidates if c.author}, key=str.casefold):
            self.person.addItem(author, author)
        self.proxy.set_author("")
        self._update_preview()
        self.stack.setCurrentIndex(1)
        self.table.setFocus()

    def _size_time_column(self) -> None:
        widest = datetime(2026, 9, 30, 23, 59, 59).strftime(self.model.time_pattern)
        self.table.size_columns(f"↳ {widest}")

    def _people(self) -> list[str]:
        names = {*self.debrief.people, *(m.name for m in self.authors.matches().values() if m.name)}
        return sorted(names)

    # -- reacting ------------------------------------------------------------------------

    def _zone_changed(self) -> None:
        if self.evidence is None:
            return
        zone_name = self.options.zone_name()
        self._options = replace(self._options, zone=zone_name)
        rezone(self.evidence.candidates, zone_named(zone_name))
        duplicates = find_duplicates(self.evidence.candidates, self.debrief.timeline)
        self.model.set_times(self._shown_zone, duplicates)
        self._size_time_column()
        self.proxy.refresh()
        self._update_preview()

    def _update_preview(self) -> None:
        evidence = self.evidence
        naive = (
            next((c for c in evidence.candidates if c.wall is not None), None) if evidence else None
        )
        if naive is None or naive.wall is None:
            self.options.set_preview(
                "Every time in this source carries its own offset, so the zone does not move it."
            )
            return
        shown = naive.at.astimezone(self._shown_zone)
        utc = naive.at.astimezone(UTC)
        self.options.set_preview(
            f"“{naive.wall:%H:%M}” in the source is {naive.wall:%H:%M} {self.options.zone_name()}"
            f" = {utc:%H:%M} UTC, shown as {shown:%H:%M} on the timeline "
            f"({self.debrief.timezone or local_zone_id()})."
        )

    def _mapping_changed(self) -> None:
        self.model.set_authors(self.authors.matches(), self._people())
        self._update_counts()

    def choose_time_range(self) -> None:
        """Choose only the shown candidates between the first and last selected times."""
        rows = self.table.selected_rows()
        if not rows:
            return
        among = self.proxy.source_rows()
        inside = self.model.choice.time_range(
            min(rows, key=self._at), max(rows, key=self._at), among
        )
        self.model.choose_only(inside, among)

    def _at(self, row: int) -> datetime:
        return self.model.candidate(row).at

    def choose_author(self, author: str) -> None:
        """Choose everything ``author`` wrote, wherever it is in the list."""
        rows = self.model.choice.from_author(author, range(len(self.model.choice)))
        self.model.set_chosen(rows, True)

    def _choose_current_author(self) -> None:
        row = self.table.current_source_row()
        if row is not None and self.model.candidate(row).author:
            self.choose_author(self.model.candidate(row).author)

    def _update_buttons(self) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        self.range_button.setEnabled(selected > 1)
        row = self.table.current_source_row()
        author = self.model.candidate(row).author if row is not None else ""
        self.author_button.setEnabled(bool(author))
        short = author if len(author) <= 18 else author[:17] + "…"
        self.author_button.setText(f"Everything from {short}" if author else "Everything from…")
        self.author_button.setToolTip(
            f"Choose every candidate {author} wrote" if author else "Select a row first"
        )

    def _update_counts(self) -> None:
        """The choice changed: count it again (once per change, not per keystroke)."""
        choice = self.model.choice
        chosen = choice.count
        self.add_button.setText(
            f"Add {chosen:,} event{'' if chosen == 1 else 's'}" if chosen else "Add"
        )
        self.add_button.setEnabled(chosen > 0)
        writing = {c.author for c, on in zip(choice.candidates, choice.chosen, strict=True) if on}
        self._new_people = self.authors.new_people(writing)
        self._show_counts()
        self._update_buttons()

    def _show_counts(self) -> None:
        choice = self.model.choice
        if not len(choice):
            self.counts.setText("")
            return
        parts = [f"{choice.count:,} of {len(choice):,} chosen"]
        if self.proxy.active:
            parts.append(f"{self.proxy.rowCount():,} shown")
        if choice.duplicates:
            parts.append(f"{len(choice.duplicates):,} already on the timeline (≈)")
        if self._new_people:
            plural = "s" if len(self._new_people) > 1 else ""
            parts.append(f"new participant{plural}: {', '.join(self._new_people)}")
        self.counts.setText("   ·   ".join(parts))

    def _add(self) -> None:
        chosen = self.model.choice.result()
        if not chosen.candidates or self.evidence is None:
            return
        self.imported.emit(ImportRequest(chosen, self.authors.matches(), self.evidence.label))
        self.accept()

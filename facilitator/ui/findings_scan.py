"""Checking a whole debrief for the findings panel without stopping the meeting.

A 2,000-event timeline has 6,000 text fields; checking them all takes a good
fraction of a second, and the panel asks again after every pause in typing.
:class:`FindingsScan` remembers each field's findings by its text, so a new
scan checks only the fields that changed, and it works in slices of a few
milliseconds on the event loop, so even a full re-check (new participant
names, new rules) never holds the window still for longer than a frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.domain.model import Debrief
from facilitator.language.debrief_findings import FieldFinding, is_ignored, text_fields

#: Longest slice of checking between two turns of the event loop.
SLICE_SECONDS = 0.008


class FindingsScan(QObject):
    """Re-checks a debrief in slices; ``finished`` carries the open findings in field order.

    ``language`` is the window's LanguageSupport: its checker, participant names
    and ignored findings are read at the start of each scan.

    Signals:
        finished(object): the list of :class:`FieldFinding`.
    """

    finished = Signal(object)

    def __init__(
        self,
        language: Any,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._clock = clock
        self._memo: dict[tuple[str, str], list[Any]] = {}
        self._context: tuple[object, ...] = ()
        self._job: Iterator[None] | None = None
        self._result: list[FieldFinding] = []
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._step)

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, debrief: Debrief) -> None:
        """Begin (or restart) a scan of ``debrief``; the old one's work is not lost."""
        language = self._language
        context = (id(language.checker), tuple(language.people()))
        if context != self._context:
            # Other names or rules: every text has to be checked again.
            self._memo.clear()
            self._context = context
        self._job = self._scan(debrief, list(language.ignored()))
        self._step()

    def scan_now(self, debrief: Debrief) -> list[FieldFinding]:
        """Scan all at once (at export, where the answer is needed before going on)."""
        self.start(debrief)
        while self._job is not None:
            self._step(budget=None)
        return self._result

    def _scan(self, debrief: Debrief, ignored: list[Any]) -> Iterator[None]:
        checker = self._language.checker
        people = self._context[1]
        found: list[FieldFinding] = []
        seen: dict[tuple[str, str], list[Any]] = {}
        started = self._clock()
        for field, text in list(text_fields(debrief)):
            if not text:
                continue
            key = (field, text)
            raw = self._memo.get(key)
            if raw is None:
                raw = checker.check(text, people)
                self._memo[key] = raw
                if self._clock() - started > SLICE_SECONDS:
                    yield
                    started = self._clock()
            seen[key] = raw
            found.extend(FieldFinding(field, f) for f in raw if not is_ignored(field, f, ignored))
        # Only texts that still exist are remembered: old versions of edited fields go.
        self._memo = seen
        self._result = found

    def _step(self, budget: float | None = SLICE_SECONDS) -> None:
        job = self._job
        if job is None:
            return
        try:
            next(job)
        except StopIteration:
            self._job = None
            self.finished.emit(self._result)
            return
        if budget is not None:
            self._timer.start()

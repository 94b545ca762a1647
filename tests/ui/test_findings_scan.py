"""The findings scan: only changed texts are checked, in slices that keep the window live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from facilitator.domain.model import Debrief, IgnoredFinding, TimelineEvent
from facilitator.language import default_checker
from facilitator.ui.findings_scan import FindingsScan


class Language:
    """The part of LanguageSupport the scan reads, counting checks."""

    def __init__(self) -> None:
        self.real = default_checker()
        self.checked: list[str] = []
        self.checker = self
        self._people = ["Ada"]
        self._ignored: list[IgnoredFinding] = []

    def check(self, text: str, people):  # type: ignore[no-untyped-def]
        self.checked.append(text)
        return self.real.check(text, people)

    def people(self) -> list[str]:
        return list(self._people)

    def ignored(self) -> list[IgnoredFinding]:
        return list(self._ignored)


def _debrief(events: int) -> Debrief:
    start = datetime(2026, 3, 13, tzinfo=UTC)
    timeline = [
        TimelineEvent(start + timedelta(seconds=i), text=f"Step {i}: the pool filled up again.")
        for i in range(events)
    ]
    timeline[3].text = "Ada forgot the flag."
    return Debrief(title="Scan", timeline=timeline, summary="We should have caught it.")


def test_only_changed_texts_are_checked_again(qtbot: QtBot) -> None:
    language = Language()
    scan = FindingsScan(language)
    debrief = _debrief(50)
    first = scan.scan_now(debrief)
    assert {f.field for f in first} == {"summary", "timeline[3].text"}
    assert len(language.checked) == 51
    language.checked.clear()
    debrief.timeline[10].text = "Bob caused the outage."
    assert {f.field for f in scan.scan_now(debrief)} == {
        "summary",
        "timeline[3].text",
        "timeline[10].text",
    }
    assert language.checked == ["Bob caused the outage."]
    language._ignored = [IgnoredFinding(first[0].finding.rule)]  # ignores need no new check
    language.checked.clear()
    assert first[0].finding.rule not in {f.finding.rule for f in scan.scan_now(debrief)}
    assert language.checked == []
    language._people = ["Ada", "Bob"]  # new names: everything again
    scan.scan_now(debrief)
    assert len(language.checked) == 51


def test_a_long_scan_runs_in_slices_and_reports_once(qtbot: QtBot) -> None:
    language = Language()
    scan = FindingsScan(language)
    debrief = _debrief(3000)
    results: list[object] = []
    scan.finished.connect(results.append)
    scan.start(debrief)
    assert scan.running and results == []  # the window got control back before the end
    qtbot.waitUntil(lambda: not scan.running, timeout=20_000)
    assert len(results) == 1 and len(results[0]) == 2  # type: ignore[arg-type]

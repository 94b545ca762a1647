"""The checkpoint's calendar file, parsed back with the icalendar library."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from facilitator.domain.model import ActionItem, ActionStatus, Participant, Priority
from facilitator.followup.calendar import (
    CalendarError,
    checkpoint_calendar,
    escape_text,
    event_uid,
    fold,
)

from support.samples import sample_debrief

NOW = datetime(2026, 3, 20, 9, 30, tzinfo=UTC)


def _debrief():  # type: ignore[no-untyped-def]
    debrief = sample_debrief()
    debrief.participants.append(Participant("Lin Wu <lin.wu@example.com>", "Manager"))
    debrief.participants.append(Participant("Sam; “the, pager”", "sam@example.com"))
    debrief.facilitator = "Maya Chen <maya@example.com>"
    debrief.action_items.append(
        ActionItem("Écrire le runbook, étape par étape — avec des accents", due=date(2026, 4, 2),
                   priority=Priority.P4)
    )  # fmt: skip
    debrief.action_items.append(
        ActionItem("Done already", due=date(2026, 3, 1), status=ActionStatus.DONE)
    )
    debrief.action_items.append(ActionItem("No date", priority=Priority.P3))
    debrief.revision = 7
    return debrief


def _parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def test_the_file_uses_crlf_and_folds_long_lines() -> None:
    text = checkpoint_calendar(_debrief(), now=NOW)
    raw = text.encode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert "\r\n " in text  # the description is long enough to fold


def test_event_round_trips_every_field() -> None:
    debrief = _debrief()
    cal = _parse(checkpoint_calendar(debrief, now=NOW))
    assert cal["VERSION"] == "2.0" and cal["METHOD"] == "PUBLISH"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == event_uid(debrief.id)
    assert event.decoded("DTSTAMP") == NOW
    # 30 March 2026 at the meeting's time of day (10:00 Berlin, CEST = UTC+2).
    assert event.decoded("DTSTART") == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)
    assert str(event["SUMMARY"]) == "Checkpoint: Checkout errors after payment gateway deploy"
    assert int(event["SEQUENCE"]) == 7
    description = str(event["DESCRIPTION"])
    assert "Open action items (4):" in description
    assert "- Validate pool limits in CI (P1, Ada Okafor, due 27 Mar 2026)" in description
    assert "Done already" not in description
    assert "Starts 10:00 in Europe/Berlin." in description
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:lin.wu@example.com", "mailto:sam@example.com"]
    assert [a.params["CN"] for a in attendees] == ["Lin Wu", "Sam; “the, pager”"]
    assert str(event["ORGANIZER"]) == "mailto:maya@example.com"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_each_dated_open_item_is_a_todo() -> None:
    debrief = _debrief()
    cal = _parse(checkpoint_calendar(debrief, now=NOW))
    todos = {str(t["SUMMARY"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {
        "Validate pool limits in CI",
        "Saturation alert on payment pool",
        "Écrire le runbook, étape par étape — avec des accents",
    }
    first = todos["Validate pool limits in CI"]
    assert first.decoded("DUE") == date(2026, 3, 27)
    assert str(first["STATUS"]) == "NEEDS-ACTION" and int(first["PRIORITY"]) == 1
    assert str(first["RELATED-TO"]) == event_uid(debrief.id)
    assert "Ticket: https://tracker.example.com/OPS-101" in str(first["DESCRIPTION"])
    second = todos["Saturation alert on payment pool"]
    assert str(second["STATUS"]) == "IN-PROCESS" and int(second["PRIORITY"]) == 3
    assert int(todos["Écrire le runbook, étape par étape — avec des accents"]["PRIORITY"]) == 9
    uids = [str(t["UID"]) for t in cal.walk("VTODO")]
    assert len(set(uids)) == 3


def test_re_export_keeps_the_uids() -> None:
    debrief = _debrief()
    first = _parse(checkpoint_calendar(debrief, now=NOW))
    debrief.checkpoint_at = date(2026, 4, 13)
    debrief.revision += 1
    second = _parse(checkpoint_calendar(debrief, now=NOW + timedelta(days=1)))
    uids = [sorted(str(c["UID"]) for c in cal.walk() if "UID" in c) for cal in (first, second)]
    assert uids[0] == uids[1]
    assert int(second.walk("VEVENT")[0]["SEQUENCE"]) == 8


def test_escaping_and_folding_rules() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "é" * 80)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
        part.encode().decode("utf-8")  # never split inside a character


def test_without_a_zone_or_meeting_the_checkpoint_is_at_ten_local() -> None:
    debrief = replace(_debrief(), timezone="", meeting_at=None)
    cal = _parse(checkpoint_calendar(debrief, now=NOW))
    assert cal.walk("VEVENT")[0].decoded("DTSTART") == datetime(2026, 3, 30, 10, 0, tzinfo=UTC)


def test_a_debrief_without_a_checkpoint_date_is_refused() -> None:
    debrief = replace(_debrief(), checkpoint_at=None)
    with pytest.raises(CalendarError, match="no checkpoint date"):
        checkpoint_calendar(debrief, now=NOW)

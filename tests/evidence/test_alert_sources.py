"""PagerDuty log entries and incidents, Opsgenie alert logs and CSV with chosen columns."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.domain.model import EventKind
from facilitator.evidence import EvidenceError, ReadOptions, read_path, read_text

LOG_ENTRIES = {
    "log_entries": [
        {
            "id": "R1", "type": "trigger_log_entry", "created_at": "2026-03-13T22:31:00Z",
            "summary": "Triggered through the API.",
            "agent": {"type": "service_reference", "summary": "Checkout API"},
            "channel": {"type": "api", "summary": "CheckoutErrorRatio above 5%"},
        },
        {
            "id": "R2", "type": "notify_log_entry", "created_at": "2026-03-13T22:31:30Z",
            "summary": "Notified Ada Okafor by phone.", "agent": {"type": "service_reference"},
        },
        {
            "id": "R3", "type": "acknowledge_log_entry", "created_at": "2026-03-13T22:33:00Z",
            "summary": "Acknowledged by Ada Okafor.",
            "agent": {"type": "user_reference", "summary": "Ada Okafor"},
        },
        {
            "id": "R4", "type": "annotate_log_entry", "created_at": "2026-03-13T22:50:00Z",
            "summary": "Note added", "agent": {"type": "user_reference", "summary": "Ravi Patel"},
            "channel": {"type": "note", "summary": "Rolled back gateway config to v41"},
        },
        {
            "id": "R5", "type": "resolve_log_entry", "created_at": "2026-03-13T22:56:00Z",
            "summary": "Resolved by Ada Okafor.",
            "agent": {"type": "user_reference", "summary": "Ada Okafor"},
        },
    ],
    "limit": 25, "offset": 0, "more": False,
}  # fmt: skip
INCIDENT = {
    "incident": {
        "id": "PT4KHLK", "type": "incident", "incident_number": 1234,
        "title": "Checkout errors", "status": "resolved", "created_at": "2026-03-13T22:31:00Z",
        "acknowledgements": [
            {"at": "2026-03-13T22:33:00Z", "acknowledger": {"summary": "Ada Okafor"}},
        ],
        "last_status_change_at": "2026-03-13T22:56:00Z",
        "last_status_change_by": {"type": "user_reference", "summary": "Ada Okafor"},
    }
}  # fmt: skip


def write(tmp_path: Path, name: str, value: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_pagerduty_log_entries_give_kinds_authors_and_provenance(tmp_path: Path) -> None:
    evidence = read_path(write(tmp_path, "pd-log.json", LOG_ENTRIES), ReadOptions())
    assert evidence.kind == "pagerduty"
    found = evidence.candidates
    assert [c.kind for c in found] == [
        EventKind.DETECTION, EventKind.ESCALATION, EventKind.ESCALATION, EventKind.MITIGATION,
        EventKind.RESOLUTION,
    ]  # fmt: skip
    assert found[0].text == "Triggered: CheckoutErrorRatio above 5%"
    assert (found[0].author, found[0].person) == ("Checkout API", False)
    assert (found[2].author, found[2].person) == ("Ada Okafor", True)
    assert found[3].text == "Rolled back gateway config to v41"
    assert found[4].source == "pagerduty:pd-log.json#R5"


def test_pagerduty_incident_alone_and_with_its_log(tmp_path: Path) -> None:
    alone = read_path(write(tmp_path, "incident.json", INCIDENT), ReadOptions()).candidates
    assert [(c.kind, c.text) for c in alone] == [
        (EventKind.DETECTION, "Incident #1234 triggered: Checkout errors"),
        (EventKind.ESCALATION, "Acknowledged by Ada Okafor"),
        (EventKind.RESOLUTION, "Resolved by Ada Okafor"),
    ]
    assert alone[0].source == "pagerduty:incident.json#PT4KHLK/triggered"
    both = read_path(write(tmp_path, "both.json", {**INCIDENT, **LOG_ENTRIES}), ReadOptions())
    # The incident's moments are already in its log: they are not listed twice.
    assert len(both.candidates) == len(LOG_ENTRIES["log_entries"])  # type: ignore[arg-type]


def test_opsgenie_alert_logs(tmp_path: Path) -> None:
    logs = {
        "data": [
            {"log": "Alert created via API", "type": "system", "owner": "System",
             "createdAt": "2026-03-13T22:31:00.154Z", "offset": "1773441060154_1"},
            {"log": "Alert acknowledged via web", "type": "system",
             "owner": "ada.okafor@example.com", "createdAt": "2026-03-13T22:33:00Z",
             "offset": "1773441180000_2"},
            {"log": "rolled back config, errors dropping", "type": "note", "owner": "ravi",
             "createdAt": "2026-03-13T22:50:00Z", "offset": "1773442200000_3"},
            {"log": "Alert closed by ada.okafor@example.com", "type": "system",
             "owner": "ada.okafor@example.com", "createdAt": 1773442560000},
        ],
        "took": 0.01, "requestId": "x",
    }  # fmt: skip
    found = read_path(write(tmp_path, "og.json", logs), ReadOptions()).candidates
    assert [c.kind for c in found] == [
        EventKind.DETECTION, EventKind.ESCALATION, EventKind.MITIGATION, EventKind.RESOLUTION,
    ]  # fmt: skip
    assert not found[0].person and found[1].person
    assert found[1].source == "opsgenie:og.json#1773441180000_2"
    assert found[3].source == "opsgenie:og.json#log4"
    assert found[3].at == datetime(2026, 3, 13, 22, 56, tzinfo=UTC)


def test_csv_with_chosen_columns_and_naive_times_in_the_chosen_zone(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "When;Who;What happened;Type\n"
        "13/03/2026 23:31;Ada Okafor;Checkout alert fired;detection\n"
        '14/03/2026 00:20;Ravi Patel;"Config v41 restored;\n errors falling";mitigation\n'
        ";;;\n",
        encoding="utf-8",
    )
    options = ReadOptions(
        zone="Europe/Berlin", time_column="When", text_column="3", author_column="who",
        kind_column="Type",
    )  # fmt: skip
    evidence = read_path(path, options)
    found = evidence.candidates
    assert evidence.chosen_columns == {
        "time": "When", "text": "What happened", "author": "Who", "kind": "Type",
    }  # fmt: skip
    assert found[0].at == datetime(2026, 3, 13, 22, 31, tzinfo=UTC)
    assert found[0].wall == datetime(2026, 3, 13, 23, 31)
    assert found[1].text == "Config v41 restored;\n errors falling"
    assert [c.kind for c in found] == [EventKind.DETECTION, EventKind.MITIGATION]
    assert found[1].source == "csv:events.csv#row3"


def test_csv_guesses_columns_and_reads_month_first_dates_when_the_column_says_so() -> None:
    text = "Timestamp,Message\n03/13/2026 7:31 PM,alert firing\n03/14/2026 1:00 AM,resolved\n"
    evidence = read_text(text, ReadOptions(zone="UTC"), kind="csv")
    assert evidence.chosen_columns == {"time": "Timestamp", "text": "Message"}
    assert [c.at.date() for c in evidence.candidates] == [date(2026, 3, 13), date(2026, 3, 14)]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("a,b\n1,2\n", ReadOptions(), "no column looks like the event's time"),
        ("Time,Text\nsoon,hello\n", ReadOptions(), "row 2: “soon” in column “Time”"),
        ("Time,Text\n19:00,x\n", ReadOptions(text_column="Body"), "no column “Body”"),
        ("Time,Text\n19:00,x\n", ReadOptions(text_column="7"), "there is no column 7"),
        ("Time,Text\n", ReadOptions(), "at least one event row"),
    ],
)
def test_csv_problems_are_named(text: str, options: ReadOptions, message: str) -> None:
    with pytest.raises(EvidenceError, match=message):
        read_text(text, options, kind="csv")


def test_csv_time_only_values_take_the_incident_day() -> None:
    options = ReadOptions(zone="UTC", day=date(2026, 3, 13))
    found = read_text("time,text\n19:04,alert\n", options, kind="csv").candidates
    assert found[0].at == datetime(2026, 3, 13, 19, 4, tzinfo=UTC)
    assert found[0].at - timedelta(0) == found[0].at

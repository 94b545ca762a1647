"""The format-neutral section model: times, zones, links, which sections appear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from facilitator.domain.model import Debrief, TimelineEvent
from facilitator.export.blocks import Table
from facilitator.export.sections import build_sections, build_title, safe_url, ticket_label
from facilitator.export.timefmt import Clock

IST = timezone(timedelta(hours=5, minutes=30))


def _timeline_table(debrief: Debrief) -> Table:
    section = next(s for s in build_sections(debrief) if s.key == "timeline")
    return next(b for b in section.blocks if isinstance(b, Table))


def test_one_day_shows_times_only() -> None:
    debrief = Debrief(timezone="Europe/London")
    debrief.timeline = [
        TimelineEvent(datetime(2025, 7, 1, 9, 5, tzinfo=UTC), text="a"),
        TimelineEvent(datetime(2025, 7, 1, 9, 50, 30, tzinfo=UTC), text="b"),
    ]
    rows = _timeline_table(debrief).rows
    assert [r[0].text for r in rows] == ["10:05:00", "10:50:30"]


def test_empty_zone_uses_the_stored_offset() -> None:
    clock = Clock("", [datetime(2025, 7, 1, 9, 5, tzinfo=IST)])
    assert clock.time(datetime(2025, 7, 1, 9, 5, tzinfo=IST)) == "09:05"
    assert clock.zone_sentence() == "Times are in UTC+05:30, as recorded."


def test_unknown_zone_does_not_stop_the_export() -> None:
    clock = Clock("Mars/Olympus_Mons", [datetime(2025, 7, 1, 9, 5, tzinfo=UTC)])
    assert clock.time(datetime(2025, 7, 1, 9, 5, tzinfo=UTC)) == "09:05"
    assert clock.zone_sentence() == "Times are in UTC, as recorded."


def test_mixed_offsets_without_a_zone_are_shown_per_line() -> None:
    moments = [datetime(2025, 7, 1, 9, 5, tzinfo=UTC), datetime(2025, 7, 1, 15, 0, tzinfo=IST)]
    clock = Clock("", moments)
    assert [clock.time(m) for m in moments] == ["09:05 UTC", "15:00 UTC+05:30"]
    assert "offset each one was recorded in" in clock.zone_sentence()


def test_daylight_saving_change_names_both_abbreviations() -> None:
    moments = [datetime(2025, 3, 30, 0, 30, tzinfo=UTC), datetime(2025, 3, 30, 1, 30, tzinfo=UTC)]
    clock = Clock("Europe/Berlin", moments)
    assert [clock.time(m) for m in moments] == ["01:30", "03:30"]
    assert clock.zone_label() == "CEST/CET"


def test_title_block_facts() -> None:
    debrief = Debrief(
        title="  ",
        started_at=datetime(2025, 7, 1, 9, 5, tzinfo=UTC),
        resolved_at=datetime(2025, 7, 1, 10, 20, tzinfo=UTC),
    )
    title = build_title(debrief)
    assert title.title == "Untitled debrief"
    facts = {label: value.text for label, value in title.facts.rows}
    assert facts == {
        "When": "Tuesday 1 July 2025, 09:05 – 10:20 UTC",
        "Duration": "1 h 15 min",
        "Status": "Draft",
    }


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://jira.example.com/browse/OPS-1", "https://jira.example.com/browse/OPS-1"),
        ("mailto:oncall@example.com", "mailto:oncall@example.com"),
        ("OPS-1", ""),
        ("javascript:alert(1)", ""),
        ("file:///etc/passwd", ""),
        ("https://", ""),
        ("https://example.com/a b", "https://example.com/a%20b"),
        (
            "https://wiki.example.com/Post <mortem>|x",
            "https://wiki.example.com/Post%20%3Cmortem%3E%7Cx",
        ),
        ("https://exa mple.com/a", ""),
        ("https://example.com/a\nb", ""),
    ],
)
def test_only_web_and_mail_links_go_live(text: str, url: str) -> None:
    assert safe_url(text) == url


@pytest.mark.parametrize(
    ("ticket", "label"),
    [
        ("https://jira.example.com/browse/OPS-17", "OPS-17"),
        ("https://github.com/acme/payments/issues/42", "payments#42"),
        ("https://example.com/wiki/page", "https://example.com/wiki/page"),
        ("OPS-9", "OPS-9"),
    ],
)
def test_ticket_labels_are_short(ticket: str, label: str) -> None:
    assert ticket_label(ticket) == label

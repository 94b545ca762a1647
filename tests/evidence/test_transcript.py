"""Chat transcripts in the layouts people paste: shapes, dates, midnight, offsets, bad layouts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from facilitator.domain.model import EventKind
from facilitator.evidence import EvidenceError, ReadOptions, read_text, rezone
from facilitator.evidence.times import zone_named

DAY = date(2026, 3, 13)
BERLIN = ReadOptions(zone="Europe/Berlin", day=DAY)


def read(text: str, options: ReadOptions = BERLIN):  # type: ignore[no-untyped-def]
    return read_text(text, options).candidates


def test_bracket_lines_roll_past_midnight_and_keep_continuation_lines() -> None:
    found = read(
        "[23:58] ada: the error ratio alert is firing\n"
        "[23:59] ravi: paging payments\n"
        "  they are on it\n"
        "[00:04] ada: rolled back to v41\n"
        "[00:10] <ravi> all clear, resolved\n"
    )
    assert [c.author for c in found] == ["ada", "ravi", "ada", "ravi"]
    assert found[1].text == "paging payments\nthey are on it"
    assert [c.at.date() for c in found] == [DAY, DAY, DAY + timedelta(1), DAY + timedelta(1)]
    assert found[0].at == datetime(2026, 3, 13, 22, 58, tzinfo=UTC)  # 23:58 in Berlin (CET)
    assert [c.kind for c in found] == [
        EventKind.DETECTION, EventKind.ESCALATION, EventKind.MITIGATION, EventKind.RESOLUTION,
    ]  # fmt: skip
    assert [c.source for c in found] == ["chat:pasted#L1", "chat:pasted#L2", "chat:pasted#L4",
                                         "chat:pasted#L5"]  # fmt: skip


def test_a_line_slightly_out_of_order_does_not_roll_the_day() -> None:
    found = read("[19:04] ada: one\n[18:59] ravi: two, pasted late\n")
    assert found[1].at.date() == DAY


def test_irc_lines_and_plain_time_with_colon() -> None:
    found = read("19:04 <ada> restarting the pods\n19:05 ravi: thanks\n")
    pairs = [(c.author, c.text) for c in found]
    assert pairs == [("ada", "restarting the pods"), ("ravi", "thanks")]


def test_slacks_copied_form_with_names_times_and_grouped_messages() -> None:
    text = (
        "Friday, March 13th\n"
        "Ada Okafor  11:58 PM\n"
        "the checkout error ratio alert is firing\n"
        "looking now\n"
        "11:59 PM\n"
        "paging Ravi\n"
        ":eyes: 2\n"
        "Ravi Patel  12:04 AM\n"
        "rolled back the gateway config (edited)\n"
        "2 replies\n"
        "PagerDuty APP  12:05 AM\n"
        "Resolved by Ravi Patel\n"
    )
    found = read(text, ReadOptions(zone="Europe/Berlin", day=date(2026, 1, 1)))
    assert [(c.author, c.text) for c in found] == [
        ("Ada Okafor", "the checkout error ratio alert is firing\nlooking now"),
        ("Ada Okafor", "paging Ravi"),
        ("Ravi Patel", "rolled back the gateway config"),
        ("PagerDuty", "Resolved by Ravi Patel"),
    ]
    # The divider names the day (in the incident's year); 12:04 AM rolled past midnight.
    assert found[0].wall == datetime(2026, 3, 13, 23, 58)
    assert found[2].wall == datetime(2026, 3, 14, 0, 4)


def test_twelve_hour_header_without_a_divider_takes_the_incident_day() -> None:
    found = read("Ada Okafor 7:04 PM\nthe pool is at 2 connections\n")
    assert found[0].wall == datetime(2026, 3, 13, 19, 4)


def test_a_sentence_ending_in_a_time_is_not_a_name_line() -> None:
    found = read("Ada Okafor  7:04 PM\nthe deploy went out at 7:01 PM\n")
    assert len(found) == 1 and found[0].text == "the deploy went out at 7:01 PM"


def test_iso_times_keep_their_offset_and_ignore_the_zone() -> None:
    found = read(
        "2026-03-13T22:58:10Z ada: alert firing on checkout\n"
        "2026-03-13 23:59:00+01:00 <ravi> paging\n"
        "2026-03-14 00:04 ada: rolled back\n"
    )
    assert found[0].at == datetime(2026, 3, 13, 22, 58, 10, tzinfo=UTC) and found[0].wall is None
    assert found[1].at == datetime(2026, 3, 13, 23, 59, tzinfo=timezone(timedelta(hours=1)))
    # Without an offset the time is read in the chosen zone and can be moved to another.
    assert found[2].wall == datetime(2026, 3, 14, 0, 4)
    rezone(found, zone_named("America/New_York"))
    assert found[2].at.utcoffset() == timedelta(hours=-4)  # EDT from 8 March 2026
    assert found[0].at == datetime(2026, 3, 13, 22, 58, 10, tzinfo=UTC)


def test_dated_bracket_lines_set_the_day() -> None:
    found = read("[2026-03-20 09:00] ada: next morning check\n[09:05] ada: still fine\n")
    assert [c.at.date() for c in found] == [date(2026, 3, 20), date(2026, 3, 20)]


def test_unknown_layout_names_the_first_line_it_could_not_read() -> None:
    with pytest.raises(EvidenceError) as error:
        read("\n\nDear team, here is what happened\n[19:04] ada: hi\n")
    message = str(error.value)
    assert "line 3" in message and "“Dear team, here is what happened”" in message
    assert "\n" not in message


def test_empty_paste_is_refused() -> None:
    with pytest.raises(EvidenceError, match="no chat messages"):
        read("\n  \n")


def test_times_out_of_range_are_not_messages() -> None:
    with pytest.raises(EvidenceError, match="line 1"):
        read("[25:99] ada: nope\n")


def test_since_and_until_keep_only_the_range() -> None:
    since = datetime(2026, 3, 13, 22, 59, tzinfo=UTC)
    options = ReadOptions(zone="Europe/Berlin", day=DAY, since=since)
    found = read("[23:58] ada: before\n[00:04] ada: after\n", options)
    assert [c.text for c in found] == ["after"]

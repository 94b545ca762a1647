"""The query language: words, phrases, exclusions, filters, and hints for bad queries."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.taxonomy import default_taxonomy, merge_taxonomy
from facilitator.library.query import (
    Filter,
    QueryError,
    Term,
    TextClause,
    parse_day,
    parse_query,
)


def test_words_phrases_prefixes_and_exclusions() -> None:
    q = parse_query('payments "connection pool" deploy* -flaky -"load test"')
    assert q.clauses == (
        TextClause((Term("payments"),)),
        TextClause((Term("connection pool", phrase=True),)),
        TextClause((Term("deploy", prefix=True),)),
        TextClause((Term("flaky"),), negated=True),
        TextClause((Term("load test", phrase=True),), negated=True),
    )
    assert [t.text for t in q.positive_terms] == ["payments", "connection pool", "deploy"]


def test_or_joins_alternatives() -> None:
    q = parse_query("rollback OR revert OR undo timeout")
    assert q.clauses == (
        TextClause((Term("rollback"), Term("revert"), Term("undo"))),
        TextClause((Term("timeout"),)),
    )


def test_filters_are_normalised() -> None:
    q = parse_query(
        'severity:Sev-2 service:"Payments API" cause:"configuration change" tag:Config '
        "owner:ada status:Published after:2026-07 before:2026-Q4 -tag:flaky"
    )
    assert q.clauses == ()
    assert q.filters == (
        Filter("severity", "SEV2"),
        Filter("service", "paymentsapi"),
        Filter("cause", "configuration change"),
        Filter("tag", "config"),
        Filter("owner", "ada"),
        Filter("status", "published"),
        Filter("after", "2026-07-01"),
        Filter("before", "2026-10-01"),
        Filter("tag", "flaky", negated=True),
    )
    assert parse_query("status:in-meeting").filters == (Filter("status", "in_meeting"),)
    assert parse_query("sev:s1 since:2026").filters == (
        Filter("severity", "SEV1"),
        Filter("after", "2026-01-01"),
    )


def test_severity_follows_the_team_scale() -> None:
    team = merge_taxonomy(default_taxonomy(), "[[severity]]\nname='P1'\nmeaning='m'\n", "team.toml")
    assert parse_query("severity:p1", team).filters == (Filter("severity", "P1"),)
    with pytest.raises(QueryError, match='use severity: with "P1"'):
        parse_query("severity:SEV2", team)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ('"unclosed phrase', 'add a closing "'),
        ("colour:red", "“colour:” is not a filter. Filters are severity:"),
        ("severity:", "needs a value, for example severity:SEV2"),
        ("severity:SEV9", 'use severity: with "SEV1", "SEV2", "SEV3" or "SEV4"'),
        ("status:done", "status:draft, status:in_meeting or status:published"),
        ("after:yesterday", "write after:2026-07-01"),
        ("before:2026-02-30", "write before:2026-07-01"),
        ("OR timeout", "“OR” goes between two words"),
        ("timeout OR", "ends with “OR”"),
        ("a OR tag:x", "joins words, not filters"),
        ("x" * 3000, "keep it under 2,000"),
        (" ".join(f"w{i}" for i in range(40)), "more than 32 parts"),
    ],
)
def test_malformed_queries_get_a_hint(text: str, hint: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert hint in str(caught.value)


def test_urls_and_punctuation_are_text_not_filters() -> None:
    q = parse_query("https://status.example.com/incidents & --")
    assert q.clauses == (TextClause((Term("https://status.example.com/incidents"),)),)
    assert parse_query("   ").is_empty
    assert parse_query('"colour:red"').clauses == (TextClause((Term("colour:red", phrase=True),)),)


def test_periods() -> None:
    assert parse_day("2026-11") == date(2026, 11, 1)
    assert parse_day("2026-11", end=True) == date(2026, 12, 1)
    assert parse_day("2026-12", end=True) == date(2027, 1, 1)
    assert parse_day("2026-Q4", end=True) == date(2027, 1, 1)
    assert parse_day("2026-07-31", end=True) == date(2026, 8, 1)
    assert parse_day("2026", end=True) == date(2027, 1, 1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_gives_a_hint(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as exc:
        assert str(exc) and "Traceback" not in str(exc)

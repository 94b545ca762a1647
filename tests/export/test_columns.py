"""Sharing a table's width so that no word breaks, and the defaults for language and paper."""

from __future__ import annotations

import pytest

from facilitator.export.columns import NOWRAP_CAP, Column, fit_widths
from facilitator.export.locale_defaults import normalise_language, paper_for, system_language
from facilitator.export.measure import longest_word, text_width


def test_nowrap_columns_get_their_line_and_the_rest_is_shared_by_weight() -> None:
    widths = fit_widths(
        500,
        [Column(60, 40, nowrap=True), Column(300, 50, weight=3), Column(200, 50, weight=1)],
    )
    assert widths[0] == pytest.approx(60)
    assert widths[1] == pytest.approx(330) and widths[2] == pytest.approx(110)
    assert sum(widths) == pytest.approx(500)


def test_a_flexible_column_never_gets_less_than_its_longest_word() -> None:
    widths = fit_widths(300, [Column(400, 120, weight=1), Column(400, 20, weight=9)])
    assert widths[0] == pytest.approx(120)
    assert sum(widths) == pytest.approx(300)


def test_when_too_narrow_nowrap_columns_give_way_to_their_longest_word_first() -> None:
    columns = [Column(200, 60, nowrap=True), Column(200, 60, nowrap=True), Column(50, 100)]
    widths = fit_widths(300, columns)
    assert widths[2] == pytest.approx(100)
    assert all(w >= 60 - 1e-6 for w in widths[:2])
    assert sum(widths) == pytest.approx(300)


def test_a_very_long_value_does_not_take_the_whole_table() -> None:
    widths = fit_widths(500, [Column(2000, 100, nowrap=True), Column(100, 50)])
    assert widths[0] <= 500 * NOWRAP_CAP + 1e-6


def test_calibri_widths() -> None:
    assert text_width("0", 10) == pytest.approx(5.07, abs=0.01)
    assert text_width("Escalation", 10, bold=True) > text_width("Escalation", 10)
    assert longest_word("In progress", 10) == pytest.approx(text_width("progress", 10))
    assert text_width("漢字", 10) == pytest.approx(20)
    assert text_width("e\u0301", 10) == pytest.approx(text_width("e", 10))


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("de_DE.UTF-8", "de-DE"),
        ("pt_br", "pt-BR"),
        ("en-gb", "en-GB"),
        ("zh_Hant_TW", "zh-Hant-TW"),
        ("sr_RS@latin", "sr-RS"),
        ("C", ""),
        ("POSIX", ""),
        ("", ""),
        ("not a tag!", ""),
    ],
)
def test_normalise_language(value: str, tag: str) -> None:
    assert normalise_language(value) == tag


def test_system_language_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "fr_CA.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert system_language() == "fr-CA"
    monkeypatch.setenv("LC_MESSAGES", "C")
    assert system_language() == "de-DE"


@pytest.mark.parametrize(
    ("tag", "paper"),
    [("en-US", "letter"), ("en-CA", "letter"), ("en-GB", "a4"), ("de", "a4"), ("es-MX", "letter")],
)
def test_paper_follows_the_region(tag: str, paper: str) -> None:
    assert paper_for(tag) == paper

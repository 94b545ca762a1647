"""The word-start loop in the reading of a sentence finds what the regex it replaced found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.language.reading import _WORD_START, _word_starts_before

# Word characters, the ones the rule treats specially, and non-ASCII letters, digits
# and marks where \w and str.isalnum could part ways if either were misread.
ALPHABET = "ab Z09_@'-.,(\u00e9\u00df\u03a9\u0663\u00b2\u0301\u2019\u2014\t\n"


def _by_regex(text: str, low: int, at: int, count: int) -> list[int]:
    starts = [m.start() for m in _WORD_START.finditer(text, low, at)]
    return starts[-count:]


@settings(max_examples=3000, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.data())
def test_the_loop_finds_the_regex_word_starts(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    low = data.draw(st.integers(0, at))
    count = data.draw(st.integers(1, 5))
    assert _word_starts_before(text, low, at, count) == _by_regex(text, low, at, count)


def test_examples() -> None:
    text = "Yesterday @mo's re-run (of the job) broke"
    at = text.index("broke")
    assert _word_starts_before(text, 0, at, 3) == [text.index(w) for w in ("of", "the", "job")]
    assert _word_starts_before(text, 0, at, 20) == _by_regex(text, 0, at, 20)
    assert _word_starts_before(text, at, at, 2) == []

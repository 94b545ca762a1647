"""Hostile variations of a valid debrief document, for fuzzing import and every export.

:func:`mutated_documents` is a hypothesis strategy: it takes a valid document
and changes it the ways files go wrong or are made to go wrong: values of the
wrong type or out of range, extreme dates and offsets, huge numbers, NaN,
control and bidi characters, missing and duplicated names, nested junk.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from facilitator.domain.interchange import dumps

from support.samples import sample_debrief

_DATES = [
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "1900-01-01T00:00:00+00:00",
    "2026-03-14T00:09:00+23:59",
    "2026-03-14T00:09:00+05:30:15.5",
    "2026-02-30T10:00:00Z",
    "2026-03-14",
    "9999-12-31",
    "0000-01-01",
    "24:00",
]
_STRINGS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x1bb",
            "\ud800",
            "\u202eevil\u202c",
            "SEV-2",
            "sev 9",
            "P1",
            "in_meeting",
            "wont_do",
            "Europe/Berlin",
            "Mars/Base",
            "../../etc/passwd",
            '=HYPERLINK("http://x")',
            "x" * 2000,
        ]
    ),
    st.sampled_from(_DATES),
)
_NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20),
    st.sampled_from([10**400, -1, 0, 1, 1e308, -1e308, float("inf"), float("nan"), 525_601]),
    st.floats(allow_nan=True, allow_infinity=True),
)
_SCALARS = st.one_of(st.none(), st.booleans(), _NUMBERS, _STRINGS)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


_VALID_MOMENTS = st.sampled_from(
    [
        "9999-12-31T09:59:59+14:00",
        "1900-01-01T14:00:00-14:00",
        "2026-03-14T00:09:00+05:45",
        "2026-03-14T00:09:00.999999Z",
        "1970-01-01T00:00:00+00:00",
    ]
)
_PRINTABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60
) | st.sampled_from(["\u202eevil\u202c", "👩🏽‍💻 🚒", "שלום עולם", "tab\there\nnew line", " "])


def _plausible(current: Any) -> st.SearchStrategy[Any]:
    """A value of the same kind as ``current`` that a valid document may hold, at its edges."""
    if isinstance(current, bool):
        return st.booleans()
    if isinstance(current, int | float):
        return st.integers(0, 525_600) | st.floats(0, 525_600)
    if isinstance(current, str) and len(current) >= 20 and current[4:5] == "-" and "T" in current:
        return _VALID_MOMENTS
    if isinstance(current, str):
        return _PRINTABLE
    if isinstance(current, list):
        return st.just(current * 3)  # repeated items: duplicate ids are refused, texts are fine
    return st.just(current)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


def _delete(doc: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return doc
    target = doc
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    """A document text derived from the sample by one to four hostile changes."""
    doc = json.loads(dumps(sample_debrief()))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(doc)[1:] or [()]  # the root itself is replaced only when nothing is left
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["plausible"] * 5 + ["set", "set", "delete", "wrap"]))
        if action == "plausible":
            current = doc
            for step in path:
                current = current[step]
            doc = _set(doc, path, draw(_plausible(current)))
        elif action == "set":
            doc = _set(doc, path, draw(_VALUES))
        elif action == "delete":
            doc = _delete(doc, path)
        else:
            doc = _set(doc, path, [draw(_VALUES)])
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), allow_nan=True)
    if draw(st.sampled_from([False] * 7 + [True])) and text.startswith("{") and len(text) > 2:
        # A name given twice: json.dumps cannot write it, so splice it into the text.
        name = draw(st.sampled_from(["id", "title", "version", "timeline", "severity"]))
        text = "{" + json.dumps(name) + ": " + json.dumps(draw(_SCALARS)) + ", " + text[1:]
    return text

"""The checker gives exactly the recorded findings on every labelled and benchmark text.

See :mod:`tests.language.recorded` for the inputs and how to record again after a change
that is meant to change findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.recorded import digest, groups, load, run

RECORDED = load()
HOW = "re-record with .venv/bin/python tests/language/recorded.py once that is intended"


def test_every_group_is_recorded() -> None:
    assert sorted(groups(Path("unused"))) == sorted(RECORDED), HOW


@pytest.mark.parametrize(
    "name",
    sorted(RECORDED, key=lambda n: (n.startswith("alone:"), n)),
)
def test_findings_are_the_recorded_ones(name: str, tmp_path: Path) -> None:
    maker, inputs = groups(tmp_path)[name]
    cases = inputs()
    recorded = RECORDED[name]
    assert digest(cases) == recorded["inputs"], f"the inputs of {name!r} changed: {HOW}"
    found = run(maker, cases)
    expected = recorded["findings"]
    differing = [
        case for case in sorted(set(found) | set(expected)) if found.get(case) != expected.get(case)
    ]
    assert not differing, (
        f"{len(differing)} of {len(cases)} inputs give other findings, first {differing[0]!r}: "
        f"now {found.get(differing[0])}, recorded {expected.get(differing[0])}"
    )

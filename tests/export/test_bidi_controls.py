"""Bidirectional override characters cannot make a published text read differently.

Documents drop them; the JSON interchange writes them as \\u escapes, so a backup
keeps every character while a diff or an editor shows them plainly.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from export.export_samples import open_docx

from facilitator.domain.interchange import dumps, loads
from facilitator.domain.model import Debrief, Link
from facilitator.domain.text import BIDI_CONTROLS, strip_bidi_controls
from facilitator.export import export_docx, render_markdown

# "Access granted to admin‮ nimda‬" displays the reversed tail; the override must not survive.
SPOOF = "Approved by \u202eecnaniF\u202c and \u2066isolated\u2069 \u202aembedded\u202c"
PLAIN = "Approved by ecnaniF and isolated embedded"


def _debrief() -> Debrief:
    debrief = Debrief(title=f"Title {SPOOF}", summary=SPOOF, went_wrong=[SPOOF], tags=[SPOOF])
    debrief.links = [Link(SPOOF, "https://example.com/\u202egpj.exe")]
    return debrief


def test_the_characters_covered_are_exactly_the_overrides_and_isolates() -> None:
    assert [f"{ord(c):04X}" for c in BIDI_CONTROLS] == [
        "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069",
    ]  # fmt: skip
    assert strip_bidi_controls("a\u200fb\u200ec") == "a\u200fb\u200ec"  # marks are harmless


def test_word_export_has_none(tmp_path: Path) -> None:
    out = export_docx(_debrief(), tmp_path / "d.docx")
    with zipfile.ZipFile(out) as package:
        for name in package.namelist():
            text = package.read(name).decode("utf-8", errors="ignore")
            assert not any(c in text for c in BIDI_CONTROLS), name
    document = open_docx(out)
    assert PLAIN in [p.text for p in document.paragraphs]
    assert document.core_properties.title == f"Title {PLAIN}"


def test_markdown_export_has_none() -> None:
    markdown = render_markdown(_debrief())
    assert not any(c in markdown for c in BIDI_CONTROLS)
    assert PLAIN in markdown


def test_json_escapes_them_and_stays_lossless() -> None:
    debrief = _debrief()
    text = dumps(debrief)
    assert not any(c in text for c in BIDI_CONTROLS)
    assert "\\u202e" in text and "\\u2066" in text
    assert json.loads(text)["summary"] == SPOOF
    again = loads(text)
    assert again.summary == SPOOF
    assert dumps(again) == text


@pytest.mark.parametrize("char", list(BIDI_CONTROLS))
def test_each_one_alone(char: str) -> None:
    debrief = Debrief(summary=f"x{char}y")
    assert "xy" in render_markdown(debrief)
    assert loads(dumps(debrief)).summary == f"x{char}y"

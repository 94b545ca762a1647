"""Awkward text reaches the Word file intact: control characters, emoji, RTL, huge fields."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from export.export_samples import open_docx, table_after
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.domain.model import Debrief, TimelineEvent, notes
from facilitator.export import export_docx, render_markdown

HEBREW = "השרת הפסיק להגיב אחרי העדכון"
ARABIC = "توقف الخادم عن الاستجابة"


def _body_text(path: Path) -> str:
    document = open_docx(path)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_control_characters_are_removed_not_fatal(rich: Debrief, tmp_path: Path) -> None:
    rich.summary = "Pasted from a terminal\x00\x07\x1b[0m and a form feed\x0c here."
    rich.title = "Title with a \x01 bell"
    rich.action_items[0].title = "Check \x08backspaces"
    out = export_docx(rich, tmp_path / "d.docx")
    text = _body_text(out)
    assert "Pasted from a terminal[0m and a form feed here." in text
    assert "\x00" not in text and "\x07" not in text
    assert open_docx(out).core_properties.title == "Title with a bell"


def test_emoji_and_right_to_left_text_survive(rich: Debrief, tmp_path: Path) -> None:
    rich.summary = f"🔥 Checkout was down 🙈 {HEBREW}"
    rich.went_right = notes(ARABIC, "👩🏽‍💻 pairing on the fix")
    text = _body_text(export_docx(rich, tmp_path / "d.docx"))
    assert f"🔥 Checkout was down 🙈 {HEBREW}" in text
    assert ARABIC in text
    assert "👩🏽‍💻 pairing on the fix" in text


def test_right_to_left_paragraphs_are_laid_out_right_to_left(rich: Debrief, tmp_path: Path) -> None:
    rich.went_right = notes(ARABIC, "Left to right " + HEBREW)
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    bidi = {
        p.text: p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
        for p in document.paragraphs
    }
    assert bidi[ARABIC] is True
    assert bidi["Left to right " + HEBREW] is False


def test_a_200_kb_field_comes_through_whole(rich: Debrief, tmp_path: Path) -> None:
    line = "The queue grew while the consumer kept retrying the same poisoned message. "
    huge = (line * (200_000 // len(line) + 1))[:200_000]
    rich.timeline.append(TimelineEvent(None, text=huge))
    rich.impact = huge
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert any(p.text == huge for p in document.paragraphs)
    timeline = table_after(document, "Timeline")
    assert timeline.rows[-1].cells[2].text == huge
    assert timeline.rows[-1].cells[0].text == "—"


def test_line_breaks_become_paragraphs_and_blank_lines_vanish(
    rich: Debrief, tmp_path: Path
) -> None:
    rich.impact = "First line.\r\n\r\nSecond line.\n\n\nThird line."
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Impact")
    assert texts[start + 1 : start + 4] == ["First line.", "Second line.", "Third line."]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_exports_in_both_formats(tmp_path: Path, text: str) -> None:
    debrief = Debrief(title=text, summary=text, went_wrong=[text], tags=[text])
    debrief.timeline.append(TimelineEvent(text=text))
    export_docx(debrief, tmp_path / "any.docx")
    open_docx(tmp_path / "any.docx")
    assert render_markdown(debrief).startswith("# ")

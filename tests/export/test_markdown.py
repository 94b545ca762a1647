"""Markdown export: same order as Word, tables and links, text that cannot become markup."""

from __future__ import annotations

import re
from pathlib import Path

from export.export_samples import headings, open_docx

from facilitator.domain.model import Debrief
from facilitator.export import export_docx, export_markdown, render_markdown


def _h2(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)


def test_same_sections_in_the_same_order_as_word(rich: Debrief, tmp_path: Path) -> None:
    markdown = render_markdown(rich)
    word = headings(open_docx(export_docx(rich, tmp_path / "d.docx")))
    assert _h2(markdown) == word
    assert markdown.startswith(f"# {rich.title}\n")


def test_empty_sections_left_out() -> None:
    assert _h2(render_markdown(Debrief(title="T", impact="Some impact."))) == ["Impact"]


def test_tables_and_ticket_links(rich: Debrief) -> None:
    markdown = render_markdown(rich)
    assert "| Time | Kind | What happened |" in markdown
    assert "| Tue 4 Mar 23:41 | Trigger | Processor rotates its TLS endpoint. |" in markdown
    assert "[PAY-311](<https://tracker.example.com/browse/PAY-311>)" in markdown
    assert "| PAY-312 |" in markdown
    assert "*Times are in the Europe/Berlin time zone (CET).*" in markdown


def test_user_text_cannot_break_the_markup(rich: Debrief) -> None:
    rich.timeline[0].text = "Split | the table\nand a second line"
    rich.summary = "# not a heading\n- not a list\nsnake_case_name stays *as typed*"
    markdown = render_markdown(rich)
    assert "| Split \\| the table<br>and a second line |" in markdown
    assert "\\# not a heading" in markdown
    assert "\\- not a list" in markdown
    assert "snake_case_name stays \\*as typed\\*" in markdown


def test_export_writes_utf8(rich: Debrief, tmp_path: Path) -> None:
    rich.summary = "🔥 עברית \x00 done"
    out = export_markdown(rich, tmp_path / "d.md")
    assert out == tmp_path / "d.md"
    text = out.read_text(encoding="utf-8")
    assert "🔥 עברית  done" in text
    assert "\x00" not in text

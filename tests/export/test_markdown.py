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


def _html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    # CommonMark plus GitHub's tables and strikethrough, as a wiki renders it.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _cells(html: str) -> list[list[str]]:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(f"<div>{html}</div>")
    return [[cell.text_content() for cell in row.xpath("./td|./th")] for row in tree.xpath("//tr")]


def test_table_cells_survive_pipes_angle_brackets_and_tabs(rich: Debrief) -> None:
    rich.timeline[0].text = "A | B <script>alert(1)</script>\tC &amp; ~~gone~~"
    html = _html(render_markdown(rich))
    assert "<script>" not in html and "<del>" not in html
    rows = _cells(html)
    timeline = next(r for r in rows if r[:1] == ["Tue 4 Mar 23:41"])
    assert len(timeline) == 3
    assert timeline[2] == "A | B <script>alert(1)</script> C &amp; ~~gone~~"


def test_every_table_keeps_its_columns(rich: Debrief) -> None:
    rich.action_items[0].title = "Fix | the pool\tlimit <now>"
    rich.action_items[0].owner = "Ops | SRE"
    html = _html(render_markdown(rich))
    # The panel, timeline, detection and fix, action items and review tables.
    assert html.count("<table>") == 5
    rows = _cells(html)
    assert {len(r) for r in rows} == {3, 4, 5, 7}
    action = next(r for r in rows if r[0].startswith("Fix "))
    assert action[:3] == ["Fix | the pool limit <now>", "Detect", "Ops | SRE"]


def test_links_with_spaces_and_angle_brackets_still_work(rich: Debrief) -> None:
    from facilitator.domain.model import Link

    rich.links = [
        Link("Wiki page", "https://wiki.example.com/Incident Review <2025> (EU)"),
        Link("Runbook", "https://wiki.example.com/runbooks/failover_(payments)"),
    ]
    rich.action_items[1].ticket = "https://tracker.example.com/browse/PAY-312?x=a|b"
    html = _html(render_markdown(rich))
    assert 'href="https://wiki.example.com/Incident%20Review%20%3C2025%3E%20(EU)"' in html
    assert 'href="https://wiki.example.com/runbooks/failover_(payments)"' in html
    assert 'href="https://tracker.example.com/browse/PAY-312?x=a%7Cb">PAY-312</a>' in html


def test_markdown_has_the_panel_rollup_and_review(rich: Debrief) -> None:
    markdown = render_markdown(rich)
    assert (
        "| **Detection** | Tue 4 Mar 23:53 CET | Support reports slow EU checkouts.<br>" in markdown
    )
    assert "- **Primary cause:** External dependency change" in markdown
    assert "3 actions: 2 open (1 in progress), 1 done." in markdown
    assert "| Farah Haddad | Head of payments | 10 Mar 2025 | Yes |" in markdown
    assert "Could we have" not in markdown

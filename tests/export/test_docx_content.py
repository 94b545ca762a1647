"""The Word export read back with python-docx: order, tables, links, properties, fields."""

from __future__ import annotations

from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from export.export_samples import headings, open_docx

from facilitator.domain.model import Debrief, notes
from facilitator.export import export_docx
from facilitator.export.sections import SECTION_BUILDERS

ALL_HEADINGS = [heading for _key, heading, _builder in SECTION_BUILDERS]


def test_every_section_appears_in_the_documented_order(rich: Debrief, tmp_path: Path) -> None:
    out = export_docx(rich, tmp_path / "debrief.docx")
    assert headings(open_docx(out)) == ALL_HEADINGS
    assert ALL_HEADINGS[:2] == ["Key learnings", "Summary"]


def test_the_title_block_opens_the_document(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert document.paragraphs[0].text == rich.title
    assert document.paragraphs[0].style.name == "Title"
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Incident"] == "INC-1429"
    assert facts["Severity"] == "SEV2"
    assert facts["Status"] == "Published"
    assert facts["Duration"] == "47 min"
    assert facts["When"] == "Tuesday 4 March 2025, 23:41 CET – Wednesday 5 March 2025, 00:28 CET"


def test_key_learnings_are_bullets_right_after_the_title_block(
    rich: Debrief, tmp_path: Path
) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    start = texts.index(("Heading 1", "Key learnings"))
    assert texts[start + 1 : start + 4] == [("List Bullet", n.text) for n in rich.learnings]


def test_timeline_table_has_a_row_per_event_with_dates_and_zone(
    rich: Debrief, tmp_path: Path
) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    table = document.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Time", "Kind", "What happened"]
    assert len(rows) == 1 + len(rich.timeline)
    assert rows[1] == ["Tue 4 Mar 23:41", "Trigger", "Processor rotates its TLS endpoint."]
    assert rows[-1][0] == "Wed 5 Mar 00:28"
    assert "Times are in the Europe/Berlin time zone (CET)." in [
        p.text for p in document.paragraphs
    ]
    header_row = table.rows[0]._tr.trPr
    assert header_row.find(qn("w:tblHeader")) is not None


def test_action_items_table_links_each_ticket_url(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    table = document.tables[-3]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Action", "Owner", "Priority", "Due", "Ticket", "Status"]
    assert rows[1] == [
        "Add a p99 latency alert on checkout",
        "Chidi Okafor",
        "P1",
        "13 Mar 2025",
        "PAY-311",
        "In progress",
    ]
    assert rows[2][4] == "PAY-312"
    assert rows[3][3] == "—"
    links = [h for row in table.rows for p in row.cells[4].paragraphs for h in p.hyperlinks]
    assert [h.url for h in links] == [
        "https://tracker.example.com/browse/PAY-311",
        "https://tracker.example.com/browse/PAY-313",
    ]
    external = {
        rel.target_ref
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK and rel.is_external
    }
    assert external == {link.url for link in links}


def test_unsafe_ticket_links_stay_plain_text(rich: Debrief, tmp_path: Path) -> None:
    rich.action_items[0].ticket = "javascript:alert(1)"
    rich.action_items[2].ticket = "file:///etc/passwd"
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert not any(
        p.hyperlinks for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs
    )


def test_contributing_factors_are_grouped_by_kind(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert headings(document, 2) == ["Technical", "Process", "Human conditions"]


def test_document_properties(rich: Debrief, tmp_path: Path) -> None:
    props = open_docx(export_docx(rich, tmp_path / "d.docx")).core_properties
    assert props.title == rich.title
    assert props.subject == "Incident debrief INC-1429"
    assert props.keywords == "payments, 3rd-party, timeout, failover"
    assert props.author == "Ana Pereira"
    assert props.category == "Incident debrief"


def test_header_has_the_title_and_footer_counts_pages(rich: Debrief, tmp_path: Path) -> None:
    section = open_docx(export_docx(rich, tmp_path / "d.docx")).sections[0]
    assert section.header.paragraphs[0].text == rich.title
    footer = section.footer._element
    codes = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")
    kinds = [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


def test_empty_sections_are_left_out(tmp_path: Path) -> None:
    debrief = Debrief(title="Short one", summary="Only a summary so far.")
    document = open_docx(export_docx(debrief, tmp_path / "d.docx"))
    assert headings(document) == ["Summary"]


def test_a_blank_debrief_still_exports(tmp_path: Path) -> None:
    document = open_docx(export_docx(Debrief(), tmp_path / "d.docx"))
    assert document.paragraphs[0].text == "Untitled debrief"
    assert headings(document) == []


def test_whitespace_only_items_are_left_out(rich: Debrief, tmp_path: Path) -> None:
    rich.went_right = notes("  ", "\n")
    rich.learnings = notes(" ")
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert "What went right" not in headings(document)
    assert "Key learnings" not in headings(document)


def test_returns_the_path_written(rich: Debrief, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    assert export_docx(rich, str(out)) == out
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["d.docx"]

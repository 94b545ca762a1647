"""The Word export read back with python-docx: order, panel, tables, links, properties, fields."""

from __future__ import annotations

from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from export.export_samples import big_debrief, cell_texts, headings, open_docx, table_after

from facilitator.domain.model import (
    ActionItem,
    ActionStatus,
    Debrief,
    EventKind,
    Participant,
    Priority,
    notes,
)
from facilitator.export import export_docx
from facilitator.export.sections import SECTION_BUILDERS

ALL_HEADINGS = [heading for _key, heading, _builder in SECTION_BUILDERS]


def test_every_section_appears_in_the_documented_order(rich: Debrief, tmp_path: Path) -> None:
    out = export_docx(rich, tmp_path / "debrief.docx")
    # Six events: no highlights, so no appendix either.
    assert headings(open_docx(out)) == ALL_HEADINGS[:-1]
    assert ALL_HEADINGS[:3] == ["What happened", "Key learnings", "Summary"]
    assert ALL_HEADINGS[-1] == "Appendix: full timeline"


def test_the_title_block_states_severity_once_and_names_the_author(
    rich: Debrief, tmp_path: Path
) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert document.paragraphs[0].text == rich.title
    assert document.paragraphs[0].style.name == "Title"
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    facts = dict(zip(cells[::2], cells[1::2], strict=True))
    assert facts["Incident"] == "INC-1429"
    assert facts["Severity"] == "SEV2"
    assert facts["Status"] == "Published"
    assert facts["Duration"] == "47 min"
    assert facts["Author"] == "Ana Pereira"
    assert facts["Owner"] == "Bo Lindqvist"
    assert facts["Review"] == "Reviewed"
    assert facts["When"] == "Tuesday 4 March 2025, 23:41 CET – Wednesday 5 March 2025, 00:28 CET"
    every_cell = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert every_cell.count("Severity") == 1
    assert document.core_properties.author == "Ana Pereira"


def test_the_author_is_the_participant_with_the_facilitator_role(tmp_path: Path) -> None:
    debrief = Debrief(
        title="T",
        facilitator="Someone Else",
        participants=[Participant("Lee Park", " facilitator "), Participant("Kim", "IC")],
    )
    document = open_docx(export_docx(debrief, tmp_path / "d.docx"))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert cells[cells.index("Author") + 1] == "Lee Park"
    assert document.core_properties.author == "Lee Park"
    debrief.participants = []
    document = open_docx(export_docx(debrief, tmp_path / "e.docx"))
    assert document.core_properties.author == "Someone Else"


def test_what_happened_panel_carries_times_measures_cause_and_factors(
    rich: Debrief, tmp_path: Path
) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    rows = cell_texts(table_after(document, "What happened"))
    assert [r[0] for r in rows] == [
        "Trigger",
        "Detection",
        "Mitigation",
        "Resolution",
        "Primary cause",
        "Contributing factors",
    ]
    assert rows[0][1:] == ["Tue 4 Mar 23:41 CET", "Processor rotates its TLS endpoint."]
    assert rows[1][1:] == [
        "Tue 4 Mar 23:53 CET",
        "Support reports slow EU checkouts.\nTime to detect: 12 min (target 5 min)",
    ]
    assert rows[2][2].endswith("\nTime to fix: 19 min (target 10 min)")
    assert rows[3][2] == "Error rate back to baseline.\nDuration: 47 min"
    assert rows[4][1] == rows[4][2] == "External dependency change"  # one merged cell
    assert rows[5][1].startswith("Client timeout of 30 s held connections; Runbook")
    assert rows[5][1].endswith("and 1 more (see Contributing factors).")


def test_key_learnings_are_bullets_after_the_panel(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    start = texts.index(("Heading 1", "Key learnings"))
    assert texts[start + 1 : start + 4] == [("List Bullet", n.text) for n in rich.learnings]


def test_timeline_table_has_a_row_per_event_with_dates_and_zone(
    rich: Debrief, tmp_path: Path
) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    table = table_after(document, "Timeline")
    rows = cell_texts(table)
    assert rows[0] == ["Time", "Kind", "What happened"]
    assert len(rows) == 1 + len(rich.timeline)
    assert rows[1] == ["Tue 4 Mar 23:41", "Trigger", "Processor rotates its TLS endpoint."]
    assert rows[-1][0] == "Wed 5 Mar 00:28"
    assert "Times are in the Europe/Berlin time zone (CET)." in [
        p.text for p in document.paragraphs
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_a_long_timeline_shows_highlights_and_the_appendix_has_every_event(
    tmp_path: Path,
) -> None:
    debrief = big_debrief(events=300, actions=5)
    document = open_docx(export_docx(debrief, tmp_path / "d.docx"))
    names = headings(document)
    assert "Timeline" not in names
    assert names.index("Timeline highlights") < names.index("Action items")
    assert names[-1] == "Appendix: full timeline"
    highlights = cell_texts(table_after(document, "Timeline highlights"))[1:]
    moments = {EventKind.TRIGGER, EventKind.DETECTION, EventKind.MITIGATION, EventKind.RESOLUTION}
    marked = [e for e in debrief.timeline if e.starred or e.kind in moments]
    assert any(e.starred for e in marked)
    assert [r[2] for r in highlights] == [e.text for e in marked]
    assert len(highlights) < 12
    full = cell_texts(table_after(document, "Appendix: full timeline"))[1:]
    assert [r[2] for r in full] == [e.text for e in debrief.timeline]
    appendix = next(p for p in document.paragraphs if p.text == "Appendix: full timeline")
    assert appendix.paragraph_format.page_break_before is True


def test_forty_events_stay_in_the_body(tmp_path: Path) -> None:
    debrief = big_debrief(events=40, actions=1)
    names = headings(open_docx(export_docx(debrief, tmp_path / "d.docx")))
    assert "Timeline" in names and "Appendix: full timeline" not in names


def test_detection_and_fix_is_phrased_without_counterfactuals(
    rich: Debrief, tmp_path: Path
) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    rows = cell_texts(table_after(document, "Detection and fix"))
    assert rows[0] == ["", "Measured", "Target", "Within target", "Achievable next time"]
    assert rows[1] == ["Time to detect", "12 min", "5 min", "No", "Yes"]
    assert rows[2] == ["Time to fix", "19 min", "10 min", "No", "No"]
    everything = "\n".join(p.text for p in document.paragraphs)
    assert "Could we have" not in everything and "could we have" not in everything


def test_action_items_sorted_by_priority_then_due_with_type_and_rollup(
    rich: Debrief, tmp_path: Path
) -> None:
    rich.action_items.append(
        ActionItem(
            "Document the pool limits", "Eli Moreau", Priority.P1, None, "", ActionStatus.DONE
        )
    )
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    table = table_after(document, "Action items")
    rows = cell_texts(table)
    assert rows[0] == ["Action", "Type", "Owner", "Priority", "Due", "Ticket", "Status"]
    assert [r[0] for r in rows[1:]] == [
        "Add a p99 latency alert on checkout",
        "Document the pool limits",
        "Rehearse processor failover monthly",
        "Lower the client timeout to 5 s",
    ]
    assert rows[1] == [
        "Add a p99 latency alert on checkout",
        "Detect",
        "Chidi Okafor",
        "P1",
        "13 Mar 2025",
        "PAY-311",
        "In progress",
    ]
    assert rows[2][1] == "—" and rows[2][4] == "—"
    texts = [p.text for p in document.paragraphs]
    assert "4 actions: 2 open (1 in progress), 2 done." in texts
    links = [h.url for row in table.rows for p in row.cells[5].paragraphs for h in p.hyperlinks]
    assert links == [
        "https://tracker.example.com/browse/PAY-311",
        "https://tracker.example.com/browse/PAY-313",
    ]


def test_supporting_links_and_review_table(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "Checkout latency dashboard: grafana.example.com/d/checkout" in texts
    linked = [h.url for p in document.paragraphs for h in p.hyperlinks]
    assert "https://chat.example.com/archives/C0INC1429" in linked
    rows = cell_texts(table_after(document, "Review"))
    assert rows == [
        ["Reviewer", "Role", "Date", "Signed"],
        ["Farah Haddad", "Head of payments", "10 Mar 2025", "Yes"],
        ["Gus Novak", "SRE lead", "11 Mar 2025", "No"],
    ]


def test_only_web_and_mail_hyperlinks_leave_the_package(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    external = {
        rel.target_ref
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK and rel.is_external
    }
    assert external == {
        "https://tracker.example.com/browse/PAY-311",
        "https://tracker.example.com/browse/PAY-313",
        "https://grafana.example.com/d/checkout",
        "https://chat.example.com/archives/C0INC1429",
        "https://status.processor.example/incidents/88",
    }


def test_unsafe_ticket_links_stay_plain_text(rich: Debrief, tmp_path: Path) -> None:
    rich.action_items[0].ticket = "javascript:alert(1)"
    rich.action_items[2].ticket = "file:///etc/passwd"
    rich.links = []
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert not any(
        p.hyperlinks for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs
    )


def test_contributing_factors_are_grouped_by_kind(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert headings(document, 2) == ["Technical", "Process", "Human conditions"]


def test_classification_no_longer_repeats_severity_or_cause(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    rows = cell_texts(table_after(document, "Classification"))
    assert rows == [
        ["Services", "Payments API, Checkout"],
        ["Tags", "payments, 3rd-party, timeout, failover"],
    ]


def test_document_properties(rich: Debrief, tmp_path: Path) -> None:
    props = open_docx(export_docx(rich, tmp_path / "d.docx", language="de-DE")).core_properties
    assert props.title == rich.title
    assert props.subject == "Incident debrief INC-1429"
    assert props.keywords == "payments, 3rd-party, timeout, failover"
    assert props.author == "Ana Pereira"
    assert props.last_modified_by == "Ana Pereira"
    assert props.category == "Incident debrief"
    assert props.language == "de-DE"


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

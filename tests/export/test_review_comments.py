"""Review comments: each phrase the language checker flags gets a Word comment on exactly it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from export.export_samples import open_docx, table_after

from facilitator.domain.model import Debrief, IgnoredFinding
from facilitator.export import export_docx


@dataclass(frozen=True)
class FakeFinding:
    start: int
    end: int
    message: str
    suggestion: str = ""
    category: str = "blame"
    rule: str = "test-rule"
    text: str = ""


@dataclass(frozen=True)
class FakeFieldFinding:
    field: str
    finding: FakeFinding


def _flag(
    text: str, phrase: str, field: str, message: str, suggestion: str = ""
) -> FakeFieldFinding:
    start = text.index(phrase)
    return FakeFieldFinding(field, FakeFinding(start, start + len(phrase), message, suggestion))


def anchored(document: DocxDocument) -> dict[int, str]:
    """The text each comment covers, by comment id, read from the range markers."""
    open_ranges: dict[int, list[str]] = {}
    covered: dict[int, str] = {}
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ranges[int(element.get(qn("w:id")))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            key = int(element.get(qn("w:id")))
            covered[key] = "".join(open_ranges.pop(key))
        elif element.tag == qn("w:t"):
            for parts in open_ranges.values():
                parts.append(element.text or "")
    return covered


def test_comment_sits_on_the_flagged_phrase(rich: Debrief, tmp_path: Path) -> None:
    rich.summary = "Chidi forgot to renew the certificate, so checkouts failed."
    findings = [
        _flag(
            rich.summary,
            "forgot to",
            "summary",
            "Names a person as the cause.",
            "was not prompted to",
        ),
    ]
    out = export_docx(rich, tmp_path / "d.docx", review_comments=True, findings=findings)
    document = open_docx(out)
    comments = list(document.comments)
    assert [c.text for c in comments] == [
        "Names a person as the cause. Suggestion: was not prompted to"
    ]
    assert comments[0].author == "Facilitator language check"
    assert anchored(document) == {comments[0].comment_id: "forgot to"}
    paragraphs = [p.text for p in document.paragraphs]
    assert rich.summary in paragraphs


def test_comments_in_tables_lists_and_several_per_field(rich: Debrief, tmp_path: Path) -> None:
    rich.timeline[1].text = "Support reports slow checkouts; should have paged sooner."
    rich.went_wrong[0].text = "Obviously nobody checked the alert. Careless."
    rich.action_items[0].title = "Stop human error in deploys"
    findings = [
        _flag(rich.timeline[1].text, "should have", "timeline[1].text", "Hindsight."),
        _flag(rich.went_wrong[0].text, "Obviously", "went_wrong[0]", "Judges in hindsight."),
        _flag(rich.went_wrong[0].text, "Careless", "went_wrong[0]", "Blames a person."),
        _flag(rich.action_items[0].title, "human error", "action_items[0].title", "Vague."),
    ]
    document = open_docx(
        export_docx(rich, tmp_path / "d.docx", review_comments=True, findings=findings)
    )
    by_text = {c.text: c.comment_id for c in document.comments}
    covered = anchored(document)
    assert covered[by_text["Hindsight."]] == "should have"
    assert covered[by_text["Judges in hindsight."]] == "Obviously"
    assert covered[by_text["Blames a person."]] == "Careless"
    assert covered[by_text["Vague."]] == "human error"
    assert table_after(document, "Timeline").rows[2].cells[2].text == rich.timeline[1].text


def test_overlapping_and_out_of_range_findings(rich: Debrief, tmp_path: Path) -> None:
    rich.impact = "The team failed to notice the error."
    findings = [
        FakeFieldFinding("impact", FakeFinding(4, 20, "Long.")),
        FakeFieldFinding("impact", FakeFinding(9, 15, "Inner.")),
        FakeFieldFinding("impact", FakeFinding(30, 500, "Past the end.")),
        FakeFieldFinding("impact", FakeFinding(600, 700, "Nowhere.")),
        FakeFieldFinding("no_such_field", FakeFinding(0, 3, "Ignored.")),
    ]
    document = open_docx(
        export_docx(rich, tmp_path / "d.docx", review_comments=True, findings=findings)
    )
    by_text = {c.text: c.comment_id for c in document.comments}
    covered = anchored(document)
    assert covered[by_text["Long."]] == "team failed to n"
    assert covered[by_text["Inner."]] == "failed"
    assert covered[by_text["Past the end."]] == "error."
    assert "Nowhere." not in by_text and "Ignored." not in by_text
    assert "The team failed to notice the error." in [p.text for p in document.paragraphs]


def test_offsets_survive_control_characters_and_line_breaks(rich: Debrief, tmp_path: Path) -> None:
    rich.response = "Paged\x07 the team.\nThen someone messed up the rollback."
    findings = [_flag(rich.response, "messed up", "response", "Blame.")]
    document = open_docx(
        export_docx(rich, tmp_path / "d.docx", review_comments=True, findings=findings)
    )
    assert list(anchored(document).values()) == ["messed up"]


def test_no_comments_unless_asked(rich: Debrief, tmp_path: Path) -> None:
    rich.summary = "A careless change."
    findings = [_flag(rich.summary, "careless", "summary", "Blame.")]
    document = open_docx(export_docx(rich, tmp_path / "d.docx", findings=findings))
    assert list(document.comments) == []
    assert anchored(document) == {}


def test_with_the_real_language_checker(rich: Debrief, tmp_path: Path) -> None:
    pytest.importorskip("facilitator.language.debrief_findings")
    rich.summary = "Bob should have checked the config before the deploy."
    document = open_docx(export_docx(rich, tmp_path / "d.docx", review_comments=True))
    assert all(c.author == "Facilitator language check" for c in document.comments)


def test_wording_the_facilitator_kept_gets_no_comment(rich: Debrief, tmp_path: Path) -> None:
    rich.summary = "A careless change, then a careless rollback. We should have waited."
    kept_phrase = FakeFieldFinding(
        "summary", FakeFinding(2, 10, "Blame.", rule="careless", text="careless")
    )
    kept_rule = FakeFieldFinding(
        "summary", FakeFinding(49, 60, "Hindsight.", rule="should-have", text="should have")
    )
    other = FakeFieldFinding("summary", FakeFinding(24, 32, "Blame again.", rule="other"))
    rich.ignored_findings = [
        IgnoredFinding("careless", "summary", "careless"),
        IgnoredFinding("should-have"),
    ]
    findings = [kept_phrase, kept_rule, other]
    document = open_docx(
        export_docx(rich, tmp_path / "d.docx", review_comments=True, findings=findings)
    )
    assert [c.text for c in document.comments] == ["Blame again."]

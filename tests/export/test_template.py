"""Reference documents: the shipped default and a team's own .docx or .dotx."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import RGBColor
from export.export_samples import headings, open_docx

from facilitator.domain.model import Debrief
from facilitator.export import ExportError, export_docx


def test_default_template_ships_as_a_package_resource() -> None:
    source = resources.files("facilitator.resources") / "templates" / "default.docx"
    document = docx.Document(io.BytesIO(source.read_bytes()))
    assert document.styles["Debrief Table"].type == WD_STYLE_TYPE.TABLE
    assert document.styles["Hyperlink"].type == WD_STYLE_TYPE.CHARACTER
    assert document.paragraphs == []
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_default_export_uses_the_table_style(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    assert {t.style.name for t in document.tables} == {"Debrief Table"}


def _team_template(path: Path) -> Path:
    template = docx.Document()
    template.add_paragraph("Old body text that must not survive.")
    template.sections[0].header.paragraphs[0].text = "ACME Corp · Internal"
    template.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x00, 0x33)
    template.save(str(path))
    return path


def test_team_template_keeps_its_styles_and_header(rich: Debrief, tmp_path: Path) -> None:
    template = _team_template(tmp_path / "acme.docx")
    document = open_docx(export_docx(rich, tmp_path / "d.docx", template=template))
    texts = [p.text for p in document.paragraphs]
    assert "Old body text that must not survive." not in texts
    assert texts[0] == rich.title
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x00, 0x33)
    assert document.sections[0].header.paragraphs[0].text == "ACME Corp · Internal"
    footer_codes = [
        t.text.strip() for t in document.sections[0].footer._element.iter(qn("w:instrText"))
    ]
    assert footer_codes == ["PAGE", "NUMPAGES"]
    # python-docx's stock template has no "Debrief Table"; the next choice is used.
    assert {t.style.name for t in document.tables} == {"Light List Accent 1"}


def _strip_styles(path: Path) -> Path:
    """A template as bare as Word can make: none of the styles the export prefers."""
    template = docx.Document()
    styles = template.styles.element
    for style in list(styles.findall(qn("w:style"))):
        style_id = style.get(qn("w:styleId"))
        if style_id not in {"Normal", "DefaultParagraphFont", "TableNormal"}:
            styles.remove(style)
    template.save(str(path))
    return path


def test_template_without_the_styles_falls_back(rich: Debrief, tmp_path: Path) -> None:
    template = _strip_styles(tmp_path / "bare.docx")
    out = export_docx(rich, tmp_path / "d.docx", template=template)
    document = open_docx(out)
    assert headings(document)[:3] == ["What happened", "Key learnings", "Summary"]
    heading = document.styles["Heading 1"]
    assert heading.element.pPr.find(qn("w:outlineLvl")) is not None
    texts = [p.text for p in document.paragraphs]
    assert "•\u00a0" + rich.learnings[0].text in texts
    assert all(t.style is None or t.style.name == "Normal Table" for t in document.tables)
    links = [
        h.url
        for t in document.tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
        for h in p.hyperlinks
    ]
    assert len(links) == 2


def test_dotx_template_is_accepted(rich: Debrief, tmp_path: Path) -> None:
    source = _team_template(tmp_path / "acme.docx")
    dotx = tmp_path / "acme.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    document = open_docx(export_docx(rich, tmp_path / "d.docx", template=dotx))
    assert document.sections[0].header.paragraphs[0].text == "ACME Corp · Internal"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"This is a plain text file, not a document.", "is not a Word document"),
        (b"PK\x03\x04broken zip", "is not a Word document"),
    ],
)
def test_unusable_template(rich: Debrief, tmp_path: Path, content: bytes, message: str) -> None:
    template = tmp_path / "team.docx"
    template.write_bytes(content)
    with pytest.raises(ExportError, match=message):
        export_docx(rich, tmp_path / "d.docx", template=template)
    assert not (tmp_path / "d.docx").exists()


def test_zip_that_is_not_a_document(rich: Debrief, tmp_path: Path) -> None:
    template = tmp_path / "team.docx"
    with zipfile.ZipFile(template, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ExportError, match="is not a Word document"):
        export_docx(rich, tmp_path / "d.docx", template=template)


def test_missing_template(rich: Debrief, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_docx(rich, tmp_path / "d.docx", template=tmp_path / "missing.docx")


def test_fallback_table_rules_sit_in_schema_order(rich: Debrief, tmp_path: Path) -> None:
    template = _strip_styles(tmp_path / "bare.docx")
    document = open_docx(export_docx(rich, tmp_path / "d.docx", template=template))
    order = [child.tag.split("}")[1] for child in document.tables[1]._tbl.tblPr]
    assert order.index("tblBorders") < order.index("tblLayout") < order.index("tblLook")

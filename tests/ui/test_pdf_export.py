"""The PDF drawn by Qt, read back with pypdf: pages, text, header, links, fonts, paper.

pypdf is a pure-Python, actively maintained reader: it opens what Qt writes
without a native library and exposes pages, annotations and font resources
directly, which is all these checks need.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from export.export_samples import big_debrief, rich_debrief
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from facilitator.domain.interchange import dumps
from facilitator.domain.model import Debrief
from facilitator.domain.text import BIDI_CONTROLS
from facilitator.ui.pdf import export_pdf

HEBREW = "השרת הפסיק להגיב"


def _words(text: str) -> str:
    return " ".join(text.split())


def _links(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            obj = annotation.get_object()
            if obj.get("/Subtype") == "/Link" and "/A" in obj:
                found.append(str(obj["/A"].get("/URI")))
    return found


@pytest.fixture
def rich_pdf(qapp: QApplication, tmp_path: Path) -> PdfReader:
    debrief = rich_debrief()
    debrief.summary = f"🔥 Checkout was down. {HEBREW} \u202eevil\u202c"
    return PdfReader(export_pdf(debrief, tmp_path / "d.pdf", language="en-GB", paper="a4"))


def test_first_page_opens_with_the_title_and_what_happened(rich_pdf: PdfReader) -> None:
    first = _words(rich_pdf.pages[0].extract_text())
    assert first.startswith("Payments API timed out for EU card checkouts")  # the header
    for expected in (
        "Incident debrief",
        "Author Ana Pereira",
        "What happened",
        "Time to detect: 12 min (target 5 min)",
        "Primary cause External dependency change",
        "Key learnings",
    ):
        assert expected in first
    assert f"Page 1 of {len(rich_pdf.pages)}" in first


def test_every_page_has_the_header_and_its_number(rich_pdf: PdfReader) -> None:
    pages = len(rich_pdf.pages)
    assert 2 <= pages <= 6
    for number, page in enumerate(rich_pdf.pages, start=1):
        text = _words(page.extract_text())
        assert "Payments API timed out for EU card checkouts" in text
        assert f"Page {number} of {pages}" in text


def test_sections_come_in_the_documents_order(rich_pdf: PdfReader) -> None:
    text = _words(" ".join(p.extract_text() for p in rich_pdf.pages))
    order = [
        "What happened",
        "Key learnings",
        "Timeline",
        "Detection and fix",
        "Where we got lucky",
        "Action items",
        "Supporting links",
        "Review",
    ]
    position = 0
    for heading in order:
        found = text.find(heading, position)
        assert found > position, heading
        position = found
    assert "Within target Achievable next time" in text


def test_ticket_and_supporting_links_are_clickable(rich_pdf: PdfReader) -> None:
    links = _links(rich_pdf)
    assert "https://tracker.example.com/browse/PAY-311" in links
    assert "https://tracker.example.com/browse/PAY-313" in links
    assert "https://grafana.example.com/d/checkout" in links
    assert not any(link.startswith(("file:", "javascript:")) for link in links)


def test_fonts_are_embedded(rich_pdf: PdfReader) -> None:
    fonts = {}
    for page in rich_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts


def test_right_to_left_text_survives_and_bidi_overrides_do_not(rich_pdf: PdfReader) -> None:
    text = " ".join(p.extract_text() for p in rich_pdf.pages)
    assert set(HEBREW.replace(" ", "")) <= set(text)
    assert not any(c in text for c in BIDI_CONTROLS)
    assert "evil" in text


def test_metadata_names_the_debrief_and_the_app(rich_pdf: PdfReader) -> None:
    meta = rich_pdf.metadata
    assert meta.title == "Payments API timed out for EU card checkouts"
    assert meta.author == "Ana Pereira"
    assert meta.creator.startswith("Facilitator ")
    assert b"<rdf:li>en-GB</rdf:li>" in rich_pdf.xmp_metadata.stream.get_data()


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size(qapp: QApplication, tmp_path: Path, paper: str, size: tuple[int, int]) -> None:
    reader = PdfReader(export_pdf(rich_debrief(), tmp_path / "d.pdf", paper=paper))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_a_long_timeline_goes_to_an_appendix_on_its_own_pages(
    qapp: QApplication, tmp_path: Path
) -> None:
    debrief = big_debrief(events=300, actions=12)
    reader = PdfReader(export_pdf(debrief, tmp_path / "d.pdf", paper="a4"))
    texts = [_words(p.extract_text()) for p in reader.pages]
    start = next(i for i, t in enumerate(texts) if "Appendix: full timeline" in t)
    assert "Timeline highlights" in " ".join(texts[:start])
    assert "Action items" in " ".join(texts[:start])
    body = " ".join(texts[:start])
    assert "(event 2)." not in body  # an ordinary event: only in the appendix
    appendix = " ".join(texts[start:])
    assert all(f"(event {n})." in appendix for n in (1, 2, 150, 300))
    # The appendix heading opens its page: only the running header and page number precede it.
    content = texts[start].split(f"Page {start + 1} of {len(texts)} ", 1)[1]
    assert content.startswith("Appendix: full timeline")


def test_a_blank_debrief_makes_one_page(qapp: QApplication, tmp_path: Path) -> None:
    reader = PdfReader(export_pdf(Debrief(), tmp_path / "d.pdf"))
    assert len(reader.pages) == 1
    assert "Untitled debrief" in _words(reader.pages[0].extract_text())


@pytest.mark.slow
def test_the_command_line_draws_a_pdf_without_a_display(tmp_path: Path) -> None:
    source = rich_debrief()
    source.id = "0b7f2c1e-4d3a-4f5b-9c8d-7e6f5a4b3c2d"
    path = tmp_path / "debrief.json"
    path.write_text(dumps(source), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    out = tmp_path / "out.pdf"
    command = [sys.executable, "-m", "facilitator.cli", "export", str(path), "--format", "pdf"]
    result = subprocess.run(
        [*command, "-o", str(out), "--paper", "letter"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "What happened" in _words(reader.pages[0].extract_text())

"""What a Word file says about itself: core and app properties, language, paper size.

The app properties name Facilitator and its version (python-docx's stock file
claims "Microsoft Macintosh Word"). The language goes into the document
defaults, so spelling and screen readers use it everywhere the template does
not say otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from facilitator import __version__
from facilitator.domain.model import Debrief
from facilitator.export.overview import author_of, build_title
from facilitator.export.textsafe import export_text

APP_NAME = "Facilitator"
_CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values
#: Page sizes in twentieths of a point, portrait.
_PAPER_TWIPS = {"a4": (11906, 16838), "letter": (12240, 15840)}
_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<TotalTime>0</TotalTime><Application>{app}</Application><DocSecurity>0</DocSecurity>\
<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{version}</AppVersion></Properties>"""


def _one_line(text: str) -> str:
    return " ".join(export_text(text).split())[:_CORE_PROPERTY_LIMIT]


def app_version(version: str = __version__) -> str:
    """Write "1.2.3" the way the AppVersion property expects it, "XX.YYYY": "01.0203"."""
    numbers = [int(n) if n.isdigit() else 0 for n in [*version.split("."), "0", "0"][:3]]
    major, minor, patch = (min(n, 99) for n in numbers)
    return f"{major:02d}.{minor:02d}{patch:02d}"


def set_core_properties(document: Document, debrief: Debrief, language: str) -> None:
    """Fill the document properties readers and search tools see."""
    props = document.core_properties
    props.title = _one_line(build_title(debrief).title)
    incident = _one_line(debrief.incident)
    props.subject = _one_line(f"Incident debrief {incident}".strip())
    props.keywords = _one_line(", ".join(t.strip() for t in debrief.tags if t.strip()))
    author = _one_line(author_of(debrief))
    props.author = author
    props.last_modified_by = author
    props.category = "Incident debrief"
    props.identifier = incident
    props.content_status = _one_line(str(debrief.status.value).replace("_", " "))
    props.comments = f"Exported from {APP_NAME} {__version__}."
    props.language = language
    props.revision = 1
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = now
    props.modified = now


def set_summary_properties(document: Document, title: str, subject: str, language: str) -> None:
    """Properties of a document that is not one debrief (a checkpoint or monthly summary)."""
    props = document.core_properties
    props.title = _one_line(title)
    props.subject = _one_line(subject)
    props.comments = f"Exported from {APP_NAME} {__version__}."
    props.language = language
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = now
    props.modified = now


def set_app_properties(document: Document) -> None:
    """Replace the template's app.xml with one naming this app and version."""
    blob = _APP_XML.format(app=escape(APP_NAME), version=app_version()).encode("utf-8")
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_language(document: Document, language: str) -> None:
    """Make ``language`` the language of every run that does not name its own."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # w:lang sits near the end of a run's properties; only eastAsianLayout and later follow.
        later = [r_pr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        anchor = next((e for e in later if e is not None), None)
        if anchor is not None:
            anchor.addprevious(lang)
        else:
            r_pr.append(lang)
    lang.set(qn("w:val"), language)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def set_paper(document: Document, paper: str) -> None:
    """Give every section the ``paper`` size ("a4" or "letter"), keeping its orientation."""
    width, height = _PAPER_TWIPS[paper]
    for section in document.sections:
        landscape = (section.page_width or 0) > (section.page_height or 0)
        w, h = (height, width) if landscape else (width, height)
        section.page_width, section.page_height = Twips(w), Twips(h)

"""The reference document an export starts from, and the styles it offers.

The default ships as ``facilitator.resources/templates/default.docx``. A team
may pass its own ``.docx`` or ``.dotx``: its body is cleared and its styles,
page setup, headers and footers are kept, without anything that would fetch
from outside (:mod:`facilitator.export.docx_sanitise`). Styles the team's file lacks are
replaced by the nearest one it has, so any Word file works as a template.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import etree

from facilitator.export.atomic import ExportError
from facilitator.export.docx_sanitise import remove_external_links, repair_package


def default_template_bytes() -> bytes:
    """Return the bytes of the template that ships with the app."""
    source = resources.files("facilitator.resources") / "templates" / "default.docx"
    return source.read_bytes()


def open_template(template: str | Path | None) -> Document:
    """Open the team's template, or the default one, with its body emptied.

    Raises:
        ExportError: the template is missing or is not a Word document.
    """
    if template is None:
        document = docx.Document(io.BytesIO(default_template_bytes()))
    else:
        path = Path(template).expanduser()
        if not path.is_file():
            raise ExportError(f"The template “{path}” does not exist. Choose another file.")
        try:
            data = repair_package(path.read_bytes())
            document = docx.Document(io.BytesIO(data))
        except OSError as error:
            raise ExportError(f"The template “{path.name}” could not be read: {error}.") from error
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
            raise ExportError(
                f"“{path.name}” is not a Word document. Choose a .docx or .dotx file as the "
                "template."
            ) from error
        except etree.XMLSyntaxError as error:
            raise ExportError(
                f"“{path.name}” is damaged and cannot be used as a template."
            ) from error
    _clear_body(document)
    remove_external_links(document)
    return document


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _has(document: Document, name: str, kind: WD_STYLE_TYPE) -> bool:
    try:
        return document.styles[name].type == kind
    except KeyError:
        return False


def _first(document: Document, kind: WD_STYLE_TYPE, *names: str) -> str | None:
    return next((name for name in names if _has(document, name, kind)), None)


def _add_heading_style(document: Document, level: int) -> str:
    """Create a plain heading style (level 0 is the title) so navigation still works."""
    name = f"Heading {level}" if level else "Title"
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    if _has(document, "Normal", WD_STYLE_TYPE.PARAGRAPH):
        style.base_style = document.styles["Normal"]
    style.font.bold = True
    style.font.size = Pt({0: 24, 1: 16, 2: 13}.get(level, 12))
    style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.space_before = Pt(14 if level == 1 else 10)
    style.paragraph_format.space_after = Pt(4)
    if level:
        p_pr = style.element.get_or_add_pPr()
        p_pr.append(p_pr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(level - 1)}))
    return name


@dataclass(frozen=True)
class Styles:
    """The style names this export uses, resolved against the template; None = direct format."""

    title: str
    subtitle: str | None
    heading1: str
    heading2: str
    bullet: str | None
    note: str | None
    table: str | None
    hyperlink: str | None
    header: str | None
    footer: str | None

    @classmethod
    def resolve(cls, document: Document) -> Styles:
        para, char, table = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE
        heading1 = _first(document, para, "Heading 1") or _add_heading_style(document, 1)
        heading2 = _first(document, para, "Heading 2") or _add_heading_style(document, 2)
        return cls(
            title=_first(document, para, "Title") or _add_heading_style(document, 0),
            subtitle=_first(document, para, "Subtitle"),
            heading1=heading1,
            heading2=heading2,
            bullet=_first(document, para, "List Bullet"),
            note=_first(document, para, "Debrief Note", "Caption"),
            table=_first(document, table, "Debrief Table", "Light List Accent 1", "Table Grid"),
            hyperlink=_first(document, char, "Hyperlink"),
            header=_first(document, para, "Header"),
            footer=_first(document, para, "Footer"),
        )

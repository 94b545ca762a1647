"""Making a team's template safe to build a document on that travels.

Two kinds of repair, before and after python-docx opens the file:

* **The package** (:func:`repair_package`, on the zip bytes). LibreOffice writes
  the core-properties relationship with a misspelt type (``officedocument``
  instead of the package namespace); python-docx does not recognise it, adds a
  second ``docProps/core.xml`` on save, and Word then calls the file corrupt.
  Word templates (.dotx/.dotm) are relabelled as documents; macros are dropped.
* **The parts** (:func:`remove_external_links`, on the opened document). An
  attached template, a linked picture, a linked font or a mail-merge source on
  a web or UNC address would make Word fetch it when the export is opened:
  every external relationship except a web or mail hyperlink is removed, and
  so is what pointed at it. Fields that pull content in (INCLUDEPICTURE,
  INCLUDETEXT, LINK, DDE) are emptied. ``w:zoom`` gets the ``w:percent`` the
  schema requires, and a stale thumbnail of the template is dropped.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from lxml import etree

from facilitator.export.links import safe_url

_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPES = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
)
_LIBREOFFICE_CORE = (
    b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)
_CORE = RT.CORE_PROPERTIES.encode()
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FETCHING_FIELDS = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)
_DROPPED_ELEMENTS = {qn("w:attachedTemplate"), qn("w:mailMerge")}


def repair_package(data: bytes) -> bytes:
    """Return the zip ``data`` with template labels, macros and LibreOffice's misspelling fixed."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        types = source.read("[Content_Types].xml")
        rels = source.read("_rels/.rels") if "_rels/.rels" in names else b""
        is_template = any(t in types for t in _TEMPLATE_TYPES)
        misspelt = _LIBREOFFICE_CORE in rels
        macros = any(n.lower().endswith("vbaproject.bin") for n in names)
        if not (is_template or misspelt or macros):
            return data
        for kind in _TEMPLATE_TYPES:
            types = types.replace(kind, _DOCUMENT_TYPE)
        rels = rels.replace(_LIBREOFFICE_CORE, _CORE)
        target = io.BytesIO()
        written: set[str] = set()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                # Macros are never carried into a document meant for circulation.
                if item.filename.lower().endswith("vbaproject.bin") or item.filename in written:
                    continue
                written.add(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = types
                elif item.filename == "_rels/.rels":
                    body = rels
                else:
                    body = source.read(item)
                out.writestr(item, body)
        return target.getvalue()


def _allowed(reltype: str, target: str) -> bool:
    """Only a web or mail hyperlink may point outside the package."""
    return reltype == RT.HYPERLINK and bool(target) and safe_url(target) == target


def _xml_of(part: Part) -> etree._Element | None:
    if isinstance(part, XmlPart):
        return part.element
    if not part.content_type.endswith("xml"):
        return None
    try:
        return etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return None


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def _drop_references(root: etree._Element, removed: set[str]) -> bool:
    changed = False
    for element in list(root.iter()):
        for name in [a for a in element.attrib if a.startswith(f"{{{_R_NS}}}")]:
            if element.attrib[name] not in removed:
                continue
            changed = True
            if element.tag == qn("w:hyperlink"):
                _unwrap(element)  # the words stay, the link goes
                break
            if element.tag in _DROPPED_ELEMENTS or element.getparent() is None:
                if element.getparent() is not None:
                    element.getparent().remove(element)
                break
            del element.attrib[name]
    return changed


def _empty_fetching_fields(root: etree._Element) -> bool:
    changed = False
    for simple in list(root.iter(qn("w:fldSimple"))):
        if _FETCHING_FIELDS.match(simple.get(qn("w:instr"), "")):
            _unwrap(simple)
            changed = True
    for code in root.iter(qn("w:instrText")):
        if _FETCHING_FIELDS.match(code.text or ""):
            code.text = " "
            changed = True
    return changed


def _fix_zoom(root: etree._Element) -> bool:
    changed = False
    for zoom in root.iter(qn("w:zoom")):
        if zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")
            changed = True
    return changed


def _drop_elements(root: etree._Element) -> bool:
    doomed = [e for tag in _DROPPED_ELEMENTS for e in root.iter(tag)]
    for element in doomed:
        element.getparent().remove(element)
    return bool(doomed)


def _drop_unreferenced(part: Part, root: etree._Element) -> None:
    """Forget the links and pictures of the template's body, which the export cleared."""
    used = {
        value
        for element in root.iter()
        for name, value in element.attrib.items()
        if name.startswith(f"{{{_R_NS}}}")
    }
    for rel in list(part.rels.values()):
        if rel.reltype in (RT.HYPERLINK, RT.IMAGE) and rel.rId not in used:
            part.rels.pop(rel.rId)


def remove_external_links(document: Document) -> None:
    """Drop every relationship that would fetch something, and whatever referred to it.

    Call it after the template's body has been cleared.
    """
    package = document.part.package
    for rel in list(package.rels.values()):
        # The package itself never links out; a thumbnail would show the template, not the export.
        if rel.is_external or rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel.rId)
    _drop_unreferenced(document.part, document.element)
    for part in list(package.iter_parts()):
        removed = {
            rel.rId
            for rel in part.rels.values()
            if rel.is_external and not _allowed(rel.reltype, rel.target_ref)
        }
        for r_id in removed:
            part.rels.pop(r_id)
        root = _xml_of(part)
        if root is None:
            continue
        changed = _drop_references(root, removed) if removed else False
        changed = _empty_fetching_fields(root) or changed
        changed = _drop_elements(root) or changed
        changed = _fix_zoom(root) or changed
        if changed and not isinstance(part, XmlPart):
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )

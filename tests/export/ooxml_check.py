"""Checks of a Word package as Word itself would make them: parts, relationships, schema.

No package on PyPI, Debian or npm ships the ECMA-376 schemas, so the XML is
validated against a hand-checked subset (``ooxml/wml-subset.xsd``, written by
``ooxml/make_subset.py``) that covers the parts the export writes or carries
over: document, headers, footers, comments, styles and settings. Markup
Compatibility is applied first, as Word does: namespaces the part declares
ignorable are dropped and ``mc:AlternateContent`` keeps its fallback.
"""

from __future__ import annotations

import posixpath
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

from facilitator.export.links import safe_url

HERE = Path(__file__).parent / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
WML_ROOTS = {"document", "hdr", "ftr", "comments", "styles", "settings"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE_CHILDREN = {
    "{http://purl.org/dc/elements/1.1/}" + n
    for n in ("title", "subject", "creator", "description", "identifier", "language")
} | {
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}" + n
    for n in ("keywords", "lastModifiedBy", "revision", "category", "contentStatus",
              "lastPrinted", "version")
} | {"{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified"}  # fmt: skip
APP_CHILDREN = {
    "Template", "Manager", "Company", "Pages", "Words", "Characters", "PresentationFormat",
    "Lines", "Paragraphs", "Slides", "Notes", "TotalTime", "HiddenSlides", "MMClips",
    "ScaleCrop", "HeadingPairs", "TitlesOfParts", "LinksUpToDate", "CharactersWithSpaces",
    "SharedDoc", "HyperlinkBase", "HLinks", "HyperlinksChanged", "DigSig", "Application",
    "AppVersion", "DocSecurity",
}  # fmt: skip


@cache
def wml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(HERE / "wml-subset.xsd")))


def apply_markup_compatibility(root: etree._Element) -> etree._Element:
    """Drop what a consumer that knows only ECMA-376 ignores (ECMA-376 Part 3)."""
    ignorable: set[str] = set()
    for element in root.iter():
        value = element.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable |= {element.nsmap.get(prefix or None, "") for prefix in value.split()}
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        for child in list(fallback) if fallback is not None else []:
            parent.insert(index, child)
            index += 1
        parent.remove(alternate)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            namespace = etree.QName(name).namespace
            if namespace in ignorable or namespace == MC:
                del element.attrib[name]
    return root


def schema_errors(root: etree._Element) -> list[str]:
    """Validate one WordprocessingML part; return the schema's complaints."""
    tree = apply_markup_compatibility(etree.fromstring(etree.tostring(root)))
    schema = wml_schema()
    if schema.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def package_problems(path: Path) -> list[str]:
    """Every way the package breaks the rules Word enforces; empty when it is sound."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        lowered = [n.lower() for n in names]
        for name in {n for n in lowered if lowered.count(n) > 1}:
            problems.append(f"{name}: more than one part with this name")
        parts = set(names)
        types = etree.fromstring(package.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(f"{{{CT}}}Default")}
        overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{{{CT}}}Override")}
        for name in names:
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
        for name in overrides - parts:
            problems.append(f"{name}: content type for a part that is not there")
        for name in names:
            if name.endswith(".rels"):
                problems += _relationship_problems(package, name, parts)
            elif name.endswith(".xml"):
                problems += _xml_problems(package, name)
    return problems


def _relationship_problems(package: zipfile.ZipFile, name: str, parts: set[str]) -> list[str]:
    problems = []
    source_dir = posixpath.dirname(posixpath.dirname(name))
    ids = []
    for rel in etree.fromstring(package.read(name)).iter(f"{{{RELS}}}Relationship"):
        ids.append(rel.get("Id"))
        target, kind = rel.get("Target"), rel.get("Type")
        if rel.get("TargetMode") == "External":
            if kind != HYPERLINK or safe_url(target) != target:
                problems.append(f"{name}: external {kind.rsplit('/', 1)[-1]} to {target}")
            continue
        resolved = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(source_dir, target)
        )
        if resolved not in parts:
            problems.append(f"{name}: {rel.get('Id')} points at missing {resolved}")
    if len(ids) != len(set(ids)):
        problems.append(f"{name}: duplicate relationship ids")
    return problems


def _xml_problems(package: zipfile.ZipFile, name: str) -> list[str]:
    try:
        root = etree.fromstring(package.read(name))
    except etree.XMLSyntaxError as error:
        return [f"{name}: not well-formed: {error}"]
    qname = etree.QName(root)
    if qname.namespace == W and qname.localname in WML_ROOTS:
        return [f"{name}: {e}" for e in schema_errors(root)]
    if name == "docProps/core.xml":
        children = [c.tag for c in root]
        wrong = [t for t in children if t not in CORE_CHILDREN]
        twice = {t for t in children if children.count(t) > 1}
        return [f"{name}: unexpected {t}" for t in wrong] + [f"{name}: {t} twice" for t in twice]
    if name == "docProps/app.xml":
        children = [etree.QName(c).localname for c in root]
        wrong = [t for t in children if t not in APP_CHILDREN]
        twice = {t for t in children if children.count(t) > 1}
        return [f"{name}: unexpected {t}" for t in wrong] + [f"{name}: {t} twice" for t in twice]
    return []

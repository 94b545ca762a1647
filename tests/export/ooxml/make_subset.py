"""Write wml-subset.xsd from the element orders below (run once; the .xsd is committed).

The orders are the content models of ECMA-376 Part 1 (transitional), 4th edition,
for the complex types the export writes or carries over from its template,
copied element by element from the schema fragments printed in the standard
and checked by hand. Every element listed is optional, as it is in the
standard. A type marked OPEN accepts any content: its inside is not checked.
"""

from __future__ import annotations

from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Types whose children form a sequence, in the standard's order: (element, type, many).
SEQUENCES: dict[str, list[tuple[str, str, bool]]] = {
    "CT_Document": [("background", "OPEN", False), ("body", "CT_Body", False)],
    "CT_Body": [],  # below: a repeated choice of block content, then sectPr
    "CT_PPrBase": [
        (n, t, False)
        for n, t in [
            ("pStyle", "CT_Val"),
            ("keepNext", "CT_OnOff"),
            ("keepLines", "CT_OnOff"),
            ("pageBreakBefore", "CT_OnOff"),
            ("framePr", "OPEN"),
            ("widowControl", "CT_OnOff"),
            ("numPr", "CT_NumPr"),
            ("suppressLineNumbers", "CT_OnOff"),
            ("pBdr", "CT_PBdr"),
            ("shd", "CT_Attrs"),
            ("tabs", "CT_Tabs"),
            ("suppressAutoHyphens", "CT_OnOff"),
            ("kinsoku", "CT_OnOff"),
            ("wordWrap", "CT_OnOff"),
            ("overflowPunct", "CT_OnOff"),
            ("topLinePunct", "CT_OnOff"),
            ("autoSpaceDE", "CT_OnOff"),
            ("autoSpaceDN", "CT_OnOff"),
            ("bidi", "CT_OnOff"),
            ("adjustRightInd", "CT_OnOff"),
            ("snapToGrid", "CT_OnOff"),
            ("spacing", "CT_Attrs"),
            ("ind", "CT_Attrs"),
            ("contextualSpacing", "CT_OnOff"),
            ("mirrorIndents", "CT_OnOff"),
            ("suppressOverlap", "CT_OnOff"),
            ("jc", "CT_Val"),
            ("textDirection", "CT_Val"),
            ("textAlignment", "CT_Val"),
            ("textboxTightWrap", "CT_Val"),
            ("outlineLvl", "CT_Val"),
            ("divId", "CT_Val"),
            ("cnfStyle", "CT_Attrs"),
        ]
    ],
    "CT_RPr": [
        (n, t, False)
        for n, t in [
            ("rStyle", "CT_Val"),
            ("rFonts", "CT_Attrs"),
            ("b", "CT_OnOff"),
            ("bCs", "CT_OnOff"),
            ("i", "CT_OnOff"),
            ("iCs", "CT_OnOff"),
            ("caps", "CT_OnOff"),
            ("smallCaps", "CT_OnOff"),
            ("strike", "CT_OnOff"),
            ("dstrike", "CT_OnOff"),
            ("outline", "CT_OnOff"),
            ("shadow", "CT_OnOff"),
            ("emboss", "CT_OnOff"),
            ("imprint", "CT_OnOff"),
            ("noProof", "CT_OnOff"),
            ("snapToGrid", "CT_OnOff"),
            ("vanish", "CT_OnOff"),
            ("webHidden", "CT_OnOff"),
            ("color", "CT_Val"),
            ("spacing", "CT_Val"),
            ("w", "CT_Val"),
            ("kern", "CT_Val"),
            ("position", "CT_Val"),
            ("sz", "CT_Val"),
            ("szCs", "CT_Val"),
            ("highlight", "CT_Val"),
            ("u", "CT_Attrs"),
            ("effect", "CT_Val"),
            ("bdr", "CT_Attrs"),
            ("shd", "CT_Attrs"),
            ("fitText", "CT_Attrs"),
            ("vertAlign", "CT_Val"),
            ("rtl", "CT_OnOff"),
            ("cs", "CT_OnOff"),
            ("em", "CT_Val"),
            ("lang", "CT_Attrs"),
            ("eastAsianLayout", "CT_Attrs"),
            ("specVanish", "CT_OnOff"),
            ("oMath", "CT_OnOff"),
        ]
    ],
    "CT_TblPrBase": [
        (n, t, False)
        for n, t in [
            ("tblStyle", "CT_Val"),
            ("tblpPr", "CT_Attrs"),
            ("tblOverlap", "CT_Val"),
            ("bidiVisual", "CT_OnOff"),
            ("tblStyleRowBandSize", "CT_Val"),
            ("tblStyleColBandSize", "CT_Val"),
            ("tblW", "CT_Width"),
            ("jc", "CT_Val"),
            ("tblCellSpacing", "CT_Width"),
            ("tblInd", "CT_Width"),
            ("tblBorders", "CT_Borders"),
            ("shd", "CT_Attrs"),
            ("tblLayout", "CT_Attrs"),
            ("tblCellMar", "CT_Margins"),
            ("tblLook", "CT_Attrs"),
            ("tblCaption", "CT_Val"),
            ("tblDescription", "CT_Val"),
        ]
    ],
    "CT_TcPr": [
        (n, t, False)
        for n, t in [
            ("cnfStyle", "CT_Attrs"),
            ("tcW", "CT_Width"),
            ("gridSpan", "CT_Val"),
            ("hMerge", "CT_Attrs"),
            ("vMerge", "CT_Attrs"),
            ("tcBorders", "CT_Borders"),
            ("shd", "CT_Attrs"),
            ("noWrap", "CT_OnOff"),
            ("tcMar", "CT_Margins"),
            ("textDirection", "CT_Val"),
            ("tcFitText", "CT_OnOff"),
            ("vAlign", "CT_Val"),
            ("hideMark", "CT_OnOff"),
        ]
    ],
    "CT_Borders": [
        (n, "CT_Attrs", False)
        for n in (
            "top",
            "left",
            "start",
            "bottom",
            "right",
            "end",
            "insideH",
            "insideV",
            "tl2br",
            "tr2bl",
        )
    ],
    "CT_PBdr": [
        (n, "CT_Attrs", False) for n in ("top", "left", "bottom", "right", "between", "bar")
    ],
    "CT_Margins": [
        (n, "CT_Width", False) for n in ("top", "left", "start", "bottom", "right", "end")
    ],
    "CT_NumPr": [("ilvl", "CT_Val", False), ("numId", "CT_Val", False)],
    "CT_Tabs": [("tab", "CT_Attrs", True)],
    "CT_TblGrid": [("gridCol", "CT_GridCol", True)],
    "CT_Styles": [
        ("docDefaults", "CT_DocDefaults", False),
        ("latentStyles", "OPEN", False),
        ("style", "CT_Style", True),
    ],
    "CT_DocDefaults": [
        ("rPrDefault", "CT_RPrDefault", False),
        ("pPrDefault", "CT_PPrDefault", False),
    ],
    "CT_RPrDefault": [("rPr", "CT_RPr", False)],
    "CT_PPrDefault": [("pPr", "CT_PPrBase", False)],
    "CT_Style": [
        (n, t, n == "tblStylePr")
        for n, t in [
            ("name", "CT_Val"),
            ("aliases", "CT_Val"),
            ("basedOn", "CT_Val"),
            ("next", "CT_Val"),
            ("link", "CT_Val"),
            ("autoRedefine", "CT_OnOff"),
            ("hidden", "CT_OnOff"),
            ("uiPriority", "CT_Val"),
            ("semiHidden", "CT_OnOff"),
            ("unhideWhenUsed", "CT_OnOff"),
            ("qFormat", "CT_OnOff"),
            ("locked", "CT_OnOff"),
            ("personal", "CT_OnOff"),
            ("personalCompose", "CT_OnOff"),
            ("personalReply", "CT_OnOff"),
            ("rsid", "CT_Val"),
            ("pPr", "CT_PPrBase"),
            ("rPr", "CT_RPr"),
            ("tblPr", "CT_TblPrBase"),
            ("trPr", "CT_TrPr"),
            ("tcPr", "CT_TcPr"),
            ("tblStylePr", "CT_TblStylePr"),
        ]
    ],
    "CT_TblStylePr": [
        ("pPr", "CT_PPrBase", False),
        ("rPr", "CT_RPr", False),
        ("tblPr", "CT_TblPrBase", False),
        ("trPr", "CT_TrPr", False),
        ("tcPr", "CT_TcPr", False),
    ],
    "CT_Settings": [
        (n, t, n in ("activeWritingStyle", "smartTagType"))
        for n, t in [
            ("writeProtection", "CT_Attrs"),
            ("view", "CT_Val"),
            ("zoom", "CT_Zoom"),
            ("removePersonalInformation", "CT_OnOff"),
            ("removeDateAndTime", "CT_OnOff"),
            ("doNotDisplayPageBoundaries", "CT_OnOff"),
            ("displayBackgroundShape", "CT_OnOff"),
            ("printPostScriptOverText", "CT_OnOff"),
            ("printFractionalCharacterWidth", "CT_OnOff"),
            ("printFormsData", "CT_OnOff"),
            ("embedTrueTypeFonts", "CT_OnOff"),
            ("embedSystemFonts", "CT_OnOff"),
            ("saveSubsetFonts", "CT_OnOff"),
            ("saveFormsData", "CT_OnOff"),
            ("mirrorMargins", "CT_OnOff"),
            ("alignBordersAndEdges", "CT_OnOff"),
            ("bordersDoNotSurroundHeader", "CT_OnOff"),
            ("bordersDoNotSurroundFooter", "CT_OnOff"),
            ("gutterAtTop", "CT_OnOff"),
            ("hideSpellingErrors", "CT_OnOff"),
            ("hideGrammaticalErrors", "CT_OnOff"),
            ("activeWritingStyle", "CT_Attrs"),
            ("proofState", "CT_Attrs"),
            ("formsDesign", "CT_OnOff"),
            ("attachedTemplate", "CT_Attrs"),
            ("linkStyles", "CT_OnOff"),
            ("stylePaneFormatFilter", "CT_Attrs"),
            ("stylePaneSortMethod", "CT_Val"),
            ("documentType", "CT_Val"),
            ("mailMerge", "OPEN"),
            ("revisionView", "CT_Attrs"),
            ("trackRevisions", "CT_OnOff"),
            ("doNotTrackMoves", "CT_OnOff"),
            ("doNotTrackFormatting", "CT_OnOff"),
            ("documentProtection", "CT_Attrs"),
            ("autoFormatOverride", "CT_OnOff"),
            ("styleLockTheme", "CT_OnOff"),
            ("styleLockQFSet", "CT_OnOff"),
            ("defaultTabStop", "CT_Val"),
            ("autoHyphenation", "CT_OnOff"),
            ("consecutiveHyphenLimit", "CT_Val"),
            ("hyphenationZone", "CT_Val"),
            ("doNotHyphenateCaps", "CT_OnOff"),
            ("showEnvelope", "CT_OnOff"),
            ("summaryLength", "CT_Val"),
            ("clickAndTypeStyle", "CT_Val"),
            ("defaultTableStyle", "CT_Val"),
            ("evenAndOddHeaders", "CT_OnOff"),
            ("bookFoldRevPrinting", "CT_OnOff"),
            ("bookFoldPrinting", "CT_OnOff"),
            ("bookFoldPrintingSheets", "CT_Val"),
            ("drawingGridHorizontalSpacing", "CT_Val"),
            ("drawingGridVerticalSpacing", "CT_Val"),
            ("displayHorizontalDrawingGridEvery", "CT_Val"),
            ("displayVerticalDrawingGridEvery", "CT_Val"),
            ("doNotUseMarginsForDrawingGridOrigin", "CT_OnOff"),
            ("drawingGridHorizontalOrigin", "CT_Val"),
            ("drawingGridVerticalOrigin", "CT_Val"),
            ("doNotShadeFormData", "CT_OnOff"),
            ("noPunctuationKerning", "CT_OnOff"),
            ("characterSpacingControl", "CT_Val"),
            ("printTwoOnOne", "CT_OnOff"),
            ("strictFirstAndLastChars", "CT_OnOff"),
            ("noLineBreaksAfter", "CT_Attrs"),
            ("noLineBreaksBefore", "CT_Attrs"),
            ("savePreviewPicture", "CT_OnOff"),
            ("doNotValidateAgainstSchema", "CT_OnOff"),
            ("saveInvalidXml", "CT_OnOff"),
            ("ignoreMixedContent", "CT_OnOff"),
            ("alwaysShowPlaceholderText", "CT_OnOff"),
            ("doNotDemarcateInvalidXml", "CT_OnOff"),
            ("saveXmlDataOnly", "CT_OnOff"),
            ("useXSLTWhenSaving", "CT_OnOff"),
            ("saveThroughXslt", "CT_Attrs"),
            ("showXMLTags", "CT_OnOff"),
            ("alwaysMergeEmptyNamespace", "CT_OnOff"),
            ("updateFields", "CT_OnOff"),
            ("hdrShapeDefaults", "OPEN"),
            ("footnotePr", "OPEN"),
            ("endnotePr", "OPEN"),
            ("compat", "OPEN"),
            ("docVars", "OPEN"),
            ("rsids", "OPEN"),
            ("{math}mathPr", ""),
            ("attachedSchema", "CT_Val"),
            ("themeFontLang", "CT_Attrs"),
            ("clrSchemeMapping", "CT_Attrs"),
            ("doNotIncludeSubdocsInStats", "CT_OnOff"),
            ("doNotAutoCompressPictures", "CT_OnOff"),
            ("forceUpgrade", "CT_Attrs"),
            ("captions", "OPEN"),
            ("readModeInkLockDown", "CT_Attrs"),
            ("smartTagType", "CT_Attrs"),
            ("{sl}schemaLibrary", ""),
            ("shapeDefaults", "OPEN"),
            ("doNotEmbedSmartTags", "CT_OnOff"),
            ("decimalSymbol", "CT_Val"),
            ("listSeparator", "CT_Val"),
        ]
    ],
}
FOREIGN = {
    "math": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}
SECT_PR = [
    ("footnotePr", "OPEN"),
    ("endnotePr", "OPEN"),
    ("type", "CT_Val"),
    ("pgSz", "CT_Attrs"),
    ("pgMar", "CT_Attrs"),
    ("paperSrc", "CT_Attrs"),
    ("pgBorders", "OPEN"),
    ("lnNumType", "CT_Attrs"),
    ("pgNumType", "CT_Attrs"),
    ("cols", "OPEN"),
    ("formProt", "CT_OnOff"),
    ("vAlign", "CT_Val"),
    ("noEndnote", "CT_OnOff"),
    ("titlePg", "CT_OnOff"),
    ("textDirection", "CT_Val"),
    ("bidi", "CT_OnOff"),
    ("rtlGutter", "CT_OnOff"),
    ("docGrid", "CT_Attrs"),
    ("printerSettings", "CT_Attrs"),
]
BLOCK = ("p", "tbl", "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd")
RUN_CONTENT = [
    ("t", "CT_Text"),
    ("br", "CT_Attrs"),
    ("tab", "CT_Attrs"),
    ("cr", "CT_Attrs"),
    ("noBreakHyphen", "CT_Attrs"),
    ("softHyphen", "CT_Attrs"),
    ("sym", "CT_Attrs"),
    ("fldChar", "CT_FldChar"),
    ("instrText", "CT_Text"),
    ("commentReference", "CT_Attrs"),
    ("annotationRef", "CT_Attrs"),
    ("lastRenderedPageBreak", "CT_Attrs"),
    ("footnoteReference", "CT_Attrs"),
    ("endnoteReference", "CT_Attrs"),
    ("drawing", "OPEN"),
    ("pict", "OPEN"),
]
P_CONTENT = [
    ("r", "CT_R"),
    ("hyperlink", "CT_Hyperlink"),
    ("fldSimple", "CT_FldSimple"),
    ("bookmarkStart", "CT_Attrs"),
    ("bookmarkEnd", "CT_Attrs"),
    ("commentRangeStart", "CT_Attrs"),
    ("commentRangeEnd", "CT_Attrs"),
    ("proofErr", "CT_Attrs"),
]


def _element(name: str, type_: str, many: bool) -> str:
    occurs = ' maxOccurs="unbounded"' if many else ""
    if name.startswith("{"):
        key = name[1:].split("}")[0]
        return f'<xs:any namespace="{FOREIGN[key]}" processContents="skip" minOccurs="0"/>'
    return f'<xs:element name="{name}" type="{type_}" minOccurs="0"{occurs}/>'


def _sequence(name: str, items: list[tuple[str, str, bool]], extra: str = "") -> str:
    body = "".join(_element(*item) for item in items)
    return (
        f'<xs:complexType name="{name}"><xs:sequence>{body}</xs:sequence>'
        f'{extra}<xs:anyAttribute processContents="skip"/></xs:complexType>'
    )


def _choice(
    name: str, items: list[tuple[str, str]], before: str = "", after: str = "", mixed: bool = False
) -> str:
    options = "".join(f'<xs:element name="{n}" type="{t}"/>' for n, t in items)
    flag = ' mixed="true"' if mixed else ""
    return (
        f'<xs:complexType name="{name}"{flag}><xs:sequence>{before}'
        f'<xs:choice minOccurs="0" maxOccurs="unbounded">{options}</xs:choice>{after}'
        f'</xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType>'
    )


def build() -> str:
    types = []
    for name, items in SEQUENCES.items():
        if name == "CT_Body":
            continue
        types.append(_sequence(name, items))
    types.append(
        _sequence(
            "CT_PPr",
            [
                *SEQUENCES["CT_PPrBase"],
                ("rPr", "CT_RPr", False),
                ("sectPr", "CT_SectPr", False),
                ("pPrChange", "OPEN", False),
            ],
        )
    )
    types.append(
        _sequence("CT_TblPr", [*SEQUENCES["CT_TblPrBase"], ("tblPrChange", "OPEN", False)])
    )
    refs = (
        '<xs:choice minOccurs="0" maxOccurs="6">'
        '<xs:element name="headerReference" type="CT_Attrs"/>'
        '<xs:element name="footerReference" type="CT_Attrs"/></xs:choice>'
    )
    sect = "".join(_element(n, t, False) for n, t in SECT_PR)
    types.append(
        f'<xs:complexType name="CT_SectPr"><xs:sequence>{refs}{sect}'
        '<xs:element name="sectPrChange" type="OPEN" minOccurs="0"/></xs:sequence>'
        '<xs:anyAttribute processContents="skip"/></xs:complexType>'
    )
    block = [(n, {"p": "CT_P", "tbl": "CT_Tbl"}.get(n, "CT_Attrs")) for n in BLOCK]
    types.append(
        _choice(
            "CT_Body", block, after='<xs:element name="sectPr" type="CT_SectPr" minOccurs="0"/>'
        )
    )
    types.append(_choice("CT_HdrFtr", block))
    types.append(
        _choice("CT_P", P_CONTENT, before='<xs:element name="pPr" type="CT_PPr" minOccurs="0"/>')
    )
    types.append(
        _choice("CT_R", RUN_CONTENT, before='<xs:element name="rPr" type="CT_RPr" minOccurs="0"/>')
    )
    types.append(_choice("CT_Hyperlink", P_CONTENT))
    types.append(_choice("CT_FldSimple", P_CONTENT))
    types.append(
        _choice("CT_Tc", block, before='<xs:element name="tcPr" type="CT_TcPr" minOccurs="0"/>')
    )
    types.append(
        '<xs:complexType name="CT_Tbl"><xs:sequence>'
        '<xs:element name="tblPr" type="CT_TblPr"/><xs:element name="tblGrid" type="CT_TblGrid"/>'
        '<xs:element name="tr" type="CT_Row" minOccurs="0" maxOccurs="unbounded"/>'
        "</xs:sequence></xs:complexType>"
    )
    types.append(
        '<xs:complexType name="CT_Row"><xs:sequence>'
        '<xs:element name="tblPrEx" type="OPEN" minOccurs="0"/>'
        '<xs:element name="trPr" type="CT_TrPr" minOccurs="0"/>'
        '<xs:element name="tc" type="CT_Tc" minOccurs="0" maxOccurs="unbounded"/>'
        '</xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType>'
    )
    tr_pr = [
        (n, "CT_Attrs")
        for n in (
            "cnfStyle",
            "divId",
            "gridBefore",
            "gridAfter",
            "wBefore",
            "wAfter",
            "cantSplit",
            "trHeight",
            "tblHeader",
            "tblCellSpacing",
            "jc",
            "hidden",
        )
    ]
    types.append(_choice("CT_TrPr", tr_pr))
    types.append(_choice("CT_Comments", [("comment", "CT_Comment")]))
    types.append(_choice("CT_Comment", block))
    types += [
        '<xs:complexType name="OPEN" mixed="true"><xs:sequence><xs:any minOccurs="0" '
        'maxOccurs="unbounded" processContents="skip"/></xs:sequence>'
        '<xs:anyAttribute processContents="skip"/></xs:complexType>',
        '<xs:complexType name="CT_Attrs">'
        '<xs:anyAttribute processContents="skip"/></xs:complexType>',
        '<xs:complexType name="CT_OnOff">'
        '<xs:attribute name="val" type="ST_OnOff"/></xs:complexType>',
        # w:val is what these elements are for; some also carry theme attributes (colour).
        '<xs:complexType name="CT_Val"><xs:attribute name="val" use="required"/>'
        '<xs:anyAttribute processContents="skip"/></xs:complexType>',
        '<xs:complexType name="CT_Width"><xs:attribute name="w"/><xs:attribute name="type" '
        'type="ST_TblWidth"/></xs:complexType>',
        '<xs:complexType name="CT_GridCol">'
        '<xs:attribute name="w" type="xs:integer"/></xs:complexType>',
        # ECMA-376 transitional: CT_Zoom's percent is required, its val optional.
        '<xs:complexType name="CT_Zoom"><xs:attribute name="val" type="ST_Zoom"/>'
        '<xs:attribute name="percent" use="required"/></xs:complexType>',
        '<xs:complexType name="CT_FldChar"><xs:sequence><xs:any minOccurs="0" '
        'maxOccurs="unbounded" processContents="skip"/></xs:sequence>'
        '<xs:attribute name="fldCharType" use="required" type="ST_FldCharType"/>'
        '<xs:anyAttribute processContents="skip"/></xs:complexType>',
        '<xs:complexType name="CT_Text"><xs:simpleContent><xs:extension base="xs:string">'
        '<xs:anyAttribute namespace="##other" processContents="skip"/></xs:extension>'
        "</xs:simpleContent></xs:complexType>",
        _enum("ST_OnOff", ["true", "false", "on", "off", "0", "1"]),
        _enum("ST_TblWidth", ["nil", "pct", "dxa", "auto"]),
        _enum("ST_Zoom", ["none", "fullPage", "bestFit", "textFit"]),
        _enum("ST_FldCharType", ["begin", "separate", "end"]),
    ]
    roots = {
        "document": "CT_Document",
        "hdr": "CT_HdrFtr",
        "ftr": "CT_HdrFtr",
        "comments": "CT_Comments",
        "styles": "CT_Styles",
        "settings": "CT_Settings",
    }
    elements = "".join(f'<xs:element name="{n}" type="{t}"/>' for n, t in roots.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!-- Generated by make_subset.py: a hand-checked subset of ECMA-376 wml.xsd. -->\n"
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="{W}" '
        f'targetNamespace="{W}" elementFormDefault="qualified" attributeFormDefault="qualified">\n'
        + "\n".join([elements, *types])
        + "\n</xs:schema>\n"
    )


def _enum(name: str, values: list[str]) -> str:
    options = "".join(f'<xs:enumeration value="{v}"/>' for v in values)
    return (
        f'<xs:simpleType name="{name}"><xs:restriction base="xs:string">{options}'
        "</xs:restriction></xs:simpleType>"
    )


if __name__ == "__main__":
    out = Path(__file__).with_name("wml-subset.xsd")
    out.write_text(build(), encoding="utf-8")
    print(f"wrote {out}")

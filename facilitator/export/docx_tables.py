"""Word tables done properly: widths that break no word, rows that stay whole and together.

* Column widths come from the text itself (:mod:`facilitator.export.columns`,
  measured with :mod:`facilitator.export.measure`) and are written both as the
  grid and on every cell, so Word and LibreOffice agree.
* Every row is ``cantSplit``: a row never starts on one page and ends on the next.
* Rows are kept with the next one (``keepNext`` on their paragraphs) where a
  page break would strand a row: the header with the first two rows, the last
  two rows together, and a short table as a whole.
* Each table carries alternative text (``tblCaption`` and ``tblDescription``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable

from facilitator.export.columns import SHORT_TABLE_ROWS, Column, fit_widths
from facilitator.export.measure import longest_word, text_width
from facilitator.export.textsafe import export_text

_EMU_PER_PT = 12700
_TWIPS_PER_PT = 20
_CALIBRI = {"calibri", "carlito"}
_WORD_DEFAULT_PADDING_PT = 2 * 5.4  # Word's default cell margins, left and right
_UNKNOWN_FONT_FACTOR = 1.15  # a template in another face: assume it runs wider than Calibri
_CALIBRI_FACTOR = 1.03  # rounding, kerning and bold digits in the header


@dataclass(frozen=True)
class Metrics:
    """What width estimates need to know about the template's table text."""

    size_pt: float
    padding_pt: float
    factor: float

    @classmethod
    def of(cls, document: Document, table_style: str | None) -> Metrics:
        styles = document.styles.element
        size = _half_points(
            styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        )
        padding = None
        if table_style:
            style = document.styles[table_style].element
            size = _half_points(style.find(qn("w:rPr"))) or size
            margins = style.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
            if margins is not None:
                padding = sum(_twips(margins.find(qn(f"w:{side}"))) for side in ("left", "right"))
        fonts = styles.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
        )
        face = (fonts.get(qn("w:ascii")) or "") if fonts is not None else ""
        factor = _CALIBRI_FACTOR if face.strip().lower() in _CALIBRI else _UNKNOWN_FONT_FACTOR
        return cls(size or 11.0, padding or _WORD_DEFAULT_PADDING_PT, factor)


def _half_points(r_pr: object) -> float | None:
    if r_pr is None:
        return None
    sz = r_pr.find(qn("w:sz"))  # type: ignore[attr-defined]
    try:
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else None
    except (TypeError, ValueError):
        return None


def _twips(element: object) -> float:
    if element is None:
        return 0.0
    try:
        return int(element.get(qn("w:w"))) / _TWIPS_PER_PT  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return 0.0


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    weights: Sequence[float],
    nowrap: Sequence[bool],
    total_pt: float,
    metrics: Metrics,
    *,
    bold_columns: Sequence[int] = (),
) -> list[float]:
    """Return each column's width in points so that no word breaks, if the page allows."""
    size, factor, pad = metrics.size_pt, metrics.factor, metrics.padding_pt
    columns = []
    for i, header in enumerate(headers):
        bold = i in bold_columns
        head = longest_word(header, size, bold=True)
        line = word = head
        for row in rows:
            value = export_text(row[i])
            if nowrap[i]:
                for part in value.split("\n"):
                    line = max(line, text_width(part, size, bold=bold))
            word = max(word, longest_word(value, size, bold=bold))
        columns.append(
            Column(line * factor + pad, word * factor + pad, weights[i], bool(nowrap[i]))
        )
    return fit_widths(total_pt, columns)


def apply_widths(table: DocxTable, widths_pt: Sequence[float]) -> None:
    """Write the widths into the grid, the table and every cell; the layout is fixed."""
    twips = set_grid(table, widths_pt)
    for tr in table._tbl.tr_lst:
        set_cell_widths(tr, twips)


def set_cell_widths(tr: object, twips: Sequence[int]) -> None:
    """Give each cell of a row its width, honouring cells that span columns."""
    column = 0
    for tc in tr.tc_lst:  # type: ignore[attr-defined]
        span = tc.grid_span
        width = sum(twips[column : column + span])
        column += span
        tc_pr = tc.get_or_add_tcPr()
        tc_w = tc_pr.find(qn("w:tcW"))
        if tc_w is None:
            tc_w = OxmlElement("w:tcW")
            tc_pr.insert(0 if tc_pr.find(qn("w:cnfStyle")) is None else 1, tc_w)
        tc_w.set(qn("w:type"), "dxa")
        tc_w.set(qn("w:w"), str(width))


def cant_split(tr: object) -> None:
    """Keep the row on one page."""
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(OxmlElement("w:cantSplit"))


def _keep_with_next(tr: object) -> None:
    for p in tr.iter(qn("w:p")):  # type: ignore[attr-defined]
        p_pr = p.get_or_add_pPr()
        if p_pr.find(qn("w:keepNext")) is None:
            # keepNext follows only pStyle in a paragraph's properties.
            p_pr.insert(
                1 if p_pr.find(qn("w:pStyle")) is not None else 0, OxmlElement("w:keepNext")
            )


def keep_flags(rows: int, *, header: bool) -> list[bool]:
    """Which of a table's rows to keep with the next one, so that no row is left alone.

    A short table stays together; a long one keeps its header with the first two
    rows and its last two rows together.
    """
    body = rows - 1 if header else rows
    if body <= 0:
        return [False] * rows
    if body <= SHORT_TABLE_ROWS:
        return [i < rows - 1 for i in range(rows)]
    flags = [False] * rows
    first = 1 if header else 0
    if header:
        flags[0] = True
    flags[first] = True
    flags[rows - 2] = True
    return flags


def keep_with_next(tr: object) -> None:
    """Keep this row on the same page as the next one."""
    _keep_with_next(tr)


def keep_rows_together(table: DocxTable, *, header: bool) -> None:
    """Make every row unsplittable and keep rows together so that none is left alone."""
    rows = list(table._tbl.tr_lst)
    for tr, keep in zip(rows, keep_flags(len(rows), header=header), strict=True):
        cant_split(tr)
        if keep:
            _keep_with_next(tr)


def set_grid(table: DocxTable, widths_pt: Sequence[float]) -> list[int]:
    """Write the column widths into the grid and the table width; return them in twips."""
    twips = [max(int(w * _TWIPS_PER_PT), 1) for w in widths_pt]
    tbl = table._tbl
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, twips, strict=True):
        grid_col.w = width * (_EMU_PER_PT // _TWIPS_PER_PT)
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(
            tbl_w,
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        )
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(twips)))
    return twips


def set_alt_text(table: DocxTable, title: str, description: str = "") -> None:
    """Give the table alternative text, which screen readers announce."""
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", title), ("w:tblDescription", description or title)):
        if not value:
            continue
        element = tbl_pr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            tbl_pr.append(element)  # caption and description close the table properties
        element.set(qn("w:val"), export_text(value)[:255])


def shade(tr: object, fill: str) -> None:
    """Give every cell of a row a background colour."""
    for tc in tr.tc_lst:  # type: ignore[attr-defined]
        tc_pr = tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        # shd comes after the width, span, merge and borders of a cell.
        later = [tc_pr.find(qn(t)) for t in ("w:noWrap", "w:tcMar", "w:textDirection", "w:vAlign")]
        anchor = next((e for e in later if e is not None), None)
        if anchor is not None:
            anchor.addprevious(shd)
        else:
            tc_pr.append(shd)

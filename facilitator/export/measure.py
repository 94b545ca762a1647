"""How wide a text is in the Word export's font, without a display or a font file.

Word lays the document out, so the export cannot ask it how wide a column must
be. It works it out from Calibri's glyph widths instead (shipped as
``facilitator.resources/fonts/calibri-widths.json``, measured on the
metric-compatible Carlito). Characters the table lacks are counted generously,
so an estimate errs towards a column that is a little too wide, never one that
breaks a word.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

_UNKNOWN_EM = 0.62  # wider than any Latin lowercase letter in Calibri
_WIDE_EM = 1.0  # CJK ideographs and full-width forms


@cache
def _table() -> tuple[dict[str, float], dict[str, float]]:
    source = resources.files("facilitator.resources") / "fonts" / "calibri-widths.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    em = float(data["units_per_em"])
    regular = {c: w / em for c, w in data["regular"].items()}
    bold = {c: w / em for c, w in data["bold"].items()}
    return regular, bold


def _char_em(char: str, table: dict[str, float]) -> float:
    known = table.get(char)
    if known is not None:
        return known
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE_EM
    return _UNKNOWN_EM


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the width of ``text`` on one line, in points, at ``size_pt``."""
    regular, heavy = _table()
    table = heavy if bold else regular
    return sum(_char_em(c, table) for c in text) * size_pt


def longest_word(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the width in points of the widest word: the narrowest a column can be."""
    words = text.split()
    return max((text_width(w, size_pt, bold=bold) for w in words), default=0.0)

"""The look of the PDF export: faces, sizes and colours, matching the Word template."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QFont, QFontDatabase

#: Faces in order of preference; the first one installed is used, the rest are fallbacks
#: Qt consults glyph by glyph (Hebrew, Arabic, emoji).
FACES = (
    "Calibri",
    "Carlito",
    "Segoe UI",
    "Helvetica Neue",
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Arial",
)
EMOJI_FACES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji Mozilla")

INK = QColor("#22262E")
NAVY = QColor("#1F3A5F")
BLUE = QColor("#2E5A88")
GREY = QColor("#5A6472")
LINK = QColor("#1F5FAD")
RULE = QColor("#C8CED6")
BAND = QColor("#F2F4F7")
PANEL = QColor("#EEF2F7")
WHITE = QColor("#FFFFFF")


@dataclass(frozen=True)
class Sizes:
    """Point sizes of each kind of text."""

    body: float = 10.5
    table: float = 9.5
    note: float = 9.0
    title: float = 22.0
    subtitle: float = 12.0
    heading1: float = 15.0
    heading2: float = 12.0
    header: float = 8.5


SIZES = Sizes()


@cache
def families() -> tuple[str, ...]:
    """The installed faces from :data:`FACES` and :data:`EMOJI_FACES`, best first."""
    installed = set(QFontDatabase.families())
    chosen = [f for f in FACES if f in installed]
    chosen += [f for f in EMOJI_FACES if f in installed]
    return tuple(chosen or ["Sans Serif"])


def font(size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the export's faces at ``size`` points (a copy: callers may change it)."""
    return QFont(_font(size, bold, italic))


@cache
def _font(size: float, bold: bool, italic: bool) -> QFont:
    result = QFont()
    result.setFamilies(list(families()))
    result.setPointSizeF(size)
    result.setBold(bold)
    result.setItalic(italic)
    # Hinting would fit glyphs to the printer's pixel grid and change widths between devices.
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # Qt's PDF writer gives a ligature glyph such as "ti" no text, so copying, searching and
    # screen readers would lose those letters: draw them one by one.
    for tag in ("liga", "clig"):
        result.setFeature(QFont.Tag(tag), 0)
    return result

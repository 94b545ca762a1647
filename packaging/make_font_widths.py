"""Build resources/fonts/calibri-widths.json, the glyph widths the Word export sizes columns by.

Run it after changing the export font and commit the JSON it writes:

    .venv/bin/python packaging/make_font_widths.py [Regular.ttf Bold.ttf]

Word lays out the document, not us, so column widths are worked out from the
widths of the template's font. Carlito has the same metrics as Calibri (it was
made to be metric-compatible), so its widths are Calibri's; the defaults are
the Debian package ``fonts-crosextra-carlito``. Widths are in thousandths of an em.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication, QRawFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "calibri-widths.json"
DEFAULTS = (
    "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
    "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf",
)
# Printable ASCII, Latin-1, Latin Extended-A and the punctuation exports use.
CHARS = (
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x180)]
    + list("–—‘’‚“”„•…‹›€™→←★·−")
)
EM = 1000


def widths(path: str) -> dict[str, int]:
    font = QRawFont(path, EM, QFont.HintingPreference.PreferNoHinting)
    if not font.isValid():
        raise SystemExit(f"cannot read the font {path}")
    table = {}
    for char in CHARS:
        glyphs = font.glyphIndexesForString(char)
        if glyphs and glyphs[0]:
            table[char] = round(font.advancesForGlyphIndexes(glyphs)[0].x())
    return table


def main(argv: list[str]) -> int:
    regular, bold = argv[1:3] if len(argv) >= 3 else DEFAULTS
    _app = QGuiApplication(["make_font_widths", "-platform", "offscreen"])
    data = {
        "font": "Calibri (measured on the metric-compatible Carlito)",
        "units_per_em": EM,
        "regular": widths(regular),
        "bold": widths(bold),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Text as every document format publishes it: no control characters, no bidi overrides.

The embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
make a line *display* in a different order from the characters it holds: the
"Trojan Source" trick. Typed by accident or pasted on purpose, they would let a
published debrief read differently from what the room wrote. The documents
(Word, Markdown, PDF) drop them, so readers see the characters in the order
they were typed; right-to-left scripts still read right to left, because that
comes from the letters themselves. The JSON interchange keeps them as ``\\u``
escapes instead (:func:`facilitator.domain.text.escape_bidi_controls`), so a
backup loses nothing.
"""

from __future__ import annotations

import unicodedata

from facilitator.domain.text import clean_text, strip_bidi_controls


def export_text(text: str) -> str:
    """Return ``text`` as a document shows it: no control characters, no bidi controls."""
    return strip_bidi_controls(clean_text(text))


def is_right_to_left(text: str) -> bool:
    """Return True when the first strongly directional letter is Arabic, Hebrew or similar."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False

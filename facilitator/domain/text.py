"""Text hygiene shared by every layer that accepts or writes user text."""

from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls; lone surrogates.
# None of these can live in a Word document's XML, and none is ever typed on purpose.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

#: Largest text one field accepts. A debrief note bigger than this is a paste gone wrong.
MAX_FIELD_CHARS = 1_000_000


def clean_text(text: str) -> str:
    """Return ``text`` without control characters, keeping tabs, newlines and all printable text.

    Emoji, right-to-left marks and other format characters are kept: they are
    meaningful to the person who typed them.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("", text.replace("\r\n", "\n"))


def unsafe_characters(text: str) -> list[int]:
    """Return the offsets of characters :func:`clean_text` would remove."""
    return [m.start() for m in _UNSAFE.finditer(text)]


#: The explicit directional formatting characters (embeddings, overrides, isolates): they make
#: a line display in another order than the characters it holds ("Trojan Source").
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi_controls(text: str) -> str:
    """Return ``text`` without directional embedding, override or isolate characters."""
    if _BIDI.search(text) is None:
        return text
    return _BIDI.sub("", text)


def escape_bidi_controls(json_text: str) -> str:
    r"""Write each bidi control in JSON text as its ``\uXXXX`` escape.

    JSON readers turn the escape back into the same character, so the document
    stays lossless, while an editor, a diff or a code review shows ``\u202e``
    instead of silently reordering the line. Only for JSON output: there these
    characters can occur only inside strings, where an escape is legal.
    """
    if _BIDI.search(json_text) is None:
        return json_text
    return _BIDI.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json_text)

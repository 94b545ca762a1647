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

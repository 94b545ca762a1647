"""Turning the bytes of a text source into text, and refusing a file of mixed encodings.

Chat logs and CSV files arrive as UTF-8 (with or without a byte-order mark),
UTF-16 from Windows tools, or an old single-byte code page. A file that holds
valid UTF-8 in one place and other bytes in another was pasted together from
two sources; guessing would garble one of them, so it is refused with the line
where the encodings change.
"""

from __future__ import annotations

import codecs
import re

from facilitator.evidence.errors import EvidenceError

# A well-formed UTF-8 sequence of two to four bytes (no overlongs, no surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def decode_text(data: bytes, name: str) -> str:
    """Return ``data`` as text with "\\n" line ends; raise EvidenceError when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        text = _utf8(data[len(codecs.BOM_UTF8) :], name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise EvidenceError(f"{name}: damaged UTF-16 text; save it as UTF-8") from None
    elif b"\x00" in data[:4096]:
        raise EvidenceError(f"{name} looks like a binary file, not text")
    else:
        text = _utf8(data, name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        first_good = _UTF8_MULTIBYTE.search(data)
        if first_good is not None:
            good_line = data.count(b"\n", 0, first_good.start()) + 1
            raise EvidenceError(
                f"{name} mixes text encodings: line {good_line} is UTF-8 but line {bad_line} "
                "is not; save the whole file as UTF-8 and try again"
            ) from None
    # No UTF-8 at all: an old single-byte file. Windows-1252 is what such chat and
    # spreadsheet exports use; bytes it leaves undefined are read as Latin-1.
    return data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")


def _cp1252_ok(data: bytes) -> bool:
    return not any(byte in data for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))

"""The document language and paper size an export uses when nobody chose one.

The language is a BCP 47 tag ("en-GB", "de-DE", "he-IL"): Word and screen
readers use it for spelling, hyphenation and voice. It defaults to the system
locale, as the desktop reports it. The paper follows the language's region:
Letter in North America and the few other places that use it, A4 elsewhere.
"""

from __future__ import annotations

import locale
import os
import re
import sys

#: Regions whose offices print on US Letter.
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "GT", "CR", "PA"})
PAPERS = ("a4", "letter")
#: When the system names no language (the C or POSIX locale), say English, no region.
FALLBACK_LANGUAGE = "en"
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def normalise_language(value: str) -> str:
    """Turn "de_DE.UTF-8", "pt_br" or "en-gb" into a BCP 47 tag; "" when it is not one."""
    value = value.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    if not value or value.upper() in ("C", "POSIX") or not _TAG.match(value):
        return ""
    parts = value.split("-")
    tag = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2:
            tag.append(part.upper())
        elif len(part) == 4:
            tag.append(part.capitalize())
        else:
            tag.append(part.lower())
    return "-".join(tag)


def _windows_language() -> str:
    try:
        import ctypes

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return ""
    return normalise_language(locale.windows_locale.get(lcid, ""))


def system_language() -> str:
    """Return the desktop's language as a BCP 47 tag, or "en" when it names none."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        tag = normalise_language(os.environ.get(name, ""))
        if tag:
            return tag
    if sys.platform == "win32":
        tag = _windows_language()
        if tag:
            return tag
    current = locale.getlocale(locale.LC_CTYPE)[0] or ""
    return normalise_language(current) or FALLBACK_LANGUAGE


def paper_for(language: str) -> str:
    """Return "letter" for a language tag whose region prints on Letter, else "a4"."""
    regions = [p for p in normalise_language(language).split("-")[1:] if len(p) == 2]
    return "letter" if regions and regions[0] in LETTER_REGIONS else "a4"

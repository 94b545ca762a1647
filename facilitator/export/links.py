"""Which texts become live links in an export, and how a ticket link is labelled.

Only web and mail addresses go live: a ticket field must not turn into a
``file:`` or script link in a document that travels. Spaces, quotes and angle
brackets inside an address are percent-encoded, so a wiki page address typed
with spaces still opens in Word, in a PDF viewer and on GitHub, and a bidi
override hidden in an address is shown as the escape it is.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

from facilitator.domain.text import BIDI_CONTROLS

_LINK_SCHEMES = {"http", "https", "mailto"}
_TICKET_KEY = re.compile(r"\b[A-Z][A-Z0-9]+-\d+\b")
_NUMBERED = {"issues", "pull", "pulls", "merge_requests", "tickets", "ticket"}
# Characters a URL may not hold as they are; each is written as its %XX escape.
_UNSAFE_IN_URL = re.compile(f'[\\s<>"`{{}}|\\\\^{BIDI_CONTROLS}]')


def _encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8"))


def safe_url(text: str) -> str:
    """Return ``text`` as a link worth making live (web or mail), percent-encoded; else ""."""
    candidate = text.strip()
    if not candidate or "\n" in candidate or "\r" in candidate:
        return ""
    parsed = urlparse(candidate)
    scheme = parsed.scheme.lower()
    if scheme not in _LINK_SCHEMES:
        return ""
    if scheme != "mailto" and not parsed.netloc.strip():
        return ""
    if scheme != "mailto" and any(c.isspace() for c in parsed.netloc):
        return ""  # a host name with a space is a typo, not an address
    return _UNSAFE_IN_URL.sub(_encode, candidate)


def ticket_label(ticket: str) -> str:
    """Return a short name for a ticket link: "PAY-311", "repo#42"; else the text as given."""
    ticket = ticket.strip()
    url = safe_url(ticket)
    if not url:
        return ticket
    key = _TICKET_KEY.search(unquote(url))
    if key:
        return key.group(0)
    parts = [p for p in urlparse(url).path.split("/") if p]
    # Forge links end in /<repo>/issues/<n>: "repo#n" says as much in a fraction of the width.
    if len(parts) >= 3 and parts[-1].isdigit() and parts[-2] in _NUMBERED:
        return f"{parts[-3]}#{parts[-1]}"
    return ticket


def shown_address(url: str) -> str:
    """Return a link as printed beside its label: without the scheme, decoded for people."""
    parsed = urlparse(url)
    if parsed.scheme.lower() == "mailto":
        return unquote(parsed.path)
    shown = unquote(url.split("://", 1)[-1])
    return shown.rstrip("/")

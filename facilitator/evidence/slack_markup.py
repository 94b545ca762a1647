"""Slack's message markup turned into plain text: mentions, channels, links and escapes.

Slack stores ``<@U024BE7LH>`` for a mention, ``<#C024BE91L|incidents>`` for a
channel, ``<https://example.com|the dashboard>`` for a link with a label and
``<!here>`` for a broadcast, and escapes ``&``, ``<`` and ``>``. The timeline
reads "@Ada Okafor", "#incidents" and "the dashboard (https://example.com)".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ANGLE = re.compile(r"<([^<>\n]{1,2000})>")
_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_URL_SCHEMES = ("http://", "https://", "mailto:", "tel:", "ftp://", "slack://")


def resolve(
    text: str, users: Mapping[str, str], channels: Mapping[str, str]
) -> tuple[str, tuple[str, ...]]:
    """Return ``text`` as people read it, and the links it holds."""
    links: list[str] = []

    def replace(match: re.Match[str]) -> str:
        body = match.group(1)
        target, _bar, label = body.partition("|")
        if target.startswith("@"):
            ident = target[1:]
            return "@" + (users.get(ident) or label or ident)
        if target.startswith("#"):
            ident = target[1:]
            return "#" + (channels.get(ident) or label or ident)
        if target.startswith("!"):
            return _special(target[1:], label)
        if target.lower().startswith(_URL_SCHEMES):
            url = _unescape(target)
            links.append(url)
            shown = _unescape(label).strip()
            if url.startswith("mailto:"):
                return shown or url[len("mailto:") :]
            if not shown or shown == url or url.endswith("//" + shown):
                return url
            return f"{shown} ({url})"
        return _unescape(match.group(0))

    # Plain stretches and markup are unescaped once each, so "&amp;lt;" stays "&lt;".
    parts: list[str] = []
    done = 0
    for match in _ANGLE.finditer(text):
        parts.append(_unescape(text[done : match.start()]))
        parts.append(replace(match))
        done = match.end()
    parts.append(_unescape(text[done:]))
    return "".join(parts), tuple(links)


def _special(command: str, label: str) -> str:
    name = command.split("^", 1)[0]
    if name in {"here", "channel", "everyone"}:
        return "@" + name
    if label:
        # <!subteam^S123|@oncall>, <!date^1392734382^{date}|Feb 18, 2014>: the label is the text.
        return _unescape(label)
    return "@" + name


def _unescape(text: str) -> str:
    for escaped, plain in _ESCAPES:
        text = text.replace(escaped, plain)
    return text

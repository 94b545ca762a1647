"""Matching the authors found in a source to the debrief's participants.

Chat shows people as "Ada Okafor", "ada", "ada.okafor" or "aokafor@example.com";
the debrief lists them once, by name. An author matches a participant by full
name, by the name part of an e-mail address or handle, or by a first name only
one participant has. Authors that match no one become new participants with the
role left for the facilitator to fill in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.domain.model import Participant

_SEPARATORS = re.compile(r"[._\-\s]+")
_NOT_NAME = re.compile(r"[^\w\s]")


def name_key(name: str) -> str:
    """A comparable form of a name: "Ada.Okafor", "ada okafor", "ADA_OKAFOR" agree."""
    cleaned = name.strip().lstrip("@")
    if "@" in cleaned:
        cleaned = cleaned.split("@", 1)[0]
    folded = unicodedata.normalize("NFKD", cleaned).encode("ascii", "ignore").decode() or cleaned
    return " ".join(_SEPARATORS.sub(" ", _NOT_NAME.sub(" ", folded)).casefold().split())


def display_name(author: str) -> str:
    """How a new participant is named: e-mail addresses and handles become words."""
    cleaned = author.strip().lstrip("@")
    if "@" in cleaned and " " not in cleaned:
        local = cleaned.split("@", 1)[0]
        words = _SEPARATORS.sub(" ", local).split()
        if len(words) > 1:
            return " ".join(w.capitalize() for w in words)
        return local
    return cleaned


@dataclass(frozen=True)
class AuthorMatch:
    """Where one author's messages go: an existing participant, a new one, or nobody."""

    author: str
    #: The participant's name on the timeline ("" for a non-person author).
    name: str
    #: True when ``name`` is not yet a participant and will be added.
    new: bool


def match_authors(
    authors: Iterable[tuple[str, bool]], participants: Sequence[Participant]
) -> dict[str, AuthorMatch]:
    """Map each ``(author, is_person)`` to a participant; unmatched people become new ones."""
    exact: dict[str, str] = {}
    first: dict[str, list[str]] = {}
    for participant in participants:
        key = name_key(participant.name)
        if not key:
            continue
        exact.setdefault(key, participant.name)
        exact.setdefault(key.replace(" ", ""), participant.name)
        words = key.split()
        first.setdefault(words[0], []).append(participant.name)
        if len(words) > 1:
            # "aokafor" and "okafor.a" are common handles for Ada Okafor.
            exact.setdefault(words[0][0] + words[-1], participant.name)
    result: dict[str, AuthorMatch] = {}
    added: dict[str, str] = {}
    for author, person in authors:
        if author in result or not author.strip():
            continue
        if not person:
            result[author] = AuthorMatch(author, "", False)
            continue
        key = name_key(author)
        found = exact.get(key) or exact.get(key.replace(" ", ""))
        if found is None and " " not in key and len(first.get(key, [])) == 1:
            found = first[key][0]
        if found is not None:
            result[author] = AuthorMatch(author, found, False)
            continue
        name = added.setdefault(key, display_name(author))
        result[author] = AuthorMatch(author, name, True)
    return result

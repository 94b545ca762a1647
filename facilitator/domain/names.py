"""Names as roles: how the room refers to participants on the shared screen.

With the option on, every participant's name is replaced by their role in all
text the room sees ("Ada restarted the pods" becomes "Responder A restarted the
pods"), so the discussion stays on the system, not the person.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from facilitator.domain.model import Participant


def _letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA: a bijective base-26 suffix for participants sharing a role."""
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def role_labels(participants: list[Participant]) -> list[str]:
    """The public label of each participant, in the same order.

    A role held by one person is used as is ("Incident commander"); a role held
    by several gets letters ("Responder A", "Responder B"); no role gives
    "Participant 1", "Participant 2"...
    """
    roles = [" ".join(p.role.split()) for p in participants]
    shared = Counter(r.casefold() for r in roles if r)
    seen: Counter[str] = Counter()
    anonymous = 0
    labels: list[str] = []
    for role in roles:
        if not role:
            anonymous += 1
            labels.append(f"Participant {anonymous}")
            continue
        key = role.casefold()
        seen[key] += 1
        labels.append(f"{role} {_letters(seen[key])}" if shared[key] > 1 else role)
    return labels


@dataclass(frozen=True)
class NameMask:
    """Replaces participants' names with their role labels in any text.

    Full names match in any letter case. Single parts of a name ("Ada" of
    "Ada Okafor") match only as written, so a participant called Mark does not
    turn "mark the moment" into a role. A name part two participants share maps
    to both labels, because picking one would misattribute and keeping it leaks.
    """

    labels: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = None
    _targets: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, participants: list[Participant], enabled: bool = True) -> NameMask:
        """Return a mask for ``participants``; with ``enabled`` False it changes nothing."""
        labels = tuple(role_labels(participants))
        if not enabled:
            return cls(labels)
        full: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for person, label in zip(participants, labels, strict=True):
            name = " ".join(person.name.split())
            if len(name) < 2:
                continue
            if " " in name:
                full[name.casefold()] = label
            for part in name.split(" "):
                part = part.strip(".,;:()\"'")
                if len(part) >= 2 and part.casefold() not in full:
                    parts.setdefault(part, set()).add(label)
        targets = dict(full)
        for part, owners in parts.items():
            if part.casefold() not in targets:
                ordered = [lab for lab in labels if lab in owners]
                targets[part] = " or ".join(dict.fromkeys(ordered))
        if not targets:
            return cls(labels)
        alternatives = sorted(targets, key=len, reverse=True)
        pieces = []
        for key in alternatives:
            escaped = r"\s+".join(re.escape(w) for w in key.split(" "))
            # Full names are stored casefolded and match in any case; name parts only as written.
            pieces.append(f"(?i:{escaped})" if key in full else escaped)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(pieces) + r")(?!\w)")
        return cls(labels, pattern, targets)

    @property
    def active(self) -> bool:
        """True when the mask replaces anything."""
        return self._pattern is not None

    def apply(self, text: str) -> str:
        """Return ``text`` with every known name replaced by its role label."""
        if self._pattern is None or not text:
            return text

        def swap(match: re.Match[str]) -> str:
            found = " ".join(match.group(0).split())
            return self._targets.get(found) or self._targets[found.casefold()]

        return self._pattern.sub(swap, text)


def public_name(participant: Participant, label: str, names_as_roles: bool) -> str:
    """How the room sees one participant: their role label, or their name and role."""
    name = " ".join(participant.name.split())
    role = " ".join(participant.role.split())
    if names_as_roles or not name:
        return label
    return f"{name} · {role}" if role else name

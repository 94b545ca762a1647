"""Autocomplete suggestions for services, tags and causes: the taxonomy, then past debriefs.

Near-duplicates are offered once: "payments-api", "Payments API" and "payments
api" fold to the same key, and the suggestion is the taxonomy's name when it
knows the entry, otherwise the spelling used most often.
"""

from __future__ import annotations

from collections.abc import Mapping

from facilitator.domain.taxonomy import Category, Taxonomy, fold

KINDS = ("services", "tags", "causes")


def suggestions(kind: str, taxonomy: Taxonomy, used: Mapping[str, int]) -> list[str]:
    """Suggestions of ``kind`` ("services", "tags" or "causes"), most useful first.

    ``used`` maps every spelling written so far to how often (see
    ``DebriefService.labels``). Known entries come first in the taxonomy's order,
    then past spellings by how often they were used.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    known: tuple[Category, ...] = {"services": taxonomy.services, "causes": taxonomy.causes}.get(
        kind, ()
    )
    lookup = {"services": taxonomy.service_for, "causes": taxonomy.cause_for}.get(kind)
    out: list[str] = []
    seen: set[str] = set()
    for entry in known:
        out.append(entry.name)
        seen.update(fold(s) for s in (*entry.spellings(), *entry.components))
    counts: dict[str, dict[str, int]] = {}
    for spelling, count in used.items():
        clean = " ".join(spelling.split())
        key = fold(clean)
        if not key or key in seen:
            continue
        if lookup is not None and lookup(clean) is not None:
            continue  # a synonym of a known entry, already offered by its name
        counts.setdefault(key, {})[clean] = counts.get(key, {}).get(clean, 0) + count
    ranked = sorted(
        counts.values(), key=lambda spellings: (-sum(spellings.values()), min(spellings))
    )
    for spellings in ranked:
        out.append(max(spellings.items(), key=_preferred)[0])
    return out


def _preferred(item: tuple[str, int]) -> tuple[int, bool, bool, str]:
    """The most used spelling; on a tie the one written like a name ("Payments API")."""
    text, count = item
    return (count, any(c.isupper() for c in text), " " in text, text)


def canonical(kind: str, text: str, taxonomy: Taxonomy, offered: list[str]) -> str:
    """What to store for ``text``: the offered spelling it folds to, else the text as typed."""
    clean = " ".join(text.split())
    lookup = {"services": taxonomy.service_for, "causes": taxonomy.cause_for}.get(kind)
    if lookup is not None and (entry := lookup(clean)) is not None and kind == "causes":
        return entry.name
    key = fold(clean)
    return next((s for s in offered if fold(s) == key), clean)

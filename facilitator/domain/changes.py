"""What changed between two copies of a debrief, and bringing one copy up to date in place.

When another window's save reaches this one, the open debrief is updated *in
place*: items keep their object identity by uid, so views and editors that hold
an item stay on it. :func:`apply_in_place` returns a :class:`DebriefChanges` that
says which fields and which items moved, so each view can update just those rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from facilitator.domain.model import Debrief

#: Debrief attributes holding lists of items with a ``uid``.
ITEM_LISTS: tuple[str, ...] = (
    "participants",
    "timeline",
    "went_wrong",
    "went_right",
    "got_lucky",
    "contributing_factors",
    "learnings",
    "action_items",
    "links",
    "reviewers",
    "parking_lot",
    "conflicts",
)
#: Attributes that are lists of plain values (labels and kept findings), compared whole.
VALUE_LISTS: tuple[str, ...] = ("services", "tags", "ignored_findings")
#: Bookkeeping that changes on every save and is not an edit anyone made.
BOOKKEEPING: tuple[str, ...] = ("revision", "updated_at", "created_at")
#: Every other attribute: one value each (strings, times, enums, timing questions).
SCALARS: tuple[str, ...] = tuple(
    f.name
    for f in dataclasses.fields(Debrief)
    if f.name not in (*ITEM_LISTS, *VALUE_LISTS, *BOOKKEEPING, "id")
)


@dataclass(frozen=True)
class ListChange:
    """How one item list changed: uids inserted, removed and edited, and whether order moved."""

    inserted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    reordered: bool = False

    def __bool__(self) -> bool:
        return bool(self.inserted or self.removed or self.changed or self.reordered)


@dataclass(frozen=True)
class DebriefChanges:
    """The difference between two copies of one debrief.

    ``fields`` names changed single-valued attributes ("impact", "detection",
    "severity", "services"...); ``lists`` maps an item list's attribute name
    ("timeline", "learnings"...) to its :class:`ListChange`.
    """

    fields: frozenset[str] = frozenset()
    lists: Mapping[str, ListChange] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.fields or self.lists)

    def touches(self, name: str) -> bool:
        """Tell whether attribute ``name`` (a field or an item list) changed."""
        return name in self.fields or name in self.lists


def diff(old: Debrief, new: Debrief) -> DebriefChanges:
    """Return what differs from ``old`` to ``new`` (bookkeeping fields aside)."""
    fields = frozenset(
        name for name in (*SCALARS, *VALUE_LISTS) if getattr(old, name) != getattr(new, name)
    )
    lists: dict[str, ListChange] = {}
    for name in ITEM_LISTS:
        change = diff_items(getattr(old, name), getattr(new, name))
        if change:
            lists[name] = change
    return DebriefChanges(fields, lists)


def diff_items(old: list[Any], new: list[Any]) -> ListChange:
    """Compare two item lists by uid."""
    before = {item.uid: item for item in old}
    after = {item.uid: item for item in new}
    inserted = tuple(uid for uid in after if uid not in before)
    removed = tuple(uid for uid in before if uid not in after)
    changed = tuple(uid for uid, item in after.items() if uid in before and before[uid] != item)
    kept_before = [item.uid for item in old if item.uid in after]
    kept_after = [item.uid for item in new if item.uid in before]
    return ListChange(inserted, removed, changed, kept_before != kept_after)


def apply_in_place(target: Debrief, source: Debrief) -> DebriefChanges:
    """Make ``target`` equal ``source``, keeping ``target``'s item objects by uid.

    Returns what changed. Bookkeeping (revision, timestamps) is copied too but
    is not reported as a change.
    """
    changes = diff(target, source)
    for name in changes.fields:
        value = getattr(source, name)
        setattr(target, name, dataclasses.replace(value) if _is_dataclass(value) else value)
        if isinstance(value, list):
            setattr(target, name, list(value))
    for name, change in changes.lists.items():
        mine = {item.uid: item for item in getattr(target, name)}
        merged = []
        for item in getattr(source, name):
            kept = mine.get(item.uid)
            if kept is None:
                merged.append(dataclasses.replace(item))
                continue
            if item.uid in change.changed:
                for f in dataclasses.fields(item):
                    setattr(kept, f.name, getattr(item, f.name))
            merged.append(kept)
        # Slice assignment keeps the list object the views hold.
        getattr(target, name)[:] = merged
    for name in BOOKKEEPING:
        setattr(target, name, getattr(source, name))
    return changes


def snapshot(debrief: Debrief) -> Debrief:
    """Return an independent copy of ``debrief`` (the base a later merge compares against).

    Items hold only immutable values, so copying each item is enough and is far
    cheaper than a deep copy on a 2,000-event timeline.
    """
    copy = dataclasses.replace(debrief)
    for name in ITEM_LISTS:
        setattr(copy, name, [dataclasses.replace(item) for item in getattr(debrief, name)])
    for name in VALUE_LISTS:
        setattr(copy, name, list(getattr(debrief, name)))
    copy.detection = dataclasses.replace(debrief.detection)
    copy.fix = dataclasses.replace(debrief.fix)
    return copy


def _is_dataclass(value: object) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)

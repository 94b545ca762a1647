"""Three-way merge of two edited copies of one debrief.

Two windows (or two people) edit the same debrief. When a save finds the stored
copy has moved on, the stored copy ("theirs") and the copy being saved ("ours")
are merged against the copy both started from ("base"):

- different fields, or different items of a list: both edits survive;
- an item added on either side is kept; an item deleted on one side goes, unless
  the other side edited it meanwhile (then it stays, so no edit is dropped);
- both sides changed the same value: the stored one stays in the field, and ours
  is kept as an :class:`~facilitator.domain.model.EditConflict` the facilitator
  sees and resolves. Nothing is silently dropped.

Without a base (nothing known of where ours started), every difference is treated
as a change on both sides: items are united, and differing values become conflicts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from facilitator.domain.changes import ITEM_LISTS, SCALARS
from facilitator.domain.model import Debrief, EditConflict, TimingQuestion

T = TypeVar("T")
_MISSING: Any = object()

#: Words for the fields a conflict can be in.
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "incident": "Incident reference",
    "severity": "Severity",
    "status": "Status",
    "facilitator": "Facilitator",
    "purpose": "Purpose",
    "summary": "Summary",
    "impact": "Impact",
    "response": "What we did",
    "started_at": "Problem started",
    "detected_at": "Detected",
    "mitigated_at": "Mitigated",
    "resolved_at": "Resolved",
    "detection": "Detection",
    "fix": "Fix",
    "meeting_at": "Meeting time",
    "checkpoint_at": "Checkpoint date",
    "timezone": "Time zone",
    "primary_cause": "Primary cause",
    "owner": "Report owner",
    "review_status": "Review status",
    "private_notes": "Private notes",
    "participants": "Participant",
    "timeline": "Timeline event",
    "went_wrong": "What went wrong",
    "went_right": "What went right",
    "got_lucky": "Where we got lucky",
    "contributing_factors": "Contributing factor",
    "learnings": "Key learning",
    "action_items": "Action item",
    "links": "Supporting link",
    "reviewers": "Reviewer",
    "parking_lot": "Parking lot",
}


@dataclass(frozen=True)
class MergeResult:
    """The merged debrief and the conflicts added to it by this merge."""

    debrief: Debrief
    conflicts: tuple[EditConflict, ...]


def merge(base: Debrief | None, ours: Debrief, theirs: Debrief) -> MergeResult:
    """Merge ``ours`` into ``theirs`` (the stored copy) against ``base``; inputs are not changed."""
    merger = _Merger(datetime.now(UTC))
    result = dataclasses.replace(theirs)
    for name in SCALARS:
        if name in ("detection", "fix"):
            merged = merger.question(name, base, ours, theirs)
        else:
            label = FIELD_LABELS.get(name, name)
            merged = merger.value(
                name, label, _get(base, name), getattr(ours, name), getattr(theirs, name)
            )
        setattr(result, name, merged)
    for name in ("services", "tags", "ignored_findings"):
        merged = merge_values(_get(base, name), getattr(ours, name), getattr(theirs, name))
        setattr(result, name, merged)
    for name in ITEM_LISTS:
        if name != "conflicts":
            merged = merger.items(
                name, _get(base, name), getattr(ours, name), getattr(theirs, name)
            )
            setattr(result, name, merged)
    kept = merge_items_plain(_get(base, "conflicts"), ours.conflicts, theirs.conflicts)
    result.conflicts = kept + merger.conflicts
    result.revision = theirs.revision
    return MergeResult(result, tuple(merger.conflicts))


def _get(debrief: Debrief | None, name: str) -> Any:
    return _MISSING if debrief is None else getattr(debrief, name)


class _Merger:
    """Carries the conflicts found while merging one debrief."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.conflicts: list[EditConflict] = []

    def value(self, path: str, label: str, base: Any, ours: Any, theirs: Any) -> Any:
        """Merge one value; on a true conflict keep theirs and record ours."""
        if ours == theirs or (base is not _MISSING and ours == base):
            return theirs
        if base is not _MISSING and theirs == base:
            return ours
        # One side emptied what the other rewrote: the rewrite is the edit worth keeping.
        if _blank(ours):
            return theirs
        if _blank(theirs):
            return ours
        self.conflicts.append(
            EditConflict(path=path, label=label, text=_as_text(ours), at=self.now)
        )
        return theirs

    def question(
        self, name: str, base: Debrief | None, ours: Debrief, theirs: Debrief
    ) -> TimingQuestion:
        b = _MISSING if base is None else getattr(base, name)
        o, t = getattr(ours, name), getattr(theirs, name)
        label = FIELD_LABELS[name]
        return TimingQuestion(
            self.value(
                f"{name}.target_minutes",
                f"{label}: target",
                _MISSING if b is _MISSING else b.target_minutes,
                o.target_minutes,
                t.target_minutes,
            ),
            self.value(
                f"{name}.answer",
                f"{label}: answer",
                _MISSING if b is _MISSING else b.answer,
                o.answer,
                t.answer,
            ),
            self.value(
                f"{name}.notes",
                f"{label}: notes",
                _MISSING if b is _MISSING else b.notes,
                o.notes,
                t.notes,
            ),
        )

    def items(self, name: str, base: Any, ours: list[Any], theirs: list[Any]) -> list[Any]:
        """Merge a list of items with uids."""
        b = {} if base is _MISSING else {item.uid: item for item in base}
        o = {item.uid: item for item in ours}
        t = {item.uid: item for item in theirs}
        kept: dict[str, Any] = {}
        for uid in {**b, **o, **t}:
            in_b, in_o, in_t = uid in b, uid in o, uid in t
            if in_o and in_t:
                kept[uid] = self._item(name, b.get(uid, _MISSING), o[uid], t[uid])
            elif in_o and not in_b:
                kept[uid] = dataclasses.replace(o[uid])  # we added it
            elif in_t and not in_b:
                kept[uid] = t[uid]  # they added it
            elif in_o:  # they deleted it; keep it only if we edited it since
                if o[uid] != b[uid]:
                    kept[uid] = dataclasses.replace(o[uid])
            elif in_t and t[uid] != b[uid]:  # we deleted it; they edited it since
                kept[uid] = t[uid]
        order = merge_order(
            [] if base is _MISSING else [i.uid for i in base],
            [i.uid for i in ours],
            [i.uid for i in theirs],
        )
        return [kept[uid] for uid in order if uid in kept]

    def _item(self, name: str, base: Any, ours: Any, theirs: Any) -> Any:
        if ours == theirs:
            return theirs
        if base is not _MISSING and ours == base:
            return theirs
        if base is not _MISSING and theirs == base:
            return dataclasses.replace(ours)
        values = {}
        for f in dataclasses.fields(theirs):
            if f.name == "uid":
                continue
            label = f"{FIELD_LABELS.get(name, name)}, {f.name.replace('_', ' ')}"
            values[f.name] = self.value(
                f"{name}/{theirs.uid}/{f.name}",
                label,
                _MISSING if base is _MISSING else getattr(base, f.name),
                getattr(ours, f.name),
                getattr(theirs, f.name),
            )
        return dataclasses.replace(theirs, **values)


def merge_values(base: Any, ours: Sequence[T], theirs: Sequence[T]) -> list[T]:
    """Merge lists of plain values as ordered sets: additions and removals of both sides apply."""
    base_list = [] if base is _MISSING else list(base)
    # Lists, not sets: some values (kept findings) are unhashable dataclasses.
    removed = [v for v in base_list if v not in ours]
    result = [v for v in theirs if v not in removed]
    for value in ours:
        if value not in result and (base is _MISSING or value not in base_list):
            result.append(value)
    return result


def merge_items_plain(base: Any, ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Merge lists of uid items that are never edited, only added and removed (conflict notes)."""
    b = set() if base is _MISSING else {item.uid for item in base}
    mine = {item.uid for item in ours}
    result = [item for item in theirs if item.uid in mine or item.uid not in b]
    known = {item.uid for item in result}
    result.extend(item for item in ours if item.uid not in known and item.uid not in b)
    return result


def merge_order(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Order the merged uids: theirs, unless only we reordered; our new items follow their
    predecessor on our side."""
    in_ours, in_theirs = set(ours), set(theirs)
    common = [u for u in base if u in in_ours and u in in_theirs]
    in_common = set(common)
    ours_common = [u for u in ours if u in in_common]
    theirs_common = [u for u in theirs if u in in_common]
    backbone = ours if theirs_common == common and ours_common != common else theirs
    other = theirs if backbone is ours else ours
    placed = set(backbone)
    if placed.issuperset(other):
        return list(backbone)
    # Each item only on the other side goes right after its nearest placed predecessor.
    after: dict[str | None, list[str]] = {}
    previous: str | None = None
    for uid in other:
        if uid in placed:
            previous = uid
            continue
        after.setdefault(previous, []).append(uid)
    order = list(after.get(None, []))
    for uid in backbone:
        order.append(uid)
        order.extend(after.get(uid, []))
    return order


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return str(value)

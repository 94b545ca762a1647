"""Resolving an edit conflict: putting the kept text back into its field, if the facilitator wants.

A conflict's ``path`` names where the losing text came from (see
:class:`facilitator.domain.model.EditConflict`). Text fields can take it back;
other values (a time, a severity) are shown for the facilitator to re-enter.
"""

from __future__ import annotations

import dataclasses

from facilitator.domain.changes import ITEM_LISTS, SCALARS
from facilitator.domain.model import Debrief, EditConflict


def _text_target(debrief: Debrief, path: str) -> tuple[object, str] | None:
    """The object and attribute a conflict path points at, when it is a text field."""
    if "/" in path:
        parts = path.split("/")
        if len(parts) != 3 or parts[0] not in ITEM_LISTS:
            return None
        name, uid, attribute = parts
        item = next((i for i in getattr(debrief, name) if i.uid == uid), None)
        if item is None or attribute not in {f.name for f in dataclasses.fields(item)}:
            return None
        return (item, attribute) if type(getattr(item, attribute)) is str else None
    if "." in path:
        question, attribute = path.split(".", 1)
        if question in ("detection", "fix") and attribute == "notes":
            return getattr(debrief, question), "notes"
        return None
    if path in SCALARS and type(getattr(debrief, path)) is str:  # not StrEnum values
        return debrief, path
    return None


def can_use(debrief: Debrief, conflict: EditConflict) -> bool:
    """Tell whether the conflict's text can be put back into its field."""
    return _text_target(debrief, conflict.path) is not None


def use_conflict_text(debrief: Debrief, conflict: EditConflict) -> str | None:
    """Put the conflict's text into its field and drop the conflict.

    The text it replaces is kept as a new conflict, so choosing is never lossy.
    Returns the attribute changed at the top of the debrief ("impact",
    "timeline"...), or None when the field is gone or is not text.
    """
    target = _text_target(debrief, conflict.path)
    if target is None:
        return None
    holder, attribute = target
    replaced = getattr(holder, attribute)
    setattr(holder, attribute, conflict.text)
    debrief.conflicts[:] = [c for c in debrief.conflicts if c.uid != conflict.uid]
    if replaced.strip():
        debrief.conflicts.append(
            EditConflict(path=conflict.path, label=conflict.label, text=replaced, at=conflict.at)
        )
    head = conflict.path.split("/", 1)[0].split(".", 1)[0]
    return head

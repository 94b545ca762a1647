"""Which editor shows which part of the debrief."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator.ui.parts.actions import ActionsEditor
from facilitator.ui.parts.base import EditHook, PartEditor
from facilitator.ui.parts.forms import CheckpointEditor, ClassificationEditor, DetailsEditor
from facilitator.ui.parts.lists import FactorsEditor, NoteListEditor, ParticipantsEditor
from facilitator.ui.parts.report import LinksEditor, ReviewEditor
from facilitator.ui.parts.texts import GroundRulesView, TextPartEditor
from facilitator.ui.parts.timeline import TimelineEditor
from facilitator.ui.parts.timing import TimingEditor
from facilitator.ui.session import MeetingSession


def create_part(
    part: str, session: MeetingSession, on_new_edit: EditHook, parent: QWidget | None = None
) -> PartEditor:
    """Build the editor for ``part`` (one of ``facilitator.domain.script.PARTS``)."""
    if part in ("purpose", "response", "impact", "summary"):
        return TextPartEditor(session, on_new_edit, part, parent)
    if part in ("went_wrong", "went_right", "got_lucky", "learnings"):
        # Learnings have a phase of their own: the list takes the page.
        return NoteListEditor(session, on_new_edit, part, parent, fill=part == "learnings")
    if part in ("detection", "fix"):
        return TimingEditor(session, on_new_edit, part, parent)
    simple: dict[str, type[PartEditor]] = {
        "details": DetailsEditor,
        "ground_rules": GroundRulesView,
        "participants": ParticipantsEditor,
        "timeline": TimelineEditor,
        "contributing_factors": FactorsEditor,
        "action_items": ActionsEditor,
        "classification": ClassificationEditor,
        "checkpoint": CheckpointEditor,
        "links": LinksEditor,
        "review": ReviewEditor,
    }
    return simple[part](session, on_new_edit, parent)

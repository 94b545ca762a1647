"""Opening a debrief from outside the window: the last session, ``facilitator open``.

``facilitator open ID|FILE.json [--phase NAME]`` names a stored debrief by (the
start of) its id, or a JSON file that is previewed before it is imported; NAME is
a phase's id, title or number.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.domain.script import MeetingScript
from facilitator.storage import StorageError

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


def phase_index(script: MeetingScript, name: str) -> int | None:
    """The index of a phase named by its id, its title or its number (1-based)."""
    wanted = name.strip().casefold()
    for index, phase in enumerate(script.phases):
        if wanted in (phase.id.casefold(), phase.title.casefold(), str(index + 1)):
            return index
    return None


def restore_session(window: MainWindow) -> bool:
    """Reopen the debrief and phase that were open when the app last closed."""
    last = window.memory.last()
    if last is None:
        return False
    debrief_id, phase = last
    if not window.service.exists(debrief_id):
        window.memory.forget()
        return False
    return window.open_debrief(debrief_id, phase)


def open_target(window: MainWindow, target: str, phase: str | None = None) -> bool:
    """Open ``target``: a stored debrief's id (or its start), or a .json file to preview."""
    script = window.session.script
    index = phase_index(script, phase) if phase else None
    if phase and index is None:
        names = ", ".join(p.id for p in script.phases)
        window.show_message(f"No phase is called “{phase}”. Phases: {names}.", error=True)
    if target.lower().endswith(".json") or Path(target).is_file():
        preview = window.imports.start([Path(target)], open_after=True)
        if preview is not None and index is not None:
            preview.accepted.connect(lambda: window.go_to_phase(index))
        return preview is not None
    try:
        matches = [s.id for s in window.service.list() if s.id.startswith(target.lower())]
    except StorageError as exc:
        window.show_message(str(exc), error=True)
        return False
    if len(matches) != 1:
        problem = "No debrief" if not matches else f"{len(matches)} debriefs"
        window.show_message(f"{problem} with an id starting “{target}”.", error=True)
        return False
    return window.open_debrief(matches[0], index)

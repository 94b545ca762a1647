"""The shared screen: the room's view of the meeting, apart from the facilitator's window.

Start with :class:`SharedScreenControls` (menu actions and the replay for a
facilitator window) or :func:`open_shared_screen` (just the window).
"""

from __future__ import annotations

from facilitator.ui.shared_screen.controls import SharedScreenControls
from facilitator.ui.shared_screen.options import SharedScreenOptions, load_options, save_options
from facilitator.ui.shared_screen.replay_control import ReplayController
from facilitator.ui.shared_screen.replay_panel import ReplayPanel
from facilitator.ui.shared_screen.window import SharedScreenWindow, open_shared_screen

__all__ = [
    "ReplayController",
    "ReplayPanel",
    "SharedScreenControls",
    "SharedScreenOptions",
    "SharedScreenWindow",
    "load_options",
    "open_shared_screen",
    "save_options",
]

"""SharedScreenOptions: the room view's choices, and their place in QSettings."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QSettings

from facilitator.ui.shared_screen.style import THEMES, clamp_zoom

_PREFIX = "shared_screen/"


@dataclass(frozen=True)
class SharedScreenOptions:
    """How the shared screen looks and where it opens.

    ``screen`` is a name from ``QScreen.name()``; empty means "a screen other
    than the facilitator's, if there is one". ``reframe`` holds back from the room
    every sentence with an open blame finding until the facilitator rewords or keeps it.
    """

    names_as_roles: bool = False
    reframe: bool = False
    theme: str = "light"
    zoom: float = 1.0
    screen: str = ""

    def normalised(self) -> SharedScreenOptions:
        """Return the options with an unknown theme and an extreme zoom corrected."""
        theme = self.theme if self.theme in THEMES else "light"
        return replace(self, theme=theme, zoom=clamp_zoom(self.zoom))


def load_options(settings: QSettings) -> SharedScreenOptions:
    """Read the options saved by :func:`save_options` (defaults for anything missing)."""
    default = SharedScreenOptions()
    return SharedScreenOptions(
        names_as_roles=bool(
            settings.value(_PREFIX + "names_as_roles", default.names_as_roles, type=bool)
        ),
        reframe=bool(settings.value(_PREFIX + "reframe", default.reframe, type=bool)),
        theme=str(settings.value(_PREFIX + "theme", default.theme)),
        zoom=float(settings.value(_PREFIX + "zoom", default.zoom, type=float)),
        screen=str(settings.value(_PREFIX + "screen", default.screen)),
    ).normalised()


def save_options(settings: QSettings, options: SharedScreenOptions) -> None:
    """Remember ``options`` for the next meeting."""
    settings.setValue(_PREFIX + "names_as_roles", options.names_as_roles)
    settings.setValue(_PREFIX + "reframe", options.reframe)
    settings.setValue(_PREFIX + "theme", options.theme)
    settings.setValue(_PREFIX + "zoom", options.zoom)
    settings.setValue(_PREFIX + "screen", options.screen)

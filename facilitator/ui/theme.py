"""Light and dark themes and the font-size control, from the style files in resources."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

THEMES: tuple[str, ...] = ("light", "dark")
DEFAULT_THEME = "light"
DEFAULT_FONT_PT = 12
MIN_FONT_PT = 9
MAX_FONT_PT = 24


def _styles(name: str) -> str:
    return (files("facilitator.resources") / "styles" / name).read_text(encoding="utf-8")


def colours(theme: str) -> dict[str, str]:
    """The named colours of ``theme``."""
    return dict(tomllib.loads(_styles(f"{theme}.toml")))


def stylesheet(theme: str, font_pt: int) -> str:
    """The application style sheet for ``theme`` at base size ``font_pt``."""
    values: dict[str, str] = dict(colours(theme))
    values.update(
        pt=str(font_pt),
        pt_small=str(max(MIN_FONT_PT - 1, round(font_pt * 0.88))),
        pt_large=str(round(font_pt * 1.2)),
        pt_title=str(round(font_pt * 1.9)),
    )

    def substitute(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"@(\w+)@", substitute, _styles("base.qss"))


def _palette(c: dict[str, str]) -> QPalette:
    # Widgets the style sheet does not reach (calendar popups, scroll bars) follow the palette.
    palette = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "bg"),
        (role.WindowText, "text"),
        (role.Base, "raised"),
        (role.AlternateBase, "surface"),
        (role.Text, "text"),
        (role.Button, "surface"),
        (role.ButtonText, "text"),
        (role.Highlight, "selection"),
        (role.HighlightedText, "selection_text"),
        (role.ToolTipBase, "raised"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "muted"),
        (role.Link, "accent"),
    ):
        palette.setColor(r, QColor(c[key]))
    return palette


def apply_theme(app: QApplication, theme: str, font_pt: int) -> None:
    """Apply ``theme`` and base font size to the whole application."""
    theme = theme if theme in THEMES else DEFAULT_THEME
    font_pt = max(MIN_FONT_PT, min(MAX_FONT_PT, font_pt))
    app.setStyle("Fusion")
    app.setPalette(_palette(colours(theme)))
    font = QFont(app.font())
    font.setPointSize(font_pt)
    app.setFont(font)
    app.setStyleSheet(stylesheet(theme, font_pt))

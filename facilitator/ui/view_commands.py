"""The window's View commands: theme, text size, and which panels show.

Kept apart from :mod:`facilitator.ui.main_window` so the window module stays about
the library and the meeting; :class:`MainWindow` takes these as a mixin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from facilitator.ui.theme import (
    DEFAULT_FONT_PT,
    DEFAULT_THEME,
    MAX_FONT_PT,
    MIN_FONT_PT,
    apply_theme,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from facilitator.ui.editor import DebriefEditor


class ViewCommands:
    """Theme, font size and panel toggles, remembered in the window's settings.

    Mixed into the main window, which provides ``settings``, ``editor``,
    ``room_preview``, ``show_message`` and the widget's ``width``.
    """

    settings: QSettings
    editor: DebriefEditor | None
    room_preview: QWidget

    def toggle_tips(self, visible: bool) -> None:
        self.settings.setValue("view/tips", visible)
        if self.editor is not None:
            self.editor.show_tips(visible)

    def toggle_private(self, visible: bool) -> None:
        self.settings.setValue("view/private_panel", visible)
        if self.editor is not None:
            self.editor.toggle_private_panel(visible)

    def toggle_questions(self, visible: bool) -> None:
        self.settings.setValue("view/questions", visible)
        if self.editor is not None and self.editor.questions_open != visible:
            self.editor.set_questions_open(visible)

    def toggle_preview(self, visible: bool) -> None:
        self.settings.setValue("view/room_preview", visible)
        self.room_preview.setVisible(visible)

    # -- view ----------------------------------------------------------------------------

    def apply_view(self) -> None:
        """Apply the theme and font size stored in the settings."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme, self.font_pt)

    @property
    def theme(self) -> str:
        return str(self.settings.value("view/theme", DEFAULT_THEME))

    @property
    def font_pt(self) -> int:
        return int(self.settings.value("view/font_pt", DEFAULT_FONT_PT))

    def set_theme(self, theme: str) -> None:
        self.settings.setValue("view/theme", theme)
        self.apply_view()

    def change_font(self, step: int) -> None:
        """Grow or shrink every text by ``step`` points; 0 goes back to the default."""
        size = DEFAULT_FONT_PT if step == 0 else self.font_pt + step
        self.settings.setValue("view/font_pt", max(MIN_FONT_PT, min(MAX_FONT_PT, size)))
        self.apply_view()
        if self.editor is not None:
            self.editor.set_panel_widths(self.width())
        self.show_message(f"Text size {self.font_pt} pt.")

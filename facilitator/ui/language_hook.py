"""Optional link to the language checker: the app runs without it, just without underlines."""

from __future__ import annotations

from PySide6.QtCore import QObject


def make_language_support(parent: QObject | None = None) -> QObject | None:
    """Return the checker's ``LanguageSupport`` if that module is installed, else None."""
    try:
        from facilitator.ui.language_support import LanguageSupport
    except ImportError:
        return None
    return LanguageSupport(parent=parent)

"""Team files the app can use: a language rules file and a Word reference document.

Both are chosen in File > Team files and remembered in the settings. A rules file
that cannot be read leaves the built-in rules in force and says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from facilitator.language import Checker, RulesError
from facilitator.ui import dialogs
from facilitator.ui.export_actions import TEMPLATE_KEY

if TYPE_CHECKING:
    from facilitator.ui.language_support import LanguageSupport

RULES_KEY = "language/rules"


def ask_rules_file(parent: QWidget | None) -> Path | None:
    """Pick a team's language rules file (TOML); None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Use a language rules file", "", "Language rules (*.toml);;All files (*)"
    )
    return Path(name) if name else None


def ask_template_file(parent: QWidget | None) -> Path | None:
    """Pick a Word reference document whose styles exports use; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Use a Word template", "", "Word documents (*.docx *.dotx);;All files (*)"
    )
    return Path(name) if name else None


def checker_for(path: str | None) -> Checker:
    """Return a checker with the team's rules added; raise RulesError if they cannot be used."""
    return Checker(extra_rules_path=path) if path else Checker()


def apply_stored_rules(settings: QSettings, language: LanguageSupport) -> str | None:
    """Load the rules file named in the settings; return a message when it could not be used."""
    path = str(settings.value(RULES_KEY, "") or "")
    if not path:
        return None
    try:
        language.set_checker(checker_for(path))
    except RulesError as exc:
        return f"Your team's language rules were not loaded: {exc}"
    return None


def choose_rules(parent: QWidget | None, settings: QSettings, language: LanguageSupport) -> str:
    """Ask for a rules file and use it; return a status message."""
    path = ask_rules_file(parent)
    if path is None:
        return ""
    try:
        language.set_checker(checker_for(str(path)))
    except RulesError as exc:
        dialogs.show_error(parent, "These language rules cannot be used", str(exc))
        return ""
    settings.setValue(RULES_KEY, str(path))
    return f"Using the language rules in {path.name} as well as the built-in ones."


def clear_rules(settings: QSettings, language: LanguageSupport) -> str:
    """Go back to the built-in rules only."""
    settings.remove(RULES_KEY)
    language.set_checker(Checker())
    return "Using the built-in language rules only."


def choose_template(parent: QWidget | None, settings: QSettings) -> str:
    """Ask for a Word reference document and remember it; return a status message."""
    path = ask_template_file(parent)
    if path is None:
        return ""
    settings.setValue(TEMPLATE_KEY, str(path))
    return f"Word exports will use the styles of {path.name}."


def clear_template(settings: QSettings) -> str:
    """Go back to the built-in Word template."""
    settings.remove(TEMPLATE_KEY)
    return "Word exports will use the built-in template."

"""A remembered team rules file that would hang the checker never stops the app starting."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from facilitator.domain.script import MeetingScript
from facilitator.language import default_checker
from facilitator.storage import DebriefService
from facilitator.ui import preferences
from facilitator.ui.language_hook import make_language_support
from facilitator.ui.main_window import MainWindow

HOSTILE = """
[[rule]]
id = "team.nested"
category = "blame"
triggers = ["a*"]
pattern = '''(a+)+b'''
message = "m."
suggestion = "s?"
"""


def test_a_refused_rules_file_is_explained_and_the_built_in_rules_are_used(
    qtbot: QtBot,
    service: DebriefService,
    settings: QSettings,
    script: MeetingScript,
    tmp_path: Path,
) -> None:
    path = tmp_path / "team.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    settings.setValue(preferences.RULES_KEY, str(path))
    window = MainWindow(service, settings, script, language_factory=make_language_support)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    message = window.statusBar().currentMessage()
    assert "not loaded" in message and "team.nested" in message and "\n" not in message
    assert window.language is not None
    assert window.language.checker is default_checker()  # type: ignore[attr-defined]
    # The file stays remembered: fixing it and restarting brings the team rules back.
    assert settings.value(preferences.RULES_KEY) == str(path)
    window.new_debrief()
    assert window.editor is not None
    window.close()

"""The main window's menus and keyboard shortcuts, in one place so they stay consistent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from facilitator.ui.theme import THEMES

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow


def _action(window: MainWindow, menu: QMenu, text: str, shortcut: str, tip: str) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
    else:
        action.setToolTip(tip)
    action.setStatusTip(tip)
    menu.addAction(action)
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the menu bar; return the actions by name so the window can enable them."""
    bar = window.menuBar()
    session = window.session
    actions: dict[str, QAction] = {}
    debrief = bar.addMenu("&File")
    actions["new"] = _action(window, debrief, "&New debrief", "Ctrl+N", "Start a new debrief")
    actions["new"].triggered.connect(window.new_debrief)
    actions["library"] = _action(
        window, debrief, "Back to the &library", "Ctrl+L", "Save and return to the list"
    )
    actions["library"].triggered.connect(window.show_library)
    debrief.addSeparator()
    actions["script"] = _action(
        window, debrief, "Use a meeting &script…", "", "Load your team's own meeting script"
    )
    actions["script"].triggered.connect(window.use_script)
    _team_files(window, debrief, actions)
    debrief.addSeparator()
    actions["export_docx"] = _action(
        window, debrief, "&Export as Word…", "Ctrl+E", "Save the debrief as a Word document"
    )
    actions["export_docx"].triggered.connect(lambda: window.exports.export("docx"))
    actions["export_md"] = _action(
        window, debrief, "Export as &Markdown…", "Ctrl+Shift+E", "Save the debrief for a wiki"
    )
    actions["export_md"].triggered.connect(lambda: window.exports.export("md"))
    actions["export_pdf"] = _action(
        window, debrief, "Export as &PDF…", "", "Save the debrief as a PDF to send or print"
    )
    actions["export_pdf"].triggered.connect(lambda: window.exports.export("pdf"))
    actions["review_comments"] = _action(
        window,
        debrief,
        "Add review &comments to Word exports",
        "",
        "Put a Word comment on every phrase the language check still flags",
    )
    actions["review_comments"].setCheckable(True)
    actions["review_comments"].setChecked(window.exports.review_comments)
    actions["review_comments"].toggled.connect(window.exports.set_review_comments)
    debrief.addSeparator()
    actions["restore"] = _action(
        window,
        debrief,
        "&Restore from backup…",
        "",
        "Replace the library with one of its backups; the current one is kept aside",
    )
    actions["restore"].triggered.connect(window.care.ask_restore)
    actions["restore"].setEnabled(window.service.path is not None)
    actions["review"] = _action(
        window,
        debrief,
        "Monthly learning re&view…",
        "",
        "One document for leadership: the month's learnings, matrix, trends and open actions",
    )
    actions["review"].triggered.connect(window.library_tools.open_review)
    debrief.addSeparator()
    actions["quit"] = _action(window, debrief, "&Quit", "Ctrl+Q", "Save and quit")
    actions["quit"].triggered.connect(window.close)

    meeting = bar.addMenu("&Meeting")
    actions["next"] = _action(window, meeting, "&Next phase", "Alt+Right", "Go to the next phase")
    actions["next"].triggered.connect(session.next_phase)
    actions["previous"] = _action(
        window, meeting, "&Previous phase", "Alt+Left", "Go back to the previous phase"
    )
    actions["previous"].triggered.connect(session.previous_phase)
    phases = meeting.addMenu("&Go to phase")
    actions["phases"] = phases.menuAction()
    for index, phase in enumerate(session.script.phases):
        shortcut = f"Ctrl+{index + 1}" if index < 9 else ""
        action = _action(window, phases, f"{index + 1}. {phase.title}", shortcut, phase.goal)
        action.triggered.connect(lambda _=False, i=index: window.go_to_phase(i))
    meeting.addSeparator()
    actions["timer"] = _action(
        window, meeting, "Start or pause the &timer", "Ctrl+Space", "Start or pause the phase timer"
    )
    actions["timer"].triggered.connect(session.toggle_timer)
    actions["reset"] = _action(
        window, meeting, "&Reset the timer", "Ctrl+Shift+R", "Set the phase timer back to zero"
    )
    actions["reset"].triggered.connect(session.reset_timer)
    meeting.addSeparator()
    actions["event"] = _action(
        window, meeting, "Add a timeline &event now", "Ctrl+T", "Add an event stamped now"
    )
    actions["event"].triggered.connect(window.add_timeline_event)
    from facilitator.ui.evidence import add_import_action

    actions["import_evidence"] = add_import_action(window, meeting)

    view = bar.addMenu("&View")
    actions["private"] = _action(
        window, view, "&Private panel", "F9", "Show or hide your private notes and parking lot"
    )
    actions["private"].setCheckable(True)
    actions["private"].setChecked(window.settings.value("view/private_panel", True, type=bool))
    actions["private"].toggled.connect(window.toggle_private)
    actions["tips"] = _action(
        window, view, "Facilitator &tips", "F6", "Show or hide the tips on each phase"
    )
    actions["tips"].setCheckable(True)
    actions["tips"].setChecked(window.settings.value("view/tips", True, type=bool))
    actions["tips"].toggled.connect(window.toggle_tips)
    view.addSeparator()
    group = QActionGroup(window)
    for theme in THEMES:
        shortcut = "Ctrl+Shift+L" if theme == "light" else "Ctrl+Shift+D"
        action = _action(window, view, f"{theme.title()} theme", shortcut, f"Use the {theme} theme")
        action.setCheckable(True)
        action.setChecked(window.theme == theme)
        group.addAction(action)
        action.triggered.connect(lambda _=False, t=theme: window.set_theme(t))
        actions[f"theme_{theme}"] = action
    view.addSeparator()
    for name, text, shortcut, step in (
        ("bigger", "&Larger text", "Ctrl++", 1),
        ("smaller", "&Smaller text", "Ctrl+-", -1),
        ("normal", "&Default text size", "Ctrl+0", 0),
    ):
        actions[name] = _action(window, view, text, shortcut, text.replace("&", ""))
        actions[name].triggered.connect(lambda _=False, s=step: window.change_font(s))
    # Ctrl+= is where "+" sits without Shift on most keyboards.
    actions["bigger"].setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
    view.addSeparator()
    actions["matrix"] = _action(
        window, view, "Classification &matrix", "Ctrl+Shift+M", "Every debrief's classification"
    )
    actions["matrix"].triggered.connect(window.library_tools.open_matrix)
    actions["trends"] = _action(
        window, view, "T&rends", "Ctrl+Shift+G", "Charts of incidents, causes and follow-up"
    )
    actions["trends"].triggered.connect(window.library_tools.open_trends)
    view.addSeparator()
    actions["findings"] = _action(
        window, view, "Language &findings", "F4", "Go to the list of flagged phrases"
    )
    actions["findings"].triggered.connect(window.findings.show_panel)
    view.addSeparator()
    view.addMenu(window.shared.menu(view))
    actions["shared"] = window.shared.actions["open"]
    actions["names_as_roles"] = window.shared.actions["names"]
    # Issue 14: follow-up commands (calendar, checkpoint, monthly review, board).
    actions.update(window.follow_up.add_menus(debrief, meeting, view))
    return actions


def _team_files(window: MainWindow, menu: QMenu, actions: dict[str, QAction]) -> None:
    """File > Team files: the team's language rules and Word template."""
    from facilitator.ui import preferences

    team = menu.addMenu("&Team files")
    entries = (
        ("rules", "Use a language &rules file…", window.findings.choose_rules),
        ("rules_clear", "Built-in language rules only", window.findings.clear_rules),
        ("template", "Use a &Word template…", lambda: window.show_message(
            preferences.choose_template(window, window.settings))),
        ("template_clear", "Built-in Word template", lambda: window.show_message(
            preferences.clear_template(window.settings))),
        ("taxonomy", "Use a ta&xonomy file…", window.library_tools.choose_taxonomy),
        ("taxonomy_clear", "Built-in taxonomy", window.library_tools.clear_taxonomy),
    )  # fmt: skip
    for name, text, slot in entries:
        actions[name] = _action(window, team, text, "", text.replace("&", "").rstrip("…"))
        actions[name].triggered.connect(slot)

"""The main window's menus and keyboard shortcuts, in one place so they stay consistent.

:func:`update_menus` enables exactly the items that would do something now:
nothing to export in the library, no "next phase" on the last one, no replay
steps while no replay runs, no shared-screen commands while it is closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from facilitator.ui.theme import THEMES

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow

#: Actions that need an open debrief.
EDITING = (
    "library", "next", "previous", "timer", "reset", "event", "phases", "questions",
    "export_docx", "export_md", "export_pdf", "export_json", "published",
)  # fmt: skip
#: Shared-screen actions that need the shared screen on screen.
SHARED_OPEN = ("full", "blank", "next_question", "previous_question", "zoom_in", "zoom_out")


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
    actions: dict[str, QAction] = {}
    file_menu = _file_menu(window, actions)
    meeting = _meeting_menu(window, actions)
    view = _view_menu(window, actions)
    # Follow-up commands (calendar, checkpoint, monthly review, board) join these menus.
    actions.update(window.follow_up.add_menus(file_menu, meeting, view))
    _help_menu(window, actions)
    return actions


def _file_menu(window: MainWindow, actions: dict[str, QAction]) -> QMenu:
    menu = window.menuBar().addMenu("&File")
    actions["new"] = _action(window, menu, "&New debrief", "Ctrl+N", "Start a new debrief")
    actions["new"].triggered.connect(window.new_debrief)
    actions["import"] = _action(
        window, menu, "&Import…", "Ctrl+I", "Import debriefs from JSON files"
    )
    actions["import"].triggered.connect(lambda: window.import_files([]))
    actions["library"] = _action(
        window, menu, "Back to the &library", "Ctrl+L", "Save and return to the list"
    )
    actions["library"].triggered.connect(window.show_library)
    menu.addSeparator()
    actions["script"] = _action(
        window, menu, "Use a meeting &script…", "", "Load your team's own meeting script"
    )
    actions["script"].triggered.connect(window.use_script)
    _team_files(window, menu, actions)
    menu.addSeparator()
    actions["export_docx"] = _action(
        window, menu, "&Export as Word…", "Ctrl+E", "Save the debrief as a Word document"
    )
    actions["export_docx"].triggered.connect(lambda: window.exports.export("docx"))
    actions["export_md"] = _action(
        window, menu, "Export as &Markdown…", "Ctrl+Shift+E", "Save the debrief for a wiki"
    )
    actions["export_md"].triggered.connect(lambda: window.exports.export("md"))
    actions["export_pdf"] = _action(
        window, menu, "Export as &PDF…", "", "Save the debrief as a PDF to send or print"
    )
    actions["export_pdf"].triggered.connect(lambda: window.exports.export("pdf"))
    actions["export_json"] = _action(
        window, menu, "Export as &JSON…", "", "Save the debrief for backup or another tool"
    )
    actions["export_json"].triggered.connect(lambda: window.exports.export("json"))
    actions["review_comments"] = _action(
        window,
        menu,
        "Add review &comments to Word exports",
        "",
        "Put a Word comment on every phrase the language check still flags",
    )
    actions["review_comments"].setCheckable(True)
    actions["review_comments"].setChecked(window.exports.review_comments)
    actions["review_comments"].toggled.connect(window.exports.set_review_comments)
    actions["published"] = _action(
        window, menu, "Mark as &published", "", "Set the status to Published without exporting"
    )
    actions["published"].triggered.connect(window.memory.published)
    menu.addSeparator()
    actions["restore"] = _action(
        window,
        menu,
        "&Restore from backup…",
        "",
        "Replace the library with one of its backups; the current one is kept aside",
    )
    actions["restore"].triggered.connect(window.care.ask_restore)
    actions["restore"].setEnabled(window.service.path is not None)
    actions["review"] = _action(
        window,
        menu,
        "Monthly learning re&view…",
        "",
        "One document for leadership: the month's learnings, matrix, trends and open actions",
    )
    actions["review"].triggered.connect(window.library_tools.open_review)
    menu.addSeparator()
    actions["quit"] = _action(window, menu, "&Quit", "Ctrl+Q", "Save and quit")
    actions["quit"].triggered.connect(window.close)
    return menu


def _meeting_menu(window: MainWindow, actions: dict[str, QAction]) -> QMenu:
    session = window.session
    menu = window.menuBar().addMenu("&Meeting")
    actions["next"] = _action(window, menu, "&Next phase", "Alt+Right", "Go to the next phase")
    actions["next"].triggered.connect(session.next_phase)
    actions["previous"] = _action(
        window, menu, "&Previous phase", "Alt+Left", "Go back to the previous phase"
    )
    actions["previous"].triggered.connect(session.previous_phase)
    phases = menu.addMenu("&Go to phase")
    actions["phases"] = phases.menuAction()
    for index, phase in enumerate(session.script.phases):
        shortcut = f"Ctrl+{index + 1}" if index < 9 else ""
        action = _action(window, phases, f"{index + 1}. {phase.title}", shortcut, phase.goal)
        action.triggered.connect(lambda _=False, i=index: window.go_to_phase(i))
    menu.addSeparator()
    actions["timer"] = _action(
        window, menu, "Start or pause the &timer", "Ctrl+Space", "Start or pause the phase timer"
    )
    actions["timer"].triggered.connect(session.toggle_timer)
    actions["reset"] = _action(
        window, menu, "&Reset the timer", "Ctrl+Shift+R", "Set the phase timer back to zero"
    )
    actions["reset"].triggered.connect(session.reset_timer)
    menu.addSeparator()
    actions["event"] = _action(
        window,
        menu,
        "Add a timeline &event",
        "Ctrl+T",
        "Add an event just after the selected one, on the incident's day",
    )
    actions["event"].triggered.connect(window.add_timeline_event)
    from facilitator.ui.evidence import add_import_action

    actions["import_evidence"] = add_import_action(window, menu)
    return menu


def _view_menu(window: MainWindow, actions: dict[str, QAction]) -> QMenu:
    settings = window.settings
    view = window.menuBar().addMenu("&View")
    for name, text, key, tip, setting, slot in (
        ("private", "&Private panel", "F9", "Show or hide your private notes and parking lot",
         "view/private_panel", window.toggle_private),
        ("tips", "Facilitator &tips", "F6", "Show or hide the tips on each phase", "view/tips",
         window.toggle_tips),
        ("questions", "&Questions for the room", "F3", "Show or fold the questions on each phase",
         "view/questions", window.toggle_questions),
        ("preview", "Room pre&view", "", "A small picture of the shared screen in your column",
         "view/room_preview", window.toggle_preview),
    ):  # fmt: skip
        actions[name] = _action(window, view, text, key, tip)
        actions[name].setCheckable(True)
        default = name != "preview" and (name != "questions" or _tall_screen(window))
        actions[name].setChecked(settings.value(setting, default, type=bool))
        actions[name].toggled.connect(slot)
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
    for name, action in window.shared.actions.items():
        actions[f"shared_{name}"] = action
    actions["shared"] = window.shared.actions["open"]
    actions["names_as_roles"] = window.shared.actions["names"]
    return view


def _tall_screen(window: MainWindow) -> bool:
    # On a projector's 720 lines the questions start folded to one line: the work needs the room.
    screen = window.screen()
    return screen is None or screen.availableGeometry().height() >= 800


def _help_menu(window: MainWindow, actions: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu("&Help")
    # Others (the tour, the sample) add their items to this menu through its action.
    actions["help_menu"] = menu.menuAction()
    actions["shortcuts"] = _action(
        window, menu, "&Keyboard shortcuts", "F1", "Every key of this window"
    )
    actions["shortcuts"].triggered.connect(window.show_shortcuts)
    actions["about"] = _action(
        window, menu, "&About Facilitator", "", "Version, where debriefs are stored, licence"
    )
    actions["about"].triggered.connect(window.show_about)


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
    has_language = window.language is not None
    actions["rules"].setEnabled(has_language)
    actions["rules_clear"].setEnabled(has_language)


def update_menus(window: MainWindow) -> None:
    """Enable the items that would do something in the window's current state."""
    actions = window.actions
    session = window.session
    debrief = session.debrief
    editing = debrief is not None
    read_only = window.editor is not None and window.editor.read_only
    for name in EDITING:
        actions[name].setEnabled(editing)
    count = len(session.script.phases)
    actions["next"].setEnabled(editing and session.phase_index < count - 1)
    actions["previous"].setEnabled(editing and session.phase_index > 0)
    actions["reset"].setEnabled(editing and session.elapsed() > 0)
    actions["event"].setEnabled(
        editing and not read_only and session.script.phase_for_part("timeline") is not None
    )
    actions["published"].setEnabled(editing and not read_only and debrief.status != "published")  # type: ignore[union-attr]
    actions["script"].setEnabled(not editing)
    busy = window.exports.controller.busy
    for name in ("export_docx", "export_md", "export_pdf", "export_json"):
        actions[name].setEnabled(editing and not busy)
    shared = window.shared
    # The open action is unchecked as the window closes, before it is hidden.
    on_screen = shared.window is not None and shared.actions["open"].isChecked()
    for name in SHARED_OPEN:
        shared.actions[name].setEnabled(on_screen)
    state = shared.replay.state
    total = shared.replay.total
    shared.actions["replay"].setEnabled(state.active or (shared.replay.available and total > 0))
    shared.actions["replay_next"].setEnabled(state.active and not state.at_end(total))
    shared.actions["replay_previous"].setEnabled(state.active and state.index > 0)
    actions["findings"].setEnabled(editing and window.language is not None)

"""The highlighter underlines findings per paragraph; LanguageSupport adds tooltips and ignores."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from facilitator.domain.model import IgnoredFinding
from facilitator.language import BLAME, COUNTERFACTUAL
from facilitator.ui.highlighter import CATEGORY_COLOURS, FindingsHighlighter, block_findings
from facilitator.ui.language_support import LanguageSupport, tooltip_html
from facilitator.ui.note_edit import NoteEdit


def _edit(qtbot: QtBot, text: str, key: str = "summary") -> NoteEdit:
    edit = NoteEdit(key)
    qtbot.addWidget(edit)
    edit.set_text(text)
    return edit


def _formats(edit: NoteEdit, block_number: int = 0) -> list[tuple[int, int, QTextCharFormat]]:
    layout = edit.document().findBlockByNumber(block_number).layout()
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in layout.formats()]


def test_underlines_each_category_with_its_own_wavy_colour(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "Bob forgot the flag. We should have caught it.")
    FindingsHighlighter(edit.document())
    formats = _formats(edit)
    assert len(formats) == 2
    colours = {f.underlineColor().name() for _, _, f in formats}
    assert colours == {CATEGORY_COLOURS[BLAME].name(), CATEGORY_COLOURS[COUNTERFACTUAL].name()}
    assert all(
        f.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline for _, _, f in formats
    )


def test_findings_are_stored_per_block_with_document_offsets(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "All fine here.\nThe intern broke prod.")
    highlighter = FindingsHighlighter(edit.document())
    assert block_findings(edit.document().firstBlock()) == []
    (finding,) = highlighter.findings()
    assert edit.toPlainText()[finding.start : finding.end] == "The intern broke"
    assert highlighter.finding_at(finding.start + 2) == finding
    assert highlighter.finding_at(0) is None


def test_only_the_edited_paragraph_is_rechecked(qtbot: QtBot) -> None:
    class Counting:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def check(self, text: str, people: object = ()) -> list:
            self.calls.append(text)
            return []

    edit = _edit(qtbot, "\n".join(f"Paragraph {i} of the summary." for i in range(50)))
    counting = Counting()
    FindingsHighlighter(edit.document(), checker=counting)  # type: ignore[arg-type]
    counting.calls.clear()
    cursor = QTextCursor(edit.document().findBlockByNumber(10))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText(" Ada skipped")
    assert counting.calls == ["Paragraph 10 of the summary. Ada skipped"]


def test_people_names_are_recognised_and_changing_them_rehighlights(qtbot: QtBot) -> None:
    # "Brook" is an English word, so only the participant list makes it a person.
    edit = _edit(qtbot, "Brook misconfigured the autoscaler.")
    support = LanguageSupport()
    highlighter = support.attach(edit)
    assert highlighter.findings() == []
    support.set_people(["Brook"])
    qtbot.waitUntil(lambda: not support.rechecking())
    assert [f.rule for f in highlighter.findings()] == ["blame.person-cause"]


def test_a_participant_change_rechecks_in_slices_without_holding_the_ui(qtbot: QtBot) -> None:
    edits = [
        _edit(qtbot, f"Brook misconfigured pool {n}.\nAll fine.", f"x[{n}]") for n in range(40)
    ]
    support = LanguageSupport()
    highlighters = [support.attach(edit) for edit in edits]
    support.set_people(["Brook Okoro"])
    # Nothing is re-checked inside the call itself: the paragraphs wait for the event loop.
    assert support.rechecking()
    assert all(h.findings() == [] for h in highlighters)
    qtbot.waitUntil(lambda: not support.rechecking())
    assert all(len(h.findings()) == 1 for h in highlighters)
    support.set_people(["Brook Okoro"])  # the same list again costs nothing
    assert not support.rechecking()


def test_rules_compile_off_the_ui_thread(qtbot: QtBot) -> None:
    import threading

    from facilitator.language import Checker

    checker = Checker()
    threads: set[int | None] = set()
    original = checker._compile

    def spy(index: int, names: str):  # type: ignore[no-untyped-def]
        threads.add(threading.get_ident())
        return original(index, names)

    checker._compile = spy  # type: ignore[method-assign]
    support = LanguageSupport(checker)
    assert support.wait_until_ready(30)
    assert len(threads) == 1  # one worker compiled every rule
    assert threading.main_thread().ident not in threads
    assert all(c is not None for c in checker._compiled)


def test_a_person_judged_by_hindsight_is_one_finding_in_both_categories(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "Thandi should have looked at the graph.")
    (finding,) = FindingsHighlighter(edit.document()).findings()
    assert finding.categories == (BLAME, COUNTERFACTUAL)
    ((_, _, fmt),) = _formats(edit)
    assert fmt.underlineColor().name() == CATEGORY_COLOURS[BLAME].name()
    assert "Blame and counterfactual" in tooltip_html(finding)


def test_ignore_here_and_ignore_rule_hide_findings_and_signal(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "We should have paged. We should have rolled back.", "went_wrong[0]")
    other = _edit(qtbot, "We should have waited.", "learnings[0]")
    support = LanguageSupport()
    support.attach(edit)
    support.attach(other)
    first = support.findings()[0].finding
    with qtbot.waitSignal(support.ignoresChanged):
        support.ignore_here("went_wrong[0]", first)
    assert [f.finding.text for f in support.findings()] == [
        "should have rolled",
        "should have waited",
    ]
    assert support.ignored() == [
        IgnoredFinding("counterfactual.should-have", "went_wrong[0]", "should have paged")
    ]
    with qtbot.waitSignal(support.ignoresChanged):
        support.ignore_rule("counterfactual.should-have")
    assert support.findings() == []
    assert _formats(edit) == []


def test_findings_changed_is_debounced_while_typing(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "")
    support = LanguageSupport()
    support.attach(edit)
    with qtbot.waitSignal(support.findingsChanged, timeout=2000):
        for char in "Ops dropped the ball.":
            edit.insertPlainText(char)
    assert [f.finding.category for f in support.findings()] == [BLAME]


def test_tooltip_and_context_menu_offer_message_suggestion_and_ignores(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "Root cause: human error.")
    edit.resize(400, 100)
    edit.show()
    qtbot.waitExposed(edit)
    support = LanguageSupport()
    support.attach(edit)
    cursor = edit.textCursor()
    cursor.setPosition(len("Root cause: hu"))
    point = edit.cursorRect(cursor).center()
    finding = support.finding_at(edit, point)
    assert finding is not None and finding.rule == "blame.human-error"
    tip = tooltip_html(finding)
    assert "Human error" in tip and "Try:" in tip
    menu = support.context_menu(edit, point)
    labels = [a.text() for a in menu.actions()]
    assert labels[-2:] == ["Ignore here", "Ignore this rule in this debrief"]
    with qtbot.waitSignal(support.ignoresChanged):
        menu.actions()[-1].trigger()
    assert support.ignored() == [IgnoredFinding("blame.human-error")]
    plain = support.context_menu(edit, QPoint(390, 90))
    assert "Ignore here" not in [a.text() for a in plain.actions()]


def test_reveal_selects_the_phrase_in_its_field(qtbot: QtBot) -> None:
    edit = _edit(qtbot, "The DBA's mistake.", "impact")
    support = LanguageSupport()
    support.attach(edit)
    assert support.reveal("impact", 4, 17)
    assert edit.textCursor().selectedText() == "DBA's mistake"
    assert not support.reveal("summary", 0, 1)


def test_the_collector_is_paused_while_rules_compile(qtbot: QtBot) -> None:
    # A collection on the worker could free Qt objects of the GUI thread and crash.
    import gc

    from facilitator.language import Checker

    checker = Checker()
    seen: list[bool] = []
    original = checker._compile

    def spy(index: int, names: str):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return original(index, names)

    checker._compile = spy  # type: ignore[method-assign]
    support = LanguageSupport(checker)
    assert support.wait_until_ready(30)
    assert seen and not any(seen)
    qtbot.waitUntil(gc.isenabled)  # switched back on from the GUI thread afterwards

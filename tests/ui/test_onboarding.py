"""First run: the sample offer in an empty library, the tour offered once, Help menu entries."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.script import MeetingScript
from facilitator.sample import SAMPLE_ID
from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.onboarding import COMPLETED_KEY, OFFERED_KEY


def _window(qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript):
    win = MainWindow(service, settings, script)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


def _rect_of(window: MainWindow, name: str) -> QRect:
    widget = window.findChild(QWidget, name)
    assert widget is not None and widget.isVisible()
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_an_empty_library_offers_the_sample_and_opens_it(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    library = window.library
    assert library.empty.isVisible() and library.sample_button.isVisible()
    assert not library.table.isVisible()
    qtbot.waitUntil(lambda: window.onboarding.offer is not None)
    offer = window.onboarding.offer
    assert offer is not None and offer.isVisible()
    qtbot.mouseClick(library.sample_button, Qt.MouseButton.LeftButton)
    # The tour offer would sit on the editor's fields: it goes (the tour stays in Help).
    assert not offer.isVisible()
    assert window.session.debrief is not None and window.session.debrief.id == SAMPLE_ID
    assert window.windowTitle().startswith("Sample:")
    assert "made-up sample" in window.statusBar().currentMessage()
    window.show_library()
    assert not library.empty.isVisible()
    assert [s.id for s in service.list()] == [SAMPLE_ID]
    # From the Help menu again: opened, never duplicated.
    window.onboarding.actions["sample"].trigger()
    assert window.session.debrief is not None and window.session.debrief.id == SAMPLE_ID
    assert len(service.list()) == 1


def test_a_launch_straight_into_a_debrief_keeps_the_offer_for_the_library(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    from facilitator.sample import add_sample

    add_sample(service)
    first = MainWindow(service, settings, script)
    qtbot.addWidget(first)
    first.show()
    first.open_target(SAMPLE_ID[:8])  # as ``facilitator open ID`` does, before the loop runs
    qtbot.wait(50)
    assert first.onboarding.offer is None or not first.onboarding.offer.isVisible()
    assert not settings.value(OFFERED_KEY, False, type=bool)  # offered at a later start
    first.close()


def test_the_tour_is_offered_once_per_settings(
    qtbot: QtBot, service: DebriefService, settings: QSettings, script: MeetingScript
) -> None:
    first = _window(qtbot, service, settings, script)
    qtbot.waitUntil(
        lambda: first.onboarding.offer is not None and first.onboarding.offer.isVisible()
    )
    offer = first.onboarding.offer
    assert offer is not None
    assert QApplication.activeModalWidget() is None
    assert first.rect().contains(offer.geometry())
    qtbot.mouseClick(offer.no, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    assert settings.value(OFFERED_KEY, type=bool) is True
    first.close()
    second = _window(qtbot, service, settings, script)
    qtbot.wait(50)
    assert second.onboarding.offer is None
    # Still reachable from Help.
    assert second.onboarding.actions["tour"].text() == "Take the &tour"


def test_the_tour_rings_phases_findings_and_shared_screen_and_blocks_nothing(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    qtbot.waitUntil(lambda: window.onboarding.offer is not None)
    offer = window.onboarding.offer
    assert offer is not None
    qtbot.mouseClick(offer.yes, Qt.MouseButton.LeftButton)
    tour = window.onboarding.tour
    assert tour is not None
    qtbot.waitUntil(lambda: tour.active)
    # Starting the tour from an empty library opened the sample to show it on.
    assert window.session.debrief is not None and window.session.debrief.id == SAMPLE_ID
    bubble = tour.bubble
    assert bubble.isVisible() and not offer.isVisible()
    assert "1 of 3" in bubble.counter.text() and not bubble.back.isEnabled()

    # Step 1: the phases sidebar.
    assert tour.step is not None and tour.step.key == "phases"
    assert tour.ring.target == _rect_of(window, "PhaseNavigator")
    assert not bubble.geometry().intersects(tour.ring.target)
    # Not modal: the window still takes input while the tour is shown.
    assert QApplication.activeModalWidget() is None and window.isEnabled()
    window.actions["next"].trigger()
    assert window.session.phase_index == 1
    assert tour.active

    # Step 2: the findings, in the private column.
    qtbot.mouseClick(bubble.next, Qt.MouseButton.LeftButton)
    assert tour.step is not None and tour.step.key == "findings"
    assert tour.ring.target == _rect_of(window, "FindingsPanel")
    assert window.rect().contains(bubble.geometry())
    qtbot.mouseClick(bubble.back, Qt.MouseButton.LeftButton)
    assert tour.step is not None and tour.step.key == "phases"
    qtbot.mouseClick(bubble.next, Qt.MouseButton.LeftButton)

    # Step 3: the shared screen, under the View menu.
    qtbot.mouseClick(bubble.next, Qt.MouseButton.LeftButton)
    assert tour.step is not None and tour.step.key == "shared"
    bar = window.menuBar()
    view = next(a for a in bar.actions() if a.text() == "&View")
    assert tour.ring.target.topLeft() == bar.mapTo(window, bar.actionGeometry(view).topLeft())
    assert bubble.next.text() == "Done"
    # The ring follows a resize.
    window.resize(1100, 650)
    qtbot.waitUntil(lambda: window.rect().contains(bubble.geometry()))
    qtbot.mouseClick(bubble.next, Qt.MouseButton.LeftButton)
    assert not tour.active and not bubble.isVisible() and not tour.ring.isVisible()
    assert settings.value(COMPLETED_KEY, type=bool) is True


def test_the_tour_can_be_skipped_with_escape_and_restarted_from_help(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    window.onboarding.actions["tour"].trigger()
    qtbot.waitUntil(lambda: window.onboarding.tour is not None and window.onboarding.tour.active)
    tour = window.onboarding.tour
    assert tour is not None
    qtbot.keyClick(tour.bubble.next, Qt.Key.Key_Escape)
    assert not tour.active and not tour.bubble.isVisible()
    assert settings.value(COMPLETED_KEY, type=bool) is False
    window.onboarding.actions["tour"].trigger()
    qtbot.waitUntil(lambda: tour.active)
    assert tour.step is not None and tour.step.key == "phases"
    qtbot.mouseClick(tour.bubble.skip, Qt.MouseButton.LeftButton)
    assert not tour.active


def test_the_tour_uses_the_open_debrief_rather_than_the_sample(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    window.new_debrief()
    own = window.session.debrief
    assert own is not None
    window.onboarding.start_tour()
    qtbot.waitUntil(lambda: window.onboarding.tour is not None and window.onboarding.tour.active)
    assert window.session.debrief is own
    assert [s.id for s in service.list()] == [own.id]

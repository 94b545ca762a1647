"""The break screen in large type with a countdown; the facilitator sees plainly it is on."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from facilitator.storage import DebriefService
from facilitator.ui.main_window import MainWindow
from facilitator.ui.shared_screen.help_overlay import BlankScreen

from support.samples import sample_debrief


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_break_screen_counts_down_in_large_type(qtbot: QtBot) -> None:
    clock = Clock()
    blank = BlankScreen(clock=clock)
    qtbot.addWidget(blank)
    blank.resize(1280, 720)
    blank.set_break(300)
    assert blank.countdown.text() == "5:00" and not blank.countdown.isHidden()
    clock.now += 61
    blank._update()
    assert blank.countdown.text() == "3:59"
    clock.now += 1000
    blank._update()
    assert blank.countdown.text() == "0:00" and "again now" in blank.text.text()
    blank.set_break(None)
    assert blank.countdown.isHidden()


def test_the_facilitator_sees_when_the_room_is_blanked(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    assert window.room_banner.isHidden()
    window.actions["shared_break_10"].trigger()
    shared = window.shared.window
    assert shared is not None and shared.blanked
    assert not window.room_banner.isHidden()
    assert "break screen" in window.room_banner.text.text()
    assert "10:00" in window.room_banner.text.text() or "9:59" in window.room_banner.text.text()
    assert "10:00" in shared.blank.countdown.text() or "9:59" in shared.blank.countdown.text()
    window.room_banner.back.click()
    assert not shared.blanked and window.room_banner.isHidden()
    window.actions["shared_blank"].setChecked(True)  # a plain blank: no countdown
    assert shared.blanked and "not the meeting" in window.room_banner.text.text()


def test_a_small_preview_shows_what_the_room_sees(
    qtbot: QtBot, window: MainWindow, service: DebriefService
) -> None:
    debrief = sample_debrief()
    service.save(debrief)
    window.open_debrief(debrief.id)
    window.actions["preview"].setChecked(True)
    preview = window.room_preview
    assert preview.isVisible()
    assert "closed" in preview.picture.text()
    window.shared.open()
    preview.refresh()
    pixmap = preview.picture.pixmap()
    assert not pixmap.isNull() and pixmap.width() < 400
    image = pixmap.toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 60, 5)}
    assert len(colours) > 2  # a picture of the room's screen, not a blank box

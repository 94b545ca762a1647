"""A newcomer's first minutes: the sample debrief, the tour offer, and the Help menu.

:class:`Onboarding` is created by the main window and needs only its public API
(``service``, ``settings``, ``library``, ``session``, ``open_debrief``,
``refresh_library``, ``show_message``). The tour is offered once, the first time the
app starts with these settings (``tour/offered`` in QSettings), and stays in the
Help menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from facilitator.paths import log_dir
from facilitator.sample import add_sample
from facilitator.storage import StorageError
from facilitator.ui.tour import Tour, add_shadow

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow

OFFERED_KEY = "tour/offered"
COMPLETED_KEY = "tour/completed"


class TourOffer(QFrame):
    """A small card in the window's corner: take the tour, or not. Blocks nothing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("TourOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFixedWidth(380)
        add_shadow(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        text = QLabel(
            "New to Facilitator? A one-minute tour opens the sample debrief and points "
            "at the phases, the language findings and the shared screen.",
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.no = QPushButton("No, thanks", self)
        self.no.setToolTip("The tour stays in the Help menu")
        self.yes = QPushButton("Take the tour", self)
        self.yes.setObjectName("NextButton")
        row.addStretch(1)
        row.addWidget(self.no)
        row.addWidget(self.yes)
        layout.addLayout(row)
        self.no.clicked.connect(self.hide)
        self.yes.clicked.connect(self.hide)

    def place(self) -> None:
        window = self.window_
        self.adjustSize()
        bottom = window.height() - window.statusBar().height()
        self.move(window.width() - self.width() - 24, bottom - self.height() - 20)
        self.raise_()


class Onboarding(QObject):
    """Opens the sample, offers and runs the tour, and fills the Help menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tour: Tour | None = None
        self.offer: TourOffer | None = None
        self.actions: dict[str, QAction] = {}
        window.library.sampleRequested.connect(self.open_sample)
        # Once a debrief is open the card would sit on its fields; the tour stays in Help.
        window.session.debriefOpened.connect(self._dismiss_offer)
        self._build_help_menu()
        if not window.settings.value(OFFERED_KEY, False, type=bool):
            QTimer.singleShot(0, self.offer_tour)

    # -- the sample ----------------------------------------------------------------------

    def open_sample(self) -> bool:
        """Add the sample debrief if it is missing and open it; False if it cannot be."""
        try:
            result = add_sample(self.window.service)
        except StorageError as exc:
            self.window.show_message(str(exc), error=True)
            return False
        self.window.refresh_library()
        self.window.open_debrief(result.id)
        if self.window.session.debrief is None:
            return False
        self.window.show_message("A made-up sample: change anything, delete it when done.")
        return True

    # -- the tour ------------------------------------------------------------------------

    def offer_tour(self) -> None:
        """Show the offer card, once per settings file, over the library only.

        A launch straight into a debrief (``facilitator open``, a restored session)
        keeps the offer for a later start: the card would sit on the fields.
        """
        if self.window.session.debrief is not None:
            return
        self.window.settings.setValue(OFFERED_KEY, True)
        if self.offer is None:
            self.offer = TourOffer(self.window)
            self.offer.yes.clicked.connect(self.start_tour)
        self.offer.show()
        self.offer.place()

    def _dismiss_offer(self, *_args: object) -> None:
        if self.offer is not None:
            self.offer.hide()

    def start_tour(self) -> None:
        """Start the tour, on the open debrief or else on the sample."""
        if self.offer is not None:
            self.offer.hide()
        if self.window.session.debrief is None and not self.open_sample():
            return
        if self.tour is None:
            self.tour = Tour(self.window)
            self.tour.finished.connect(self._tour_finished)
        # After the editor has been laid out, so the ring lands on the real widgets.
        QTimer.singleShot(0, self.tour.start)

    def _tour_finished(self, completed: bool) -> None:
        self.window.settings.setValue(COMPLETED_KEY, completed)
        self.window.show_message("Help › Take the tour shows it again.")

    # -- Help menu -----------------------------------------------------------------------

    def _build_help_menu(self) -> None:
        # Into the window's Help menu (shortcuts and About are there already), at its top.
        help_action = self.window.actions.get("help_menu")
        menu = help_action.menu() if help_action is not None else None
        if menu is None:
            menu = self.window.menuBar().addMenu("&Help")
        first = menu.actions()[0] if menu.actions() else None
        for name, text, tip, slot in (
            ("tour", "Take the &tour", "A one-minute tour of the debrief editor", self.start_tour),
            (
                "sample",
                "Open the &sample debrief",
                "A complete, made-up debrief to look at or practise on",
                self.open_sample,
            ),
            ("logs", "Open the &log folder", "Where logs and problem reports are kept", self._logs),
        ):
            action = QAction(text, self.window)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, s=slot: s())
            menu.insertAction(first, action)
            self.actions[name] = action
        if first is not None:
            menu.insertSeparator(first)

    def _logs(self) -> None:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

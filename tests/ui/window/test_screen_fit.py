"""The first window size: kept where it fits, maximized on a smaller screen."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SHOWS_WINDOW
from ui.window.main_window import DEFAULT_SIZE, MainWindow
from ui.window.screen_fit import FRAME_ALLOWANCE_PX, fits, show_fitted

pytestmark = SHOWS_WINDOW


def test_a_size_fits_with_room_for_the_frame(qapp: QApplication) -> None:
    screen = qapp.primaryScreen()
    room = screen.availableGeometry().size()
    assert fits(QSize(room.width(), room.height() - FRAME_ALLOWANCE_PX), screen)
    assert not fits(QSize(room.width(), room.height()), screen)  # the title bar would not fit
    assert not fits(QSize(room.width() + 1, 100), screen)


def test_the_first_window_is_maximized_on_a_smaller_screen(
    qtbot: QtBot, qapp: QApplication
) -> None:
    window = MainWindow()  # no saved geometry in these tests
    qtbot.addWidget(window)
    assert not window.restored_geometry
    assert window.size() == QSize(*DEFAULT_SIZE)
    room = qapp.primaryScreen().availableGeometry().size()
    assert room.width() < DEFAULT_SIZE[0]  # the offscreen screen is 800 × 800
    show_fitted(window, window.restored_geometry)
    assert window.isMaximized()


def test_a_window_that_fits_or_was_restored_keeps_its_size(qtbot: QtBot) -> None:
    small = QWidget()
    qtbot.addWidget(small)
    small.resize(400, 300)
    show_fitted(small, restored=False)
    assert not small.isMaximized() and small.size() == QSize(400, 300)
    large = QWidget()
    qtbot.addWidget(large)
    large.resize(*DEFAULT_SIZE)
    show_fitted(large, restored=True)
    assert not large.isMaximized()

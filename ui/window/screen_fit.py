"""The window's first size: the default where it fits the screen, else maximized."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

# Room for the title bar and borders a window manager adds outside the window's own size.
FRAME_ALLOWANCE_PX = 60


def fits(size: QSize, screen: QScreen | None) -> bool:
    """True when a window of ``size``, with its frame, fits the screen's free area."""
    if screen is None:
        return True
    room = screen.availableGeometry().size()
    return size.width() <= room.width() and size.height() + FRAME_ALLOWANCE_PX <= room.height()


def show_fitted(window: QWidget, restored: bool) -> None:
    """Show ``window``; maximized when it was not restored and its size would not fit.

    A 1366 × 768 window on a 1366 × 768 laptop (or a 1280 × 720 one) would run under the
    taskbar and off the screen; a maximized window uses exactly the room there is. A
    restored window keeps the size the clinician left it at (Qt keeps it on screen).
    """
    screen = window.screen()
    if not restored and screen is not None and not fits(window.size(), screen):
        # The free area first: without a window manager there is nobody to maximize it.
        room = screen.availableGeometry()
        window.resize(room.width(), room.height() - FRAME_ALLOWANCE_PX)
        window.showMaximized()
    else:
        window.show()

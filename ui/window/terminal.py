"""The window and its terminal: a display to show it on, and Ctrl+C closing it normally."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Mapping
from types import FrameType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

# How often Python gets the chance to run a signal handler while Qt's event loop waits.
WAKE_INTERVAL_MS = 200
NO_DISPLAY = (
    "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); start it in a desktop "
    "session, or use `taper-planner plan` and `taper-planner export` on the command line"
)


def missing_display(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """Why the window cannot be shown here, or "" when it can.

    Only Linux and the BSDs need a display server; QT_QPA_PLATFORM (e.g. offscreen) means the
    caller chose where Qt draws. Without this check Qt aborts the process (SIGABRT).
    """
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if not system.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return NO_DISPLAY


def close_on_interrupt(window: QWidget) -> Callable[[], None]:
    """Make Ctrl+C in the terminal close ``window`` the normal way (asking about unsaved work).

    Python runs a signal handler only between bytecodes, so a timer wakes the interpreter
    while Qt waits for events. The close is queued, not done inside the handler.

    Returns:
        A function that restores the previous SIGINT handler and stops the timer.
    """
    wake = QTimer(window)
    wake.setInterval(WAKE_INTERVAL_MS)
    wake.timeout.connect(_nothing)
    wake.start()
    closer = _Closer(window)

    def on_interrupt(_number: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, closer.close)

    previous = signal.signal(signal.SIGINT, on_interrupt)

    def restore() -> None:
        signal.signal(signal.SIGINT, previous)
        wake.stop()

    return restore


def _nothing() -> None:
    """The wake-up timer's slot: returning to Python is all it is for."""


class _Closer(QObject):
    """Closes a window if it still exists (the handler may run as the app is ending)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def close(self) -> None:
        """Close the window, which asks about unsaved changes first."""
        self.window.close()

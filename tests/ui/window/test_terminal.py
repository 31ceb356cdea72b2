"""The window and its terminal: no display is one line and exit 2; Ctrl+C closes it normally."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SHOWS_WINDOW, Dialogs
from ui.window.main_window import MainWindow
from ui.window.terminal import NO_DISPLAY, close_on_interrupt, missing_display

ROOT = Path(__file__).resolve().parents[3]


def test_a_display_is_needed_only_on_x11_and_wayland_systems() -> None:
    assert missing_display({}, "linux") == NO_DISPLAY
    assert missing_display({"DISPLAY": ":0"}, "linux") == ""
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert missing_display({}, "darwin") == "" and missing_display({}, "win32") == ""


def test_without_a_display_the_window_says_so_in_one_line() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"taper-planner: {NO_DISPLAY}\n"


@SHOWS_WINDOW
def test_ctrl_c_closes_the_window_asking_about_unsaved_work(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs
) -> None:
    window.show()
    window.form.interval.setValue(28)  # unsaved
    qtbot.waitUntil(window.isWindowModified)
    restore = close_on_interrupt(window)
    try:
        dialogs.unsaved_answer = QMessageBox.StandardButton.Cancel
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: dialogs.asked == ["Untitled"], timeout=3000)
        assert window.isVisible()  # Cancel keeps it open
        dialogs.unsaved_answer = QMessageBox.StandardButton.Discard
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
        assert dialogs.asked == ["Untitled", "Untitled"]
    finally:
        restore()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

"""Help → User Guide: shipped offline, F1 opens the section for the focused field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import resources
from ui.help.guide import GUIDE_FILE, GuideDialog, section_for
from ui.window.main_window import MainWindow

# Offscreen windows cannot be raised; the guide raises itself over the main window.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


def _guide(window: MainWindow) -> GuideDialog:
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    return guide


def test_the_guide_covers_what_the_issue_asks(qtbot: QtBot) -> None:
    html = resources.read_text(GUIDE_FILE)  # package data, so an installed app has it
    for words in (
        "Methods and their sources",
        "How doses are made measurable",
        "The checks",
        "Follow-up",
        "Keyboard shortcuts",
        "Files and privacy",
        "JCPG 2025",
        "deprescribing.org",
    ):
        assert words in html
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    assert "Taper Planner user guide" in dialog.browser.toPlainText()


def test_f1_opens_the_section_for_the_focused_field(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.form.sections["regimen"].set_expanded(True)  # closed at first: no focus inside
    night = window.form.doses["night"]
    night.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    guide = _guide(window)
    assert guide.section == "measurable"
    top = guide.browser.cursorForPosition(guide.browser.viewport().rect().topLeft())
    assert guide.browser.verticalScrollBar().value() > 0 and top is not None
    window.form.method.method_combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.method.method_combo)
    qtbot.keyClick(window.form.method.method_combo, Qt.Key.Key_F1)
    assert _guide(window).section == "methods"


def test_help_menu_has_the_guide_before_about(window: MainWindow) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [action.text() for action in menu.actions()]
    assert texts[:2] == ["User &Guide", "&About Taper Planner"]
    assert section_for(None) == "contents" and section_for("regimen.morning") == "measurable"
    assert section_for("custom_steps") == "edit-steps" and section_for("switch_order") == "switch"

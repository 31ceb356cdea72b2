"""Units, weekdays and summaries are grey and error lines red, as painted on screen."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from ui.text_colour import ERROR, MUTED
from ui.window.main_window import MainWindow

pytestmark = SHOWS_WINDOW


def ink(label: QLabel) -> QColor:
    """The colour of the label's darkest painted pixel: its text's own colour."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    rgb = pixels[:, : image.width(), 2::-1].reshape(-1, 3).astype(int)
    darkest = rgb[np.argmin(rgb.sum(axis=1))]
    return QColor(*map(int, darkest))


def shown(qtbot: QtBot) -> MainWindow:
    window = MainWindow(plan=BASE_PLAN)
    qtbot.addWidget(window)
    window.resize(1366, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_units_and_weekdays_inside_their_fields_are_grey(qtbot: QtBot) -> None:
    window = shown(qtbot)
    # Inside a line edit, a label paints with the edit's Text colour, not WindowText.
    assert ink(window.form.interval.unit_label) == QColor(MUTED)
    assert ink(window.form.start.weekday_label) == QColor(MUTED)


def test_a_closed_sections_summary_is_grey(qtbot: QtBot) -> None:
    window = shown(qtbot)
    summary = window.form.sections["patient"].summary
    summary.setText("Demo patient")
    assert ink(summary) == QColor(MUTED)


def test_error_lines_are_red_in_the_form_and_in_the_changes_notice(qtbot: QtBot) -> None:
    window = shown(qtbot)
    window.form.interval.setText("999")
    window.form.flush()
    line = window.form.rows.label_for("interval_days")
    qtbot.waitUntil(line.isVisible)
    assert ink(line) == QColor(ERROR)
    # The notice's own style sheet would colour its labels: its error line keeps red.
    bar = window.changes_bar
    bar.date.setText("1 Jan 1990")
    bar.error.setText("Changes cannot apply from 1 Jan 1990")
    bar.setVisible(True)
    bar.error.setVisible(True)
    qtbot.waitExposed(bar.error)
    assert ink(bar.error) == QColor(ERROR)
    assert ink(bar.date.weekday_label) == QColor(MUTED)

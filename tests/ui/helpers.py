"""Driving the form the way a clinician does: type into inputs, choose from combo boxes."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot


def type_into(qtbot: QtBot, box: QAbstractSpinBox | QLineEdit, text: str) -> None:
    """Replace what an input holds by typing ``text`` into it."""
    box.setFocus()
    box.selectAll()
    if isinstance(box, QLineEdit):
        box.clear()
    qtbot.keyClicks(box, text)


def choose(combo: QComboBox, data: object) -> None:
    """Choose the item whose data is ``data``, as a clinician would from the list."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)

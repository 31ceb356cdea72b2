"""The wheel guard: every input inside what it guards, nested or the root itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QSlider, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.form.test_typed_values import wheel
from ui.wheel_guard import WheelGuard


def test_it_guards_nested_inputs_and_a_guarded_root(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    inner = QWidget(root)
    combo, spin, slider = QComboBox(inner), QDoubleSpinBox(inner), QSlider(root)
    combo.addItems(["a", "b", "c"])
    text = QLineEdit(root)
    layout = QVBoxLayout(root)
    for widget in (inner, slider, text):
        layout.addWidget(widget)
    guard = WheelGuard(root)
    guard.guard(root)
    lone = QComboBox()
    qtbot.addWidget(lone)
    lone.addItems(["a", "b"])
    guard.guard(lone)  # an input given as the root is guarded too
    guard.guard(root)  # again (after adding rows): each input is still filtered once
    for widget in (combo, spin, slider, lone):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    before = (combo.currentIndex(), spin.value(), slider.value(), lone.currentIndex())
    for widget in (combo, spin, slider, lone):
        wheel(widget, -2)
    assert (combo.currentIndex(), spin.value(), slider.value(), lone.currentIndex()) == before

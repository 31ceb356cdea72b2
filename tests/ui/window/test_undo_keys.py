"""Ctrl+Z and Ctrl+Shift+Z undo and redo the plan wherever the focus is; wheels scroll the form."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from tests.ui.form.test_typed_values import wheel
from tests.ui.helpers import type_into
from ui.window.main_window import MainWindow
from ui.window.undo import PlanUndoKeys

pytestmark = SHOWS_WINDOW


def shown(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)


def press(qtbot: QtBot, widget: QWidget, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, Qt.Key.Key_Z, modifiers)


def test_ctrl_z_in_a_number_field_undoes_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    shown(qtbot, window)
    percent = window.form.method.percent_current
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, percent, "25")
    interval = window.form.interval
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, interval, "28")
    assert interval.hasFocus()
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, interval)
    assert window.current_plan() == BASE_PLAN.replace(reduction_percent=25.0)
    assert interval.text() == "14"
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, interval)
    assert window.current_plan() == BASE_PLAN
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, interval, shift=True)
    assert window.current_plan() == BASE_PLAN.replace(reduction_percent=25.0)
    assert percent.text() == "25"


def test_ctrl_z_in_a_date_or_name_field_undoes_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    shown(qtbot, window)
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.patient_name, "Ann")
    window.form.start.setFocus()
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, window.form.start)
    assert window.current_plan() == BASE_PLAN
    assert window.form.patient_name.text() == ""


def test_ctrl_z_during_an_edit_in_progress_undoes_the_typing_only(
    qtbot: QtBot, window: MainWindow
) -> None:
    shown(qtbot, window)
    window.form.debounce.setInterval(60_000)  # the typing is not planned yet
    interval = window.form.interval
    type_into(qtbot, interval, "28")
    press(qtbot, interval)
    press(qtbot, interval)
    assert interval.text() == "14"  # the field's own text undo, a step at a time
    assert window.undo_stack.count() == 0


class CountedKeys(PlanUndoKeys):
    """The window's undo keys, noting every object whose events they see."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, window.form.debounce, window.form.flush)
        self.seen: set[QObject] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.add(watched)
        return super().eventFilter(watched, event)


def test_the_keys_are_watched_on_the_focused_widgets_only(qtbot: QtBot) -> None:
    """Not every event of the application: watching all of them slowed start-up ~40 ms."""
    window = MainWindow(plan=BASE_PLAN)
    qtbot.addWidget(window)
    window.form.debounce.setInterval(0)
    keys = CountedKeys(window)
    shown(qtbot, window)
    qtbot.waitUntil(window.pane.chart.canvas.has_painted)
    focused = {window.focusWidget()}
    assert keys.seen <= focused  # showing and painting the window passed it by
    interval = window.form.interval
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, interval, "28")
    focused.add(interval)
    assert interval in keys.seen and keys.seen <= focused
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, interval)
    assert window.current_plan() == BASE_PLAN


def test_the_wheel_over_an_input_scrolls_the_form(qtbot: QtBot, window: MainWindow) -> None:
    shown(qtbot, window)
    window.resize(1000, 420)
    qtbot.wait(20)
    bar = window.form_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    combo = window.form.method.method_combo
    before = combo.currentIndex()
    wheel(combo, -2)
    assert bar.value() > 0
    assert combo.currentIndex() == before

"""Typed values stay as typed (with a message saying what is allowed); wheels change nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from planner.errors import PlanError
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import type_into
from ui.form.date_field import DateField
from ui.form.number_field import NumberField
from ui.form.plan_form import PlanForm


@pytest.fixture
def form(qtbot: QtBot) -> PlanForm:
    widget = PlanForm()
    qtbot.addWidget(widget)
    widget.debounce.setInterval(0)
    widget.set_plan(BASE_PLAN)
    return widget


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One mouse-wheel turn over ``widget``'s centre, as the window system sends it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def input_state(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    assert isinstance(widget, NumberField | DateField)
    return widget.text()


def test_a_wheel_without_focus_changes_no_input(form: PlanForm) -> None:
    inputs = [
        *form.findChildren(QComboBox),
        *form.findChildren(QAbstractSpinBox),
        *form.findChildren(NumberField),
        *form.findChildren(DateField),
    ]
    assert form.method.method_combo in inputs
    assert form.start in inputs and form.date_of_birth in inputs
    before = [input_state(widget) for widget in inputs]
    for widget in inputs:
        for notches in (-1, 1, -3):
            wheel(widget, notches)
    assert [input_state(widget) for widget in inputs] == before
    assert form.build_plan() == BASE_PLAN


def test_guarded_inputs_take_focus_by_click_or_tab_only(form: PlanForm) -> None:
    for widget in (form.method.method_combo, form.region, form.start, form.date_of_birth):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus


@pytest.mark.parametrize(
    ("field", "typed", "allowed"),
    [
        ("night", "45", "from 0 to"),
        ("night", "500", "from 0 to"),
        ("night", "1x", "is not a number"),
        ("percent", "0", "from 1 to 50 %"),
        ("percent", "abc", "is not a number"),
        ("interval", "400", "from 1 to 365 days"),
        ("interval", "14.5", "is not a whole number"),
        ("interval", "", "is empty"),
        ("step", "0.0005", "from 0.001 to 10 mg"),
        ("step", "0", "from 0.001 to 10 mg"),
        ("step", "12", "from 0.001 to 10 mg"),
    ],
)
def test_a_typed_value_stays_as_typed_and_says_what_is_allowed(
    qtbot: QtBot, form: PlanForm, field: str, typed: str, allowed: str
) -> None:
    box = {
        "night": form.doses["night"],
        "percent": form.method.percent_current,
        "interval": form.interval,
        "step": form.products.step_mg,
    }[field]
    if field == "step":
        form.products.compounded.click()  # the compounding step shows only when ticked
    with qtbot.waitSignal(form.input_rejected) as blocker:
        type_into(qtbot, box, typed)
        if not typed:
            qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    box.clearFocus()  # leaving the field must not fix it up either
    error = blocker.args[0]
    assert isinstance(error, PlanError)
    assert allowed in str(error)
    assert box.text() == typed
    assert form.error_message() == str(error)
    with pytest.raises(PlanError):
        form.build_plan()


def test_a_dose_of_45_is_never_planned_as_4(qtbot: QtBot, form: PlanForm) -> None:
    plans: list[object] = []
    form.plan_changed.connect(plans.append)
    type_into(qtbot, form.doses["night"], "45")
    qtbot.wait(20)
    assert all(plan.regimen.night_mg not in (4.0, 5.0) for plan in plans)  # type: ignore[attr-defined]
    assert form.doses["night"].text() == "45"


def test_up_and_down_step_a_focused_field_within_its_range(qtbot: QtBot, form: PlanForm) -> None:
    box = form.method.percent_current
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.text() == "11"
    type_into(qtbot, box, "abc")
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.text() == "abc"  # an unreadable value is left for the clinician to correct


def test_a_plan_value_is_shown_and_kept_exactly(form: PlanForm) -> None:
    plan = BASE_PLAN.replace(maintenance_mg=0.0625, reduction_percent=12.345)
    form.set_plan(plan)
    assert form.maintenance.text() == "0.0625"
    assert form.build_plan() == plan  # never rounded to the field's usual decimals

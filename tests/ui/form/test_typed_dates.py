"""Typed dates stay as typed: an impossible date says so at its field and the plan goes stale."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from planner.errors import PlanError
from planner.model import PatientFactor
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW, START
from tests.ui.helpers import type_into
from tests.ui.window.test_undo_keys import press, shown
from ui.form.date_field import DateField, DateText, parse_date
from ui.window.main_window import MainWindow

AGE = str(PatientFactor.AGE_65_PLUS)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2027-01-04", dt.date(2027, 1, 4)),
        ("4 Jan 2027", dt.date(2027, 1, 4)),
        ("Mon 4 Jan 2027", dt.date(2027, 1, 4)),
        ("monday, 4 january 2027", dt.date(2027, 1, 4)),
        ("Jan 4, 2027", dt.date(2027, 1, 4)),
        ("  4  Sept  2026 ", dt.date(2026, 9, 4)),
        ("2024-2-29", dt.date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_as_written(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("31 Apr 2026", "April 2026 has 30 days"),
        ("2026-13-01", "a month is 1 to 12"),
        ("Tue 4 Jan 2027", "4 Jan 2027 is a Monday"),
        ("4 Jnu 2027", "'jnu' is not a month"),
        ("4/1/2027", ""),  # 4 January or April 1? Never guessed.
        ("0000-01-01", "there is no year 0"),
    ],
)
def test_a_text_that_is_no_date_says_why(text: str, reason: str) -> None:
    with pytest.raises(DateText) as raised:
        parse_date(text)
    assert str(raised.value).startswith(reason) if reason else str(raised.value) == ""


def test_the_field_says_how_to_type_a_date(qtbot: QtBot) -> None:
    field = DateField().name("start", "The start date")
    qtbot.addWidget(field)
    field.setText("2026-02-30")
    with pytest.raises(PlanError) as raised:
        field.date()
    message = str(raised.value)
    assert message.startswith("The start date '2026-02-30' is not a date: February 2026 has 28")
    today = dt.date.today()
    assert f"Type a date as {today:%-d %b %Y} or {today.isoformat()}" in message
    assert raised.value.field == "start"
    field.setText("")
    with pytest.raises(PlanError, match="is empty"):
        field.date()
    field.set_blank("not given")
    assert field.date() is None


@pytest.mark.parametrize(("field", "typed"), [("start", "2027-02-30"), ("birth", "30 Feb 1950")])
@SHOWS_WINDOW
def test_an_impossible_typed_date_stays_as_typed_and_the_plan_goes_out_of_date(
    qtbot: QtBot, window: MainWindow, field: str, typed: str
) -> None:
    form = window.form
    box = form.start if field == "start" else form.date_of_birth
    shown(qtbot, window)
    with qtbot.waitSignal(form.input_rejected) as blocker:
        type_into(qtbot, box, typed)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    box.clearFocus()  # leaving the field must not fix it up either
    error = blocker.args[0]
    assert "is not a date: February" in str(error) and "Type a date as" in str(error)
    assert box.text() == typed  # not refused key by key, not reverted, not clamped
    assert form.rows.visible_messages()[error.field] == str(error)
    assert window.statusBar().currentMessage() == str(error)
    assert window.summary.text().startswith("Out of date")
    assert window.schedule_is_stale()
    assert window.current_plan() == BASE_PLAN  # nothing planned from a date no one meant

    fixed = "2027-02-28" if field == "start" else "28 Feb 1950"
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, box, fixed)
    assert not window.schedule_is_stale()
    assert form.error_message() == ""
    plan = window.current_plan()
    if field == "start":
        assert plan.start == dt.date(2027, 2, 28)
    else:
        assert plan.patient.date_of_birth == dt.date(1950, 2, 28)
        assert AGE in plan.factors  # a date of birth typed still ticks "Age 65 or over"
        assert "Age 65 or over" in form.notice.text()


@SHOWS_WINDOW
def test_ctrl_z_in_a_date_field_takes_back_the_typed_date(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    shown(qtbot, window)
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, form.start, "2027-01-11")
    assert window.current_plan().start == dt.date(2027, 1, 11)
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, form.start)
    assert window.current_plan() == BASE_PLAN
    assert form.start.text() == "4 Jan 2027"
    with qtbot.waitSignal(window.schedule_shown):
        press(qtbot, form.start, shift=True)
    assert window.current_plan().start == dt.date(2027, 1, 11)


@SHOWS_WINDOW
def test_an_empty_date_of_birth_is_no_date_and_an_empty_start_is_an_error(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.form
    shown(qtbot, window)
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, form.date_of_birth, "2 Mar 1950")
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, form.date_of_birth, "")
    assert window.current_plan().patient.date_of_birth is None
    with qtbot.waitSignal(form.input_rejected) as blocker:
        type_into(qtbot, form.start, "")
    assert "The start date is empty" in str(blocker.args[0])


@pytest.mark.qt_log_ignore(r"This plugin does not support")  # the offscreen platform's popup
def test_keys_and_the_calendar_change_a_date_a_clinician_chose(qtbot: QtBot) -> None:
    field = DateField().name("start", "The start date")
    qtbot.addWidget(field)
    field.set_date(START)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == START + dt.timedelta(days=1)
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert field.date() == START - dt.timedelta(days=6)
    field.setText("2027-02-30")
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "2027-02-30"  # an unreadable date is left for the clinician
    field.set_date(START)
    field.calendar_button.click()
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2027, 1, 4)
    calendar.clicked.emit(QDate(2027, 1, 18))
    assert not calendar.isVisible()
    assert field.text() == "18 Jan 2027"
    assert field.weekday_label.text() == "Mon"


def test_a_date_field_never_laid_out_asks_for_no_more_room_than_a_shown_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    # The date of birth sits in the Patient section, closed at first: never laid out, it
    # kept Qt's default 480 px height, and its margins sized from that widened the form.
    hidden = DateField()
    qtbot.addWidget(hidden)
    shown_field = DateField()
    qtbot.addWidget(shown_field)
    shown_field.show()
    qtbot.waitExposed(shown_field)
    assert hidden.minimumSizeHint().width() <= shown_field.minimumSizeHint().width() + 1
    assert window.form.date_of_birth.minimumSizeHint().width() < 250

"""Dates a clinician means: a start far in the past is asked about; birth dates are checked."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from planner.model import Patient, PatientFactor
from planner.report.age_note import age_note
from tests.ui.conftest import BASE_PLAN
from ui.form.plan_form import PlanForm

TODAY = dt.date.today()
AGE = str(PatientFactor.AGE_65_PLUS)


@pytest.fixture
def form(qtbot: QtBot) -> PlanForm:
    widget = PlanForm()
    qtbot.addWidget(widget)
    widget.debounce.setInterval(0)
    widget.set_plan(BASE_PLAN)
    return widget


@pytest.mark.parametrize(
    ("birth", "says"),
    [(dt.date(2030, 1, 1), "is in the future"), (dt.date(1890, 6, 1), "over 120 years ago")],
)
def test_an_impossible_date_of_birth_is_an_error_at_its_field(
    qtbot: QtBot, form: PlanForm, birth: dt.date, says: str
) -> None:
    with qtbot.waitSignal(form.input_rejected) as blocker:
        form.date_of_birth.set_date(birth)
    assert says in str(blocker.args[0])
    assert form.rows.visible_messages().get("date_of_birth") == str(blocker.args[0])
    assert form.date_of_birth.date() == birth  # kept as entered, not clamped


def test_a_date_of_birth_of_65_or_more_ticks_the_age_factor(qtbot: QtBot, form: PlanForm) -> None:
    check = form.factors.checks[AGE]
    assert not check.isChecked()
    with qtbot.waitSignal(form.plan_changed) as blocker:
        form.date_of_birth.set_date(dt.date(1950, 3, 2))
    assert check.isChecked()
    assert AGE in blocker.args[0].factors
    assert "Age 65 or over" in form.notice.text()
    with qtbot.waitSignal(form.plan_changed) as blocker:
        check.click()  # the clinician's choice stands
    plan = blocker.args[0]
    assert AGE not in plan.factors
    assert "by the prescriber's choice" in age_note(plan, TODAY)


def test_opening_a_plan_with_an_old_patient_changes_nothing(form: PlanForm) -> None:
    plan = BASE_PLAN.replace(patient=Patient("Ann", dt.date(1940, 1, 1), ""))
    form.set_plan(plan)
    assert form.build_plan() == plan  # the factor stays as saved: no silent change
    assert form.notice.text() == ""


def test_a_start_far_in_the_past_is_asked_about(qtbot: QtBot, form: PlanForm) -> None:
    with qtbot.waitSignal(form.plan_changed):
        form.start.set_date(dt.date(2020, 1, 1))
    assert "already under way" in form.notice.text()
    assert "typo" in form.notice.text()
    correct = form.notice.choice_buttons()[1]
    assert correct.text() == "&Correct to today"
    with qtbot.waitSignal(form.plan_changed) as blocker:
        correct.click()
    assert blocker.args[0].start == TODAY
    assert form.notice.text() == ""


def test_a_start_this_week_is_not_asked_about(form: PlanForm) -> None:
    form.start.set_date(TODAY - dt.timedelta(days=3))
    form.flush()
    assert form.build_plan().start == TODAY - dt.timedelta(days=3)
    assert form.notice.text() == ""


def test_the_age_note_says_which() -> None:
    old = BASE_PLAN.replace(patient=Patient("", dt.date(1950, 1, 1), ""))
    assert age_note(old.replace(factors=(AGE,)), dt.date(2026, 6, 1)) == (
        "Age 65 or over: applied (age 76 from the date of birth)."
    )
    assert "not applied" in age_note(old, dt.date(2026, 6, 1))
    assert age_note(BASE_PLAN, dt.date(2026, 6, 1)) == ""


def test_the_birth_date_limit_works_on_29_february() -> None:
    from ui.form.date_checks import birth_date_error

    leap_day = dt.date(2020, 2, 29)  # 1900 was not a leap year
    assert birth_date_error(dt.date(1900, 2, 28), leap_day) is None
    assert birth_date_error(dt.date(1900, 2, 27), leap_day) is not None

"""A region or drug change that replaces the formulation says so, and one Undo takes it back."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import choose
from ui.window.main_window import MainWindow

LIQUID = BASE_PLAN.replace(formulation="liquid")


def test_a_region_change_announces_the_switch_to_tablets(qtbot: QtBot, window: MainWindow) -> None:
    window.start_plan(LIQUID, None)
    assert window.form.notice.text() == ""
    with qtbot.waitSignal(window.schedule_shown):
        choose(window.form.region, "us")
    notice = window.form.notice.text()
    assert notice.startswith("US has no clonazepam oral solution: switched to tablets.")
    plan = window.current_plan()
    assert (plan.region, plan.formulation) == ("us", "tablet")
    assert plan.regimen == LIQUID.regimen  # the doses are kept as they were
    assert window.undo_stack.count() == 1
    with qtbot.waitSignal(window.schedule_shown):
        window.undo_action.trigger()
    assert window.current_plan() == LIQUID
    assert window.form.formulation.currentData() == "liquid"
    assert window.form.notice.text() == ""


def test_a_drug_change_announces_the_switch_and_can_be_dismissed(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.start_plan(LIQUID, None)
    with qtbot.waitSignal(window.form.plan_changed):
        choose(window.form.drug, "lorazepam")
    assert window.form.notice.text().startswith(
        "Lorazepam has no oral solution in the UK catalogue: switched to tablets."
    )
    window.form.notice.dismiss_button.click()
    assert window.form.notice.text() == ""
    assert window.current_plan().formulation == "tablet"


def test_a_change_that_keeps_the_formulation_says_nothing(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.schedule_shown):
        choose(window.form.region, "us")  # clonazepam tablets exist in both
    assert window.form.notice.text() == ""
    window.start_plan(BASE_PLAN.replace(region="us", formulation="odt"), None)
    assert window.form.notice.text() == ""  # opening a plan announces nothing


def test_a_typed_zero_percent_stays_and_the_schedule_goes_out_of_date(
    qtbot: QtBot, window: MainWindow
) -> None:
    percent = window.form.method.percent_current
    percent.setFocus()
    percent.selectAll()
    qtbot.keyClicks(percent, "0")
    qtbot.waitUntil(window.schedule_is_stale)
    assert percent.text() == "0"  # not reverted to 10
    assert "from 1 to 50 %" in window.statusBar().currentMessage()
    assert "from 1 to 50 %" in window.form.error_message()
    assert window.summary.text().startswith("Out of date")
    assert window.current_plan() == BASE_PLAN  # no plan was made from it

"""Switching to diazepam, patient factors and their cautions, and one-click fixes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from planner import drug_guidance, guidance
from planner.checks.fixes import fix_text
from planner.model import Finding, PatientFactor, Schedule
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import choose, type_into
from ui.schedule.table_model import COLUMNS
from ui.window.main_window import MainWindow


def rules(schedule: Schedule | None) -> list[str]:
    assert schedule is not None
    return [finding.rule for finding in schedule.findings]


def cell(window: MainWindow, row: int, column: str) -> str:
    model = window.pane.model
    return str(model.data(model.index(row, COLUMNS.index(column))))


def test_ticking_the_switch_plans_a_crossover_to_diazepam(qtbot: QtBot, window: MainWindow) -> None:
    switch = window.form.switch
    assert switch.step_days.isHidden()
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        switch.enabled_check.click()
    schedule = blocker.args[0]
    assert schedule.plan.switch_to == "diazepam"
    assert not switch.step_days.isHidden() and not switch.note.isHidden()
    night = cell(window, 0, "Night")
    assert "clonazepam" in night and "diazepam" in night
    assert "clonazepam" in cell(window, 0, "mg/day") and "diazepam" in cell(window, 0, "mg/day")
    chart = window.pane.chart
    assert chart.axes.get_ylabel() == "Diazepam eq. (mg/day)"
    for fill in chart.share_fills:
        assert fill.get_visible()
        assert max(y for path in fill.get_paths() for _, y in path.vertices) > 0
    assert "→ diazepam" in window.summary.text()


def test_the_switch_settings_reach_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    switch = window.form.switch
    switch.enabled_check.click()
    type_into(qtbot, switch.step_days, "10")
    choose(switch.formulation, "liquid")
    choose(switch.order, "morning,midday,evening,night")
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        window.form.flush()
    chosen = blocker.args[0].plan
    assert (chosen.switch_step_days, chosen.switch_formulation) == (10, "liquid")
    assert chosen.switch_order == ("morning", "midday", "evening", "night")
    first = blocker.args[0].steps[0]
    assert first.days == 10 and first.doses_at("morning")[-1].drug == "diazepam"
    # After a switch the taper's amounts are diazepam mg, stepped in diazepam's units.
    assert window.form.maintenance.singleStep() == pytest.approx(0.5)


def test_no_switch_is_offered_for_diazepam(window: MainWindow) -> None:
    check = window.form.switch.enabled_check
    assert check.isEnabled()
    choose(window.form.drug, "diazepam")
    assert not check.isEnabled()
    assert "already takes diazepam" in check.toolTip()


def test_factors_bring_their_cautions_to_the_top(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.schedule_shown):
        window.form.factors.checks[PatientFactor.PREGNANCY].click()
    text = window.guidance.text()
    (caution,) = drug_guidance.cautions_for(["pregnancy"], ["clonazepam"])
    assert text.index("Cautions for this patient") < text.index(caution.text)
    assert text.index(caution.text) < text.index("Findings")
    assert guidance.source_citation(caution.source) in text
    assert window.current_plan().factors == ("pregnancy",)


def test_a_seizure_disorder_adds_no_caution_but_stricter_checks(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_into(qtbot, window.form.method.percent_current, "40")  # a 33% first cut
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        window.form.factors.checks[PatientFactor.SEIZURE_DISORDER].click()
    assert "Cautions for this patient" not in window.guidance.text()
    assert "seizure disorder" in window.guidance.text()
    assert any(f.severity == "error" for f in blocker.args[0].findings)


def test_age_65_caps_the_first_cut(qtbot: QtBot, window: MainWindow) -> None:
    choose(window.form.factors.risk, "low")
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        type_into(qtbot, window.form.method.percent_current, "20")
    assert "first-cut" not in rules(blocker.args[0])
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        window.form.factors.checks[PatientFactor.AGE_65_PLUS].click()
    assert rules(blocker.args[0])[0] == "first-cut"
    assert "Clonazepam can cause confusion" in window.guidance.text()


def first_cut_window(qtbot: QtBot, window: MainWindow) -> Finding:
    # The oral solution measures a 10% cut; tablets would stall at a larger one.
    risky = BASE_PLAN.replace(
        formulation="liquid",
        reduction_percent=20.0,
        withdrawal_risk="low",
        factors=("age_65_plus",),
    )
    window.start_plan(risky, None)
    schedule = window.current_schedule()
    assert schedule is not None
    return next(f for f in schedule.findings if f.rule == "first-cut")


def test_a_fix_is_offered_in_words(qtbot: QtBot, window: MainWindow) -> None:
    finding = first_cut_window(qtbot, window)
    assert fix_text(finding, window.current_plan()) == "Fix: set cut per step to 10%"
    assert "Fix: set cut per step to 10%" in window.guidance.text()
    stall = Finding(finding.severity, 1, "", "", "stall", (("formulation", "liquid"),))
    assert fix_text(stall, BASE_PLAN) == "Fix: set formulation to oral solution"
    interval = Finding(finding.severity, 1, "", "", "", (("interval_days", 14),))
    assert fix_text(interval, BASE_PLAN) == "Fix: set interval to 14 days"


def test_clicking_a_fix_changes_the_plan_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    finding = first_cut_window(qtbot, window)
    schedule = window.current_schedule()
    assert schedule is not None
    number = schedule.findings.index(finding)
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        window.guidance.browser.anchorClicked.emit(QUrl(f"fix:{number}"))
    assert window.current_plan().reduction_percent == 10.0
    assert window.form.method.percent_current.value() == 10.0
    assert "first-cut" not in rules(blocker.args[0])
    assert window.isWindowModified()
    with qtbot.waitSignal(window.schedule_shown):
        window.undo_action.trigger()
    assert window.current_plan().reduction_percent == 20.0
    assert window.form.method.percent_current.value() == 20.0
    assert "first-cut" in rules(window.current_schedule())


def test_an_out_of_date_plan_offers_no_fixes(qtbot: QtBot, window: MainWindow) -> None:
    first_cut_window(qtbot, window)
    assert window.guidance.fix_links()
    with qtbot.waitSignal(window.form.plan_changed):
        type_into(qtbot, window.form.doses["night"], "0.3")
    assert window.guidance.fix_links() == []
    assert "Fix:" not in window.guidance.text()

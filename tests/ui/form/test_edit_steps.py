"""Edit → Edit Steps: the schedule on screen becomes custom steps, re-planned and undoable."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner.dosing.as_custom import as_custom_plan, custom_from_schedule
from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.model import CheckIn, Method, Regimen, TaperPlan
from tests.planner.helpers import START, base_plan, switch_plan
from ui.followup import actions as followup_actions
from ui.window.main_window import MainWindow

PLANS = {
    "clonazepam tablets, stabilise": base_plan(
        regimen=Regimen(morning_mg=0.5, night_mg=1.0), stabilise_days=14, interval_days=7
    ),
    "diazepam fixed": base_plan(
        drug="diazepam",
        regimen=Regimen(morning_mg=10, night_mg=10),
        method=Method.FIXED,
        amount_mg=2,
    ),
    "diazepam to maintenance": base_plan(
        drug="diazepam", regimen=Regimen(morning_mg=10, night_mg=10), maintenance_mg=5
    ),
    "us lorazepam hyperbolic": base_plan(
        drug="lorazepam",
        region="us",
        regimen=Regimen(morning_mg=1, night_mg=1),
        method=Method.HYPERBOLIC,
        reduction_percent=5,
    ),
    "liquid four times": base_plan(
        formulation="liquid",
        regimen=Regimen(morning_mg=0.5, midday_mg=0.5, night_mg=1.0),
        reduction_percent=5,
        interval_days=21,
    ),
}


@pytest.mark.parametrize("name", PLANS)
def test_custom_steps_give_back_the_same_schedule(name: str) -> None:
    original = plan(PLANS[name])
    edited = plan(as_custom_plan(original))
    assert [(s.start, s.days, s.kind, s.doses) for s in edited.steps] == [
        (s.start, s.days, s.kind, s.doses) for s in original.steps
    ]


def test_a_switch_or_a_plan_under_way_is_not_turned_into_custom_steps() -> None:
    with pytest.raises(PlanError, match="switches to diazepam"):
        custom_from_schedule(plan(switch_plan()))
    under_way = base_plan(checkins=(CheckIn(START.replace(day=20)),))
    with pytest.raises(PlanError, match="check-ins"):
        custom_from_schedule(plan(under_way))


def test_edit_steps_prefills_the_editor_rechecks_and_undo_restores(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.form.flush()
    before = window.current_schedule()
    assert before is not None and before.plan.method is not Method.CUSTOM
    window.followup.edit_steps_action.trigger()
    window.form.flush()
    editor = window.form.method.custom
    after = window.current_schedule()
    assert after is not None and after.plan.method is Method.CUSTOM
    rows = editor.steps()
    assert len(rows) == len(before.steps)
    assert [r.daily_mg for r in rows] == [round(sum(s.daily_mg.values()), 6) for s in before.steps]
    assert [s.doses for s in after.steps] == [s.doses for s in before.steps]
    # A hand edit is re-rounded and re-checked: 0.9 mg/day is not a measure of 0.5 mg tablets.
    editor.table.item(1, 0).setText("0.9")
    window.form.flush()
    qtbot.waitUntil(lambda: window.current_plan().custom_steps[1].daily_mg == 0.9)
    edited = window.current_schedule()
    assert edited is not None and edited.plan.custom_steps[1].daily_mg == 0.9
    assert sum(edited.steps[1].daily_mg.values()) in (0.75, 1.0)
    assert any(f.rule == "custom-rounded" for f in edited.findings)
    while window.undo_stack.canUndo() and window.current_plan().method is Method.CUSTOM:
        window.undo_action.trigger()
        window.form.flush()
    assert window.current_plan() == before.plan
    qtbot.wait(20)  # let the chart's queued redraw run while its canvas still exists


class FakeEditor:
    """A plan editor without a window: records the plans it is asked to show."""

    def __init__(self, plan: TaperPlan) -> None:
        self.plan = plan
        self.edited: list[TaperPlan] = []

    def current_plan(self) -> TaperPlan:
        return self.plan

    def edit_plan(self, plan: TaperPlan) -> None:
        self.edited.append(plan)


def test_edit_steps_on_a_switch_says_why(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(followup_actions, "cannot_edit_steps", lambda _p, m: told.append(m))
    parent = QWidget()
    qtbot.addWidget(parent)
    editor = FakeEditor(switch_plan())
    actions = followup_actions.FollowUpActions(parent, editor)
    actions.edit_steps_action.trigger()
    assert told and "switches to diazepam" in told[0]
    assert editor.edited == []  # the plan is left as it was

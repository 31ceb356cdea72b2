"""The Ashton crossover to diazepam, against the shape of the Ashton Manual's schedules."""

from __future__ import annotations

import pytest

from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.model import Equivalence, Method, Regimen, StepKind
from planner.report.summary import summary_line
from tests.planner.helpers import base_plan


def mg_at(step, time: str, drug: str) -> float:
    return sum(d.mg for d in step.doses_at(time) if d.drug == drug)


def test_clonazepam_three_times_daily_switches_night_first_in_halves() -> None:
    """Ashton Manual schedule for clonazepam 0.5 mg three times a day (Ashton table)."""
    schedule = plan(
        base_plan(
            regimen=Regimen(morning_mg=0.5, midday_mg=0.5, night_mg=0.5),
            switch_to="diazepam",
            method=Method.FIXED,
            amount_mg=2,
        )
    )
    switch = [s for s in schedule.steps if s.kind is StepKind.SWITCH]
    table = [
        tuple(
            (mg_at(s, t, "clonazepam"), mg_at(s, t, "diazepam"))
            for t in ("morning", "midday", "night")
        )
        for s in switch
    ]
    assert table == [
        ((0.5, 0), (0.5, 0), (0.25, 5)),
        ((0.5, 0), (0.5, 0), (0, 10)),
        ((0.5, 0), (0.25, 5), (0, 10)),
        ((0.5, 0), (0, 10), (0, 10)),
        ((0.25, 5), (0, 10), (0, 10)),
        ((0, 10), (0, 10), (0, 10)),
    ]
    assert all(s.days == 7 for s in switch)
    # The total stays at the equivalent of the starting dose throughout the switch.
    assert {s.daily_diazepam_eq_mg for s in switch} == {30.0}
    # Then diazepam is tapered, midday first, then morning, night last.
    after = [s for s in schedule.steps if s.kind is StepKind.REDUCE]
    assert [mg_at(s, "midday", "diazepam") for s in after[:5]] == [8, 6, 4, 2, 0]
    assert [mg_at(s, "morning", "diazepam") for s in after[5:10]] == [8, 6, 4, 2, 0]
    assert all(mg_at(s, "night", "diazepam") == 10 for s in after[:10])
    assert "→ diazepam 30 mg/day by week 6" in summary_line(schedule)


def test_va_table_halves_the_diazepam_dose_and_the_plan_says_so() -> None:
    schedule = plan(
        base_plan(
            regimen=Regimen(night_mg=1),
            switch_to="diazepam",
            equivalence=Equivalence.VA,
            method=Method.FIXED,
            amount_mg=1,
        )
    )
    first_full = next(s for s in schedule.steps if "clonazepam" not in s.daily_mg)
    assert first_full.daily_mg == {"diazepam": 10}
    note = next(f for f in schedule.findings if f.rule == "switch-equivalence")
    assert "VA/DoD 2021" in note.message
    assert "twofold" in note.message
    assert "5–7 days" in note.message
    assert note.source


def test_switch_step_length_is_adjustable() -> None:
    schedule = plan(
        base_plan(switch_to="diazepam", switch_step_days=14, method=Method.FIXED, amount_mg=1)
    )
    assert {s.days for s in schedule.steps if s.kind is StepKind.SWITCH} == {14}


def test_switching_diazepam_to_itself_is_refused() -> None:
    with pytest.raises(PlanError, match="already takes diazepam") as error:
        plan(base_plan(drug="diazepam", regimen=Regimen(night_mg=10), switch_to="diazepam"))
    assert error.value.field == "switch_to"

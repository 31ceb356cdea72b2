"""Check-ins: each action re-plans the rest from the check-in date and keeps the past."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.files.planfile import load_plan, save_plan
from planner.model import (
    CheckIn,
    CustomStep,
    FollowUpAction,
    Method,
    Regimen,
    Severity,
    StepKind,
    TaperPlan,
)
from tests.planner.dosing.test_properties import taper_plans
from tests.planner.helpers import base_plan, daily, switch_plan

DATE = dt.date(2027, 2, 10)  # day 9 of step 3 (1.125 mg/day) of the liquid plan


def liquid_plan(*checkins: CheckIn):
    return base_plan(formulation="liquid", checkins=checkins)


def past(schedule) -> list:
    return [s for s in schedule.steps if s.start < DATE]


def test_past_steps_stay_exactly_as_taken() -> None:
    original = plan(liquid_plan())
    for action in FollowUpAction:
        revised = plan(liquid_plan(CheckIn(DATE, (("anxiety", 2),), action=action)))
        kept = past(revised)
        assert [(s.start, s.doses) for s in kept] == [(s.start, s.doses) for s in past(original)]
        assert kept[-1].start + dt.timedelta(days=kept[-1].days) == DATE
        assert revised.history and revised.history[0].date == DATE


def test_hold_keeps_the_current_dose_then_continues_as_planned() -> None:
    original = plan(liquid_plan())
    revised = plan(liquid_plan(CheckIn(DATE, action=FollowUpAction.HOLD, hold_days=21)))
    hold = next(s for s in revised.steps if s.start == DATE)
    assert hold.kind is StepKind.HOLD and hold.days == 21
    assert daily(hold) == 1.125
    later = [daily(s) for s in revised.steps if s.start > DATE]
    planned = [daily(s) for s in original.steps if s.start > DATE]
    assert later == planned
    assert revised.end_date == original.end_date + dt.timedelta(days=21 - 5)


def test_slow_interval_doubles_every_later_step() -> None:
    original = plan(liquid_plan())
    revised = plan(liquid_plan(CheckIn(DATE, action=FollowUpAction.SLOW_INTERVAL)))
    later = [s for s in revised.steps if s.start > DATE]
    planned = [s for s in original.steps if s.start > DATE]
    assert [s.days for s in later] == [2 * s.days for s in planned]
    assert [daily(s) for s in later] == [daily(s) for s in planned]


def test_slow_cuts_adds_half_way_steps_where_measurable() -> None:
    regimen = Regimen(morning_mg=10, night_mg=10)
    original = plan(
        base_plan(drug="diazepam", formulation="liquid", regimen=regimen, reduction_percent=25)
    )
    when = original.steps[1].start + dt.timedelta(days=3)
    revised = plan(
        base_plan(
            drug="diazepam",
            formulation="liquid",
            regimen=regimen,
            reduction_percent=25,
            checkins=(CheckIn(when, action=FollowUpAction.SLOW_CUTS),),
        )
    )
    later = [daily(s) for s in revised.steps if s.start > when]
    assert len(later) > len([s for s in original.steps if s.start > when])
    assert all(b < a for a, b in itertools.pairwise(later))


def test_step_back_returns_to_the_last_tolerated_dose_then_goes_slower() -> None:
    revised = plan(liquid_plan(CheckIn(DATE, (("insomnia", 3),), action=FollowUpAction.STEP_BACK)))
    back = next(s for s in revised.steps if s.start == DATE)
    assert back.kind is StepKind.HOLD
    assert daily(back) == 1.25  # the dose before the cut to 1.125
    retry = revised.steps[back.index]  # the next step
    assert daily(retry) == 1.125 and retry.days == 28


def test_a_red_flag_pauses_the_taper_for_urgent_review() -> None:
    revised = plan(
        liquid_plan(CheckIn(DATE, red_flags=("seizures",), action=FollowUpAction.SLOW_CUTS))
    )
    last = revised.steps[-1]
    assert last.kind is StepKind.MAINTAIN and last.start == DATE and daily(last) == 1.125
    (urgent,) = [f for f in revised.findings if f.rule == "red-flag"]
    assert urgent.severity is Severity.ERROR
    assert "urgent medical review" in urgent.message
    assert "seizures" in urgent.message
    assert "Recs. 12–15" in urgent.source


def test_after_the_review_the_plan_resumes_from_the_next_check_in() -> None:
    review = DATE + dt.timedelta(days=10)
    revised = plan(
        liquid_plan(
            CheckIn(DATE, red_flags=("seizures",)),
            CheckIn(review, action=FollowUpAction.SLOW_INTERVAL),
        )
    )
    assert revised.steps[-1].kind is StepKind.STOP
    paused = next(s for s in revised.steps if s.start == DATE)
    assert paused.kind is StepKind.HOLD and paused.days == 10
    (flag,) = [f for f in revised.findings if f.rule == "red-flag"]
    assert flag.severity is Severity.INFO
    assert f"resumed on {review}" in flag.message


@pytest.mark.parametrize("action", list(FollowUpAction))
def test_a_second_red_flag_while_paused_keeps_the_rest_of_the_taper(
    action: FollowUpAction,
) -> None:
    # Found by the monkey test: the second red flag replaced what was to come with the pause
    # itself, so the resumed plan lost every later step, its stop among them.
    once = plan(
        liquid_plan(
            CheckIn(DATE, red_flags=("seizures",)),
            CheckIn(DATE + dt.timedelta(days=30), action=action),
        )
    )
    twice = plan(
        liquid_plan(
            CheckIn(DATE, red_flags=("seizures",)),
            CheckIn(DATE + dt.timedelta(days=10), red_flags=("psychosis",)),
            CheckIn(DATE + dt.timedelta(days=30), action=action),
        )
    )
    assert twice.steps[-1].kind is StepKind.STOP and twice.steps[-1].days == 0
    assert daily(twice.steps[-2]) > 0  # the taper's last dose before the stop is still there

    # The same doses in the same order; the pause is two held steps instead of one.
    def levels(schedule) -> list[float]:
        return [mg for mg, _ in itertools.groupby(daily(step) for step in schedule.steps)]

    assert levels(twice) == levels(once)
    assert twice.end_date == once.end_date


def test_continuing_despite_severe_symptoms_is_flagged() -> None:
    revised = plan(liquid_plan(CheckIn(DATE, (("tremor", 3),))))
    assert any(f.rule == "symptoms-continue" for f in revised.findings)


def test_check_ins_survive_save_and_reopen(tmp_path: Path) -> None:
    taper = liquid_plan(
        CheckIn(
            DATE,
            (("anxiety", 2), ("insomnia", 1)),
            action=FollowUpAction.HOLD,
            hold_days=7,
            note="Sleeping badly since the last cut",
        ),
        CheckIn(DATE + dt.timedelta(days=30), red_flags=("psychosis",)),
    )
    path = tmp_path / "p.taper.json"
    save_plan(taper, path)
    assert load_plan(path) == taper
    assert plan(load_plan(path)).steps == plan(taper).steps


@pytest.mark.parametrize(
    ("checkins", "message"),
    [
        ((CheckIn(dt.date(2026, 1, 1)),), "before the plan starts"),
        ((CheckIn(DATE, (("hiccups", 1),)),), "unknown symptom"),
        ((CheckIn(DATE, (("anxiety", 4),)),), "must be 0, 1, 2 or 3"),
        ((CheckIn(DATE, red_flags=("anxiety",)),), "unknown red flag"),
        ((CheckIn(DATE), CheckIn(DATE)), "date order"),
    ],
)
def test_bad_check_ins_are_refused(checkins, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        plan(liquid_plan(*checkins))


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (FollowUpAction.HOLD, "hold clonazepam 0.5 mg/day + diazepam 20 mg/day for"),
        (FollowUpAction.STEP_BACK, "step back to clonazepam 1 mg/day + diazepam 10 mg/day for"),
    ],
)
def test_during_a_switch_amounts_name_each_drug(action: FollowUpAction, expected: str) -> None:
    # Adding 0.5 mg of clonazepam to 20 mg of diazepam ("20.5 mg/day") means nothing.
    switching = switch_plan()
    second = plan(switching).steps[1]  # clonazepam 0.5 mg morning + diazepam 20 mg night
    assert second.daily_mg == {"clonazepam": 0.5, "diazepam": 20.0}
    when = second.start + dt.timedelta(days=2)
    revised = plan(switching.replace(checkins=(CheckIn(when, action=action),)))
    assert expected in revised.history[-1].text


def test_after_a_switch_a_hold_names_diazepam() -> None:
    switching = switch_plan()
    later = plan(switching).steps[6]
    assert set(later.daily_mg) == {"diazepam"}
    when = later.start + dt.timedelta(days=2)
    revised = plan(switching.replace(checkins=(CheckIn(when, action=FollowUpAction.HOLD),)))
    assert f"hold diazepam {later.daily_mg['diazepam']:g} mg/day" in revised.history[-1].text


@pytest.mark.parametrize("action", list(FollowUpAction))
@pytest.mark.parametrize("days_after_stop", [0, 3])
def test_after_the_stop_a_check_in_keeps_the_plan_ending_in_a_stop(
    action: FollowUpAction, days_after_stop: int
) -> None:
    # Found by the monkey test: a hold on the stop day left a schedule with no steps at all.
    stopped = base_plan(method=Method.CUSTOM, custom_steps=(CustomStep(0.0),))
    when = plan(stopped).end_date + dt.timedelta(days=days_after_stop)
    checkin = CheckIn(when, (("tinnitus", 1),), action=action, hold_days=14)
    revised = plan(stopped.replace(checkins=(checkin,)))
    assert revised.steps and revised.steps[-1].kind is StepKind.STOP
    assert revised.steps[-1].days == 0
    slowing = (FollowUpAction.HOLD, FollowUpAction.SLOW_CUTS, FollowUpAction.SLOW_INTERVAL)
    if action in slowing and days_after_stop:
        assert "already stopped" in revised.history[-1].text
        assert "hold 0 mg/day" not in revised.history[-1].text
    elif action in slowing:
        # On the day the stop is due the check-in comes first: the dose of the day before.
        assert "hold clonazepam 1.5 mg/day" in revised.history[-1].text
        assert daily(revised.steps[0]) == 1.5


@pytest.mark.parametrize("days_after_stop", [0, 3])
def test_red_flags_on_the_stop_day_pause_before_it_and_after_keep_the_stop(
    days_after_stop: int,
) -> None:
    stopped = base_plan(method=Method.CUSTOM, custom_steps=(CustomStep(0.0),))
    when = plan(stopped).end_date + dt.timedelta(days=days_after_stop)
    revised = plan(stopped.replace(checkins=(CheckIn(when, red_flags=("seizures",)),)))
    expected = StepKind.STOP if days_after_stop else StepKind.MAINTAIN
    assert revised.steps[-1].kind is expected and revised.steps[-1].days == 0
    assert daily(revised.steps[-1]) == (0 if days_after_stop else 1.5)
    assert any(f.rule == "red-flag" for f in revised.findings)


@pytest.mark.parametrize("action", list(FollowUpAction))
def test_during_ongoing_maintenance_a_check_in_keeps_it_going(action: FollowUpAction) -> None:
    # Found by the monkey test (seed 6): two slow-downs during maintenance ended the plan
    # in a held step, the ongoing maintenance gone.
    maintained = base_plan(regimen=Regimen(night_mg=1.0), maintenance_mg=0.5)
    end = plan(maintained).end_date
    checkins = tuple(
        CheckIn(end + dt.timedelta(days=days), (("anxiety", 1),), action=action)
        for days in (20, 60)
    )
    revised = plan(maintained.replace(checkins=checkins))
    final = revised.steps[-1]
    assert final.kind is StepKind.MAINTAIN and final.days == 0 and daily(final) == 0.5
    if action in (FollowUpAction.HOLD, FollowUpAction.SLOW_CUTS, FollowUpAction.SLOW_INTERVAL):
        assert "ongoing maintenance dose (clonazepam 0.5 mg/day)" in revised.history[-1].text


@st.composite
def checked_in_plans(draw: st.DrawFn) -> TaperPlan | None:
    """A plan from the property tests with one to three check-ins anywhere in it or after."""
    taper = draw(taper_plans())
    try:
        schedule = plan(taper)
    except PlanError:
        return None
    last_day = (schedule.end_date - schedule.start_date).days + 90
    checkins = []
    for day in sorted(draw(st.lists(st.integers(0, last_day), min_size=1, max_size=3))):
        checkins.append(
            CheckIn(
                schedule.start_date + dt.timedelta(days=day),
                draw(st.sampled_from(((), (("anxiety", 2),), (("tremor", 3),)))),
                draw(st.sampled_from(((), (), ("seizures",)))),
                draw(st.sampled_from(list(FollowUpAction))),
                draw(st.integers(1, 60)),
            )
        )
    return taper.replace(checkins=tuple(checkins))


@given(checked_in_plans())
def test_any_check_ins_leave_a_whole_plan(taper: TaperPlan | None) -> None:
    if taper is None:
        return
    try:
        schedule = plan(taper)
    except PlanError as error:
        assert error.field == "checkins"  # e.g. two check-ins on one day
        return
    steps = schedule.steps
    for before, after in itertools.pairwise(steps):
        assert after.start == before.start + dt.timedelta(days=before.days)
    assert steps[0].start == taper.start
    assert len(schedule.history) == len(taper.checkins)
    final = steps[-1]
    assert final.days == 0 and final.kind in (StepKind.STOP, StepKind.MAINTAIN)
    assert final.kind is StepKind.MAINTAIN or not final.doses

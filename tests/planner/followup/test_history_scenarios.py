"""The three scenarios of issue 13, as a clinician met them, and the rules of the record."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.followup.history import is_paused, is_taken, record_change, record_checkin
from planner.model import CheckIn, FollowUpAction, Method, Schedule, StepKind, TaperPlan
from tests.planner.helpers import daily

START = dt.date(2026, 10, 5)
CUT_DAY = dt.date(2026, 11, 30)  # step 5 begins: 1 → 0.875 mg/day
HOLD = CheckIn(CUT_DAY, (("anxiety", 2),), action=FollowUpAction.HOLD, hold_days=14)
RED_FLAG = CheckIn(dt.date(2026, 12, 10), red_flags=("confusion_delirium",))


def solution_plan(**changes: object) -> TaperPlan:
    """Clonazepam oral solution from 1.5 mg/day, 0.125 mg cuts every 14 days from 5 Oct 2026."""
    return TaperPlan(
        start=START, formulation="liquid", method=Method.FIXED, amount_mg=0.125
    ).replace(**changes)


def dose_on(schedule: Schedule, day: dt.date) -> float:
    """The daily mg taken on a day."""
    step = [s for s in schedule.steps if s.start <= day][-1]
    return daily(step)


def days_before(schedule: Schedule, until: dt.date) -> list[float]:
    """The daily mg on every day from the start up to (not including) ``until``."""
    count = (until - schedule.steps[0].start).days
    return [dose_on(schedule, START + dt.timedelta(days)) for days in range(count)]


def test_scenario_1_hold_on_the_day_a_cut_is_due_keeps_the_tolerated_dose() -> None:
    # 30 Nov is the day step 5 cuts 1 → 0.875 mg; the patient reports symptoms at that visit.
    revised = plan(record_checkin(solution_plan(), HOLD, today=CUT_DAY, paused=False))
    assert [dose_on(revised, CUT_DAY + dt.timedelta(d)) for d in (0, 13)] == [1.0, 1.0]
    assert dose_on(revised, CUT_DAY + dt.timedelta(14)) == 0.875  # then the cut, as planned
    hold = next(s for s in revised.steps if s.start == CUT_DAY)
    assert hold.kind is StepKind.HOLD and daily(hold) == 1.0 and hold.days == 14
    assert "hold clonazepam 1 mg/day for 14 days" in revised.history[-1].text
    # The same check-in a day earlier holds the same dose.
    day_before = CheckIn(CUT_DAY - dt.timedelta(1), HOLD.symptoms, action=FollowUpAction.HOLD)
    other = plan(solution_plan(checkins=(day_before,)))
    assert dose_on(other, CUT_DAY) == 1.0


@pytest.mark.parametrize(
    "action",
    [FollowUpAction.SLOW_CUTS, FollowUpAction.SLOW_INTERVAL, FollowUpAction.STEP_BACK],
)
def test_every_slowing_on_a_cut_day_starts_from_the_tolerated_dose(action: FollowUpAction) -> None:
    checkin = CheckIn(CUT_DAY, (("anxiety", 2),), action=action)
    revised = plan(solution_plan(checkins=(checkin,)))
    expected = 1.125 if action is FollowUpAction.STEP_BACK else 1.0
    assert dose_on(revised, CUT_DAY) == expected
    assert days_before(revised, CUT_DAY) == days_before(plan(solution_plan()), CUT_DAY)


def test_scenario_2_an_edit_after_two_check_ins_keeps_the_past_and_the_pause() -> None:
    recorded = record_checkin(solution_plan(), HOLD, today=CUT_DAY, paused=False)
    recorded = record_checkin(recorded, RED_FLAG, today=RED_FLAG.date, paused=False)
    before = plan(recorded)
    assert is_paused(before.findings)
    today = dt.date(2026, 12, 11)
    for edit in (
        {"interval_days": 7},
        {"interval_days": 7, "method": Method.PERCENT_CURRENT, "reduction_percent": 25.0},
    ):
        edited = record_change(recorded, recorded.replace(**edit), today, today)
        after = plan(edited)
        assert days_before(after, today) == days_before(before, today)
        # The history still quotes the doses taken, not the new plan's.
        assert [h.text for h in after.history[:2]] == [h.text for h in before.history]
        assert "hold clonazepam 1 mg/day" in after.history[0].text
        assert "paused at clonazepam 1 mg/day" in after.history[1].text
        # The pause lasts: no edit of method or pace turns it into a cut or a stop.
        assert after.steps[-1].kind is StepKind.MAINTAIN and daily(after.steps[-1]) == 1.0
        assert is_paused(after.findings)
        assert after.history[-1].kind == "change"


def test_a_resume_after_an_edit_during_the_pause_follows_the_new_pace() -> None:
    recorded = record_checkin(solution_plan(), RED_FLAG, today=RED_FLAG.date, paused=False)
    today = dt.date(2026, 12, 11)
    edited = record_change(recorded, recorded.replace(interval_days=28), today, today)
    with pytest.raises(PlanError, match="resume"):
        record_checkin(edited, CheckIn(today, action=FollowUpAction.HOLD), today, paused=True)
    resumed = plan(
        record_checkin(edited, CheckIn(today, action=FollowUpAction.RESUME), today, paused=True)
    )
    assert not is_paused(resumed.findings)
    assert days_before(resumed, today) == days_before(plan(edited), today)
    later = [s for s in resumed.steps if s.start >= today and s.days]
    assert all(b.days == 28 for b in later[1:]), [s.days for s in later]
    assert resumed.steps[-1].kind is StepKind.STOP


def test_scenario_3_a_check_in_dated_after_today_is_refused() -> None:
    today = dt.date(2026, 11, 30)
    future = CheckIn(today + dt.timedelta(10), red_flags=("seizures",))
    with pytest.raises(PlanError, match="after today"):
        record_checkin(solution_plan(), future, today=today, paused=False)
    with pytest.raises(PlanError, match="before the latest"):
        changed = record_change(
            solution_plan(), solution_plan(interval_days=21), dt.date(2026, 11, 20), today
        )
        record_checkin(changed, CheckIn(dt.date(2026, 11, 10)), today=today, paused=False)


def test_a_change_applies_from_its_date_and_never_speeds_up_the_cut_due() -> None:
    today = dt.date(2026, 11, 20)  # day 5 of step 4 (1 mg/day, next cut 30 Nov)
    original = plan(solution_plan())
    faster = plan(record_change(solution_plan(), solution_plan(interval_days=7), today, today))
    assert days_before(faster, today) == days_before(original, today)
    assert dose_on(faster, CUT_DAY - dt.timedelta(1)) == 1.0  # the cut due stays on 30 Nov
    assert dose_on(faster, CUT_DAY) == 0.875 and dose_on(faster, CUT_DAY + dt.timedelta(7)) == 0.75
    slower = plan(record_change(solution_plan(), solution_plan(interval_days=28), today, today))
    assert dose_on(slower, dt.date(2026, 12, 13)) == 1.0  # 28 days after the last cut
    assert dose_on(slower, dt.date(2026, 12, 14)) == 0.875
    taken = [s for s in slower.steps if is_taken(s, slower.plan)]
    assert [s.start for s in taken] == [s.start for s in original.steps[:3]]


def test_a_plan_not_started_is_edited_freely_and_the_past_cannot_be_rewritten() -> None:
    today = dt.date(2026, 10, 1)
    edited = record_change(solution_plan(), solution_plan(interval_days=7), today, today)
    assert edited.changes == () and edited.interval_days == 7
    under_way = dt.date(2026, 11, 1)
    with pytest.raises(PlanError, match="under way"):
        record_change(
            solution_plan(), solution_plan(start=START + dt.timedelta(7)), under_way, under_way
        )
    twice = record_change(solution_plan(), solution_plan(interval_days=7), under_way, under_way)
    twice = record_change(twice, twice.replace(interval_days=21), under_way, under_way)
    assert len(twice.changes) == 1 and twice.changes[0].previous.interval_days == 14
    back = record_change(twice, twice.replace(interval_days=14), under_way, under_way)
    assert back.changes == ()


def test_a_change_during_a_pause_after_the_stop_keeps_the_stop() -> None:
    stopped = plan(solution_plan()).end_date
    flagged = CheckIn(stopped + dt.timedelta(3), red_flags=("seizures",))
    today = stopped + dt.timedelta(5)
    recorded = record_checkin(solution_plan(), flagged, today, paused=False)
    edited = plan(record_change(recorded, recorded.replace(interval_days=7), today, today))
    assert edited.steps[-1].kind is StepKind.STOP and not edited.steps[-1].doses
    assert is_paused(edited.findings)


def test_a_change_waits_for_the_end_of_a_switch_then_tapers_diazepam() -> None:
    switching = TaperPlan(
        drug="lorazepam",
        region="us",
        start=START,
        regimen=TaperPlan().regimen.from_times({"morning": 1.0, "night": 1.0}),
        switch_to="diazepam",
    )
    steps = plan(switching).steps
    mixed = next(s for s in steps if len(s.daily_mg) == 2)
    during = mixed.start + dt.timedelta(2)
    with pytest.raises(PlanError, match="switch"):
        plan(record_change(switching, switching.replace(interval_days=28), during, during))
    after = next(s for s in steps if s.kind is StepKind.REDUCE).start + dt.timedelta(3)
    changed = plan(record_change(switching, switching.replace(interval_days=28), after, after))
    assert days_before(changed, after) == days_before(plan(switching), after)
    later = [s for s in changed.steps if s.start > after and s.days]
    assert later and all(set(s.daily_mg) == {"diazepam"} and s.days == 28 for s in later)


def test_a_hold_on_the_start_day_keeps_todays_regimen() -> None:
    # The first cut is due on the start day: the patient is still on today's regimen.
    checkin = CheckIn(START, (("anxiety", 2),), action=FollowUpAction.HOLD, hold_days=14)
    revised = plan(record_checkin(solution_plan(), checkin, today=START, paused=False))
    assert dose_on(revised, START) == 1.5 and dose_on(revised, START + dt.timedelta(13)) == 1.5
    assert dose_on(revised, START + dt.timedelta(14)) == 1.375
    assert "hold clonazepam 1.5 mg/day for 14 days" in revised.history[-1].text

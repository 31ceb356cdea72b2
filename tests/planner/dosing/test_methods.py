"""Each method against worked examples built from the published rules in clinical.md."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from planner.dosing.methods import Hyperbolic
from planner.dosing.schedule import plan
from planner.model import Band, CustomStep, Method, Regimen, StepKind
from tests.planner.helpers import START, base_plan, dailies


def test_vissers_trial_regimen_pottie_table_2() -> None:
    """After 2 weeks' stabilisation: 25% of the start every 2 weeks for 6 weeks, 12.5%, stop."""
    schedule = plan(
        base_plan(
            drug="diazepam",
            regimen=Regimen(morning_mg=20, night_mg=20),
            method=Method.PERCENT_ORIGINAL,
            reduction_percent=25,
            final_percent=12.5,
            stabilise_days=14,
            interval_days=14,
            # 5 mg/day in two doses needs halves of 5 mg tablets; UK tablets are not all scored.
            splits=(("diazepam", 5.0, 2),),
        )
    )
    assert dailies(schedule) == [40, 30, 20, 10, 5, 0]
    assert [s.kind for s in schedule.steps] == [
        StepKind.STABILISE,
        *[StepKind.REDUCE] * 4,
        StepKind.STOP,
    ]
    assert [s.days for s in schedule.steps] == [14, 14, 14, 14, 14, 0]
    assert schedule.end_date == START + dt.timedelta(days=70)


def test_nice_bands_never_cross_a_band_edge() -> None:
    schedule = plan(
        base_plan(
            drug="diazepam",
            formulation="liquid",
            regimen=Regimen(morning_mg=15, night_mg=15),
            method=Method.BANDS,
            bands=(Band(20, 4), Band(10, 2), Band(5, 1), Band(0, 0.5)),
        )
    )
    expected = [26, 22, 20, 18, 16, 14, 12, 10, 9, 8, 7, 6, 5]
    expected += [5 - 0.5 * k for k in range(1, 11)]
    assert dailies(schedule) == expected


def test_nardi_clonazepam_regimen_with_band_intervals() -> None:
    """-0.5 mg per 2 weeks down to 1 mg/day, then -0.25 mg per week (Nardi 2010)."""
    schedule = plan(
        base_plan(
            regimen=Regimen(morning_mg=1, night_mg=1),
            method=Method.BANDS,
            bands=(Band(1, 0.5, 14), Band(0, 0.25, 7)),
        )
    )
    assert dailies(schedule) == [1.5, 1.0, 0.75, 0.5, 0.25, 0]
    assert [s.days for s in schedule.steps] == [14, 14, 7, 7, 7, 0]


def test_label_rule_cuts_each_twice_daily_dose_by_an_eighth() -> None:
    """US label: decrease by 0.125 mg twice daily every 3 days (orally disintegrating tablets)."""
    schedule = plan(
        base_plan(
            region="us",
            formulation="odt",
            regimen=Regimen(morning_mg=1, night_mg=1),
            method=Method.FIXED,
            amount_mg=0.25,
            interval_days=3,
        )
    )
    mornings = [sum(d.mg for d in s.doses_at("morning")) for s in schedule.steps]
    nights = [sum(d.mg for d in s.doses_at("night")) for s in schedule.steps]
    assert mornings[:3] == [0.875, 0.75, 0.625]
    assert nights[:3] == [0.875, 0.75, 0.625]
    assert dailies(schedule)[-1] == 0
    assert len(schedule.steps) == 8  # seven cuts of 0.25 mg/day, then the stop
    assert {f.rule for f in schedule.findings} >= {"short-interval", "too-fast"}


def test_percent_of_current_dose_with_a_slower_tail() -> None:
    schedule = plan(
        base_plan(
            formulation="liquid",
            regimen=Regimen(morning_mg=1, night_mg=1),
            method=Method.PERCENT_CURRENT,
            reduction_percent=25,
            slow_below_mg=1,
            slow_percent=10,
        )
    )
    values = dailies(schedule)
    assert values[:3] == [1.5, 1.125, 0.875]  # 25% cuts, rounded toward the smaller cut
    below = [(a, b) for a, b in pairwise(values) if 0.5 < a <= 1 and b > 0]
    # Below the threshold each cut is the smallest the 1.25 mL step allows (0.125 mg).
    assert all(round(a - b, 6) == 0.125 for a, b in below)


def test_hyperbolic_steps_shrink_in_mg_as_the_dose_falls() -> None:
    schedule = plan(
        base_plan(
            drug="diazepam",
            formulation="liquid",
            regimen=Regimen(morning_mg=10, night_mg=10),
            method=Method.HYPERBOLIC,
            reduction_percent=5,
        )
    )
    values = dailies(schedule)
    cuts = [a - b for a, b in pairwise(values)]
    assert cuts[0] > cuts[len(cuts) // 2] >= 0.5
    assert values[-1] == 0


def test_hyperbolic_curve_round_trips() -> None:
    rule = Hyperbolic(20_000, 5, 100, 10_000, 14)
    occupancy = rule.occupancy(20_000)
    assert occupancy == pytest.approx(100 * 2 / 3)
    assert rule.dose_for(occupancy) == pytest.approx(20_000)


def test_custom_steps_hold_and_round() -> None:
    schedule = plan(
        base_plan(
            regimen=Regimen(morning_mg=0.5, night_mg=1),
            method=Method.CUSTOM,
            custom_steps=(
                CustomStep(1.25),
                CustomStep(1.25, 28),
                CustomStep(0.9),
                CustomStep(0.5),
                CustomStep(0),
            ),
        )
    )
    # 0.9 mg/day is not measurable: rounded to the smaller cut, 1 mg/day.
    assert dailies(schedule) == [1.25, 1.25, 1.0, 0.5, 0]
    assert [s.kind for s in schedule.steps][:2] == [StepKind.REDUCE, StepKind.HOLD]
    assert schedule.steps[1].days == 28
    assert any(f.rule == "custom-rounded" and f.step == 3 for f in schedule.findings)


def test_maintenance_target_ends_with_an_ongoing_step() -> None:
    schedule = plan(base_plan(formulation="liquid", maintenance_mg=0.5))
    last = schedule.steps[-1]
    assert last.kind is StepKind.MAINTAIN
    assert last.days == 0
    assert dailies(schedule)[-1] == 0.5
    assert min(dailies(schedule)) == 0.5


def test_stabilisation_holds_todays_dose_first() -> None:
    schedule = plan(base_plan(stabilise_days=21))
    first = schedule.steps[0]
    assert first.kind is StepKind.STABILISE
    assert first.start == START
    assert first.days == 21
    assert dailies(schedule)[0] == 1.5
    assert schedule.steps[1].start == START + dt.timedelta(days=21)

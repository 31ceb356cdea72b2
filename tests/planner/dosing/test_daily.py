"""Tests for planner.dosing.daily: the day-by-day expansion and the daily CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

from planner.dosing.daily import (
    DAILY_CSV_HEADER,
    days,
    doses_text,
    drugs_in,
    times_in_use,
    to_daily_csv,
)
from planner.dosing.schedule import plan
from planner.files import formats
from planner.model import Dose, Portion, Regimen, Schedule, Step, StepKind, TaperPlan
from tests.planner.helpers import base_plan


def _schedule() -> Schedule:
    return plan(base_plan(stabilise_days=14))


def switch_schedule() -> Schedule:
    """A hand-made schedule whose middle step mixes clonazepam and diazepam."""
    half = Portion("0.5 mg tablet", Fraction(1, 2))
    five = Portion("5 mg tablet", Fraction(1))
    start = dt.date(2027, 1, 4)
    steps = (
        Step(
            1,
            start,
            7,
            StepKind.SWITCH,
            (
                Dose("morning", "clonazepam", 0.25, (half,)),
                Dose("night", "diazepam", 5.0, (five,)),
            ),
            {"clonazepam": 20.0, "diazepam": 1.0},
        ),
        Step(
            2,
            start + dt.timedelta(days=7),
            7,
            StepKind.REDUCE,
            (
                Dose("night", "clonazepam", 0.25, (half,)),
                Dose("night", "diazepam", 5.0, (five,)),
            ),
            {"clonazepam": 20.0, "diazepam": 1.0},
        ),
        Step(3, start + dt.timedelta(days=14), 0, StepKind.STOP, ()),
    )
    return Schedule(TaperPlan(regimen=Regimen(morning_mg=0.25, night_mg=0.25)), steps)


def test_days_cover_every_date_once_and_end_with_the_final_step() -> None:
    schedule = _schedule()
    listed = list(days(schedule))
    dated = [day.date for day in listed if not day.is_final]
    assert dated == [schedule.start_date + dt.timedelta(days=n) for n in range(schedule.total_days)]
    assert listed[-1].is_final and listed[-1].date == schedule.end_date
    assert [day.date for day in listed if day.is_change] == [s.start for s in schedule.steps]


def test_daily_csv_has_one_row_per_day_with_the_step_csv_words() -> None:
    schedule = _schedule()
    rows = list(csv.reader(io.StringIO(to_daily_csv(schedule))))
    assert tuple(rows[0]) == DAILY_CSV_HEADER
    assert len(rows) == 1 + schedule.total_days + 1
    step_rows = {row[0]: row for row in csv.reader(io.StringIO(formats.to_csv(schedule)))}
    first_day = rows[1]
    assert first_day[:5] == ["2027-01-04", "Mon", "1", "stabilise", "yes"]
    # Each day's cells are exactly its step's cells in the per-step CSV.
    for row in rows[1:]:
        step_row = step_rows[row[2]]
        assert row[5:9] == step_row[5:9]
    assert rows[-1][3] == "stop" and rows[-1][5:9] == ["", "", "", ""]


def test_two_drugs_name_each_drug_in_one_cell() -> None:
    schedule = switch_schedule()
    assert drugs_in(schedule) == ("clonazepam", "diazepam")
    assert times_in_use(schedule) == ("morning", "night")
    # A step of two drugs names them even when the caller did not ask.
    assert doses_text(schedule.steps[1], "night", name_drugs=False) == (
        "clonazepam 0.25 mg: ½ × 0.5 mg tablet + diazepam 5 mg: 1 × 5 mg tablet"
    )
    rows = list(csv.reader(io.StringIO(to_daily_csv(schedule))))
    assert rows[8][8] == doses_text(schedule.steps[1], "night", name_drugs=True)
    assert rows[0][9:] == ["daily_mg_clonazepam", "daily_mg_diazepam"]
    assert rows[8][9:] == ["0.25", "5"]  # numbers, one column per drug

"""One set of limits: whatever the planner accepts saves and reads back equal, at every limit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings

from planner import cli
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files import planfile
from planner.limits import (
    MAX_BANDS,
    MAX_PLAN_SPAN_DAYS,
    MAX_TEXT_CHARS,
)
from planner.model import Band, CustomStep, Method, Patient, Regimen, TaperPlan
from tests.planner.dosing.test_properties import taper_plans
from tests.planner.files.planfile_strategies import valid_plans

START = dt.date(2027, 1, 4)


def _round_trip(plan: TaperPlan, folder: Path) -> TaperPlan:
    path = folder / "plan.taper.json"
    planfile.save_plan(plan, path)
    return planfile.load_plan(path)


@settings(max_examples=60)
@given(taper_plans())
def test_every_plan_the_planner_accepts_saves_and_reloads_equal(plan: TaperPlan) -> None:
    try:
        make_schedule(plan)
    except PlanError:
        return
    assert planfile.loads(planfile.dumps(plan)) == plan


@pytest.mark.parametrize("which", range(len(valid_plans())))
def test_the_sample_plans_round_trip_through_a_file(which: int, tmp_path: Path) -> None:
    plan = valid_plans()[which]
    assert _round_trip(plan, tmp_path) == plan


def _cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    code = cli.main(argv, stdout=io.StringIO(), stderr=err, today=START)
    return code, err.getvalue()


def test_a_239_character_name_is_refused_where_it_is_typed_not_when_reopened(
    tmp_path: Path,
) -> None:
    target = tmp_path / "long.taper.json"
    code, message = _cli(
        ["plan", "--regimen", "night=1", "--patient", "N" * 239, "--save", str(target)]
    )
    assert code == cli.EXIT_BAD_INPUT
    assert f"at most {MAX_TEXT_CHARS}" in message and "N" * 41 not in message
    assert not target.exists()


def test_a_name_at_the_limit_saves_and_reopens(tmp_path: Path) -> None:
    target = tmp_path / "limit.taper.json"
    name = "N" * MAX_TEXT_CHARS
    code, message = _cli(["plan", "--regimen", "night=1", "--patient", name, "--save", str(target)])
    assert (code, message) == (0, "")
    assert planfile.load_plan(target).patient.name == name


def _bands(count: int) -> str:
    # Edges from high to 0, small cuts: a valid banded plan for a high diazepam dose.
    return ",".join(f"{(count - 1 - index) * 0.5:g}=0.5" for index in range(count))


def test_61_bands_are_refused_and_50_save_and_reopen(tmp_path: Path) -> None:
    target = tmp_path / "bands.taper.json"
    base = ["plan", "--drug", "diazepam", "--regimen", "night=30", "--method", "bands"]
    code, message = _cli([*base, "--bands", _bands(61), "--save", str(target)])
    assert code == cli.EXIT_BAD_INPUT and f"at most {MAX_BANDS} bands" in message
    assert not target.exists()
    code, message = _cli([*base, "--bands", _bands(MAX_BANDS), "--save", str(target)])
    assert (code, message) == (0, "")
    assert len(planfile.load_plan(target).bands) == MAX_BANDS


def test_a_plan_longer_than_ten_years_is_refused() -> None:
    slow = TaperPlan(
        start=START,
        drug="diazepam",
        regimen=Regimen(night_mg=30.0),
        reduction_percent=1.0,
        interval_days=365,
    )
    with pytest.raises(PlanError, match="at most 10 years") as error:
        make_schedule(slow)
    assert error.value.field == "method"
    custom = TaperPlan(
        start=START,
        drug="diazepam",
        regimen=Regimen(night_mg=30.0),
        method=Method.CUSTOM,
        custom_steps=(
            *(CustomStep(30 - step * 0.006, 365) for step in range(1, 5000)),
            CustomStep(0.0, 365),
        ),
    )
    with pytest.raises(PlanError, match="at most 10 years") as error:
        make_schedule(custom)
    assert error.value.field == "custom_steps"


def test_a_plan_just_inside_ten_years_is_planned() -> None:
    steps = MAX_PLAN_SPAN_DAYS // 365
    plan = TaperPlan(
        start=START,
        drug="diazepam",
        regimen=Regimen(night_mg=10.0),
        method=Method.CUSTOM,
        custom_steps=tuple(CustomStep(10 - step, 365) for step in range(1, steps + 1)),
    )
    schedule = make_schedule(plan)
    assert (schedule.steps[-1].start - START).days <= MAX_PLAN_SPAN_DAYS


@pytest.mark.parametrize("birth", [dt.date(9999, 12, 31), dt.date(1899, 12, 31)])
def test_an_impossible_date_of_birth_is_refused(birth: dt.date) -> None:
    plan = TaperPlan(start=START, regimen=Regimen(night_mg=1.0), patient=Patient("A", birth))
    with pytest.raises(PlanError, match="date of birth") as error:
        make_schedule(plan)
    assert error.value.field == "patient"


def test_repeated_factors_and_bands_over_the_limit_are_refused() -> None:
    base = TaperPlan(start=START, regimen=Regimen(night_mg=1.0))
    with pytest.raises(PlanError, match="once"):
        make_schedule(dataclasses.replace(base, factors=("glaucoma", "glaucoma")))
    too_many = tuple(Band(float(edge), 0.5) for edge in range(MAX_BANDS + 1))
    with pytest.raises(PlanError, match="at most 50 bands"):
        make_schedule(dataclasses.replace(base, method=Method.BANDS, bands=too_many))

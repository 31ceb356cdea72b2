"""The sample plans the benchmarks time: a 52-step year, 2- and 10-year plans with daily steps."""

from __future__ import annotations

import datetime as dt

from planner.model import CustomStep, Method, Regimen, TaperPlan

START = dt.date(2027, 1, 4)
START_MG = 40.0
LEVEL_MG = 0.5


def _levels(count: int) -> list[float]:
    """``count`` daily doses from just under 40 mg down to 0 in 0.5 mg levels, 0 only last.

    With more entries than levels a level repeats, and the planner makes a repeat a hold step.
    """
    levels = round(START_MG / LEVEL_MG) - 1  # 39.5 mg down to 0.5 mg, then the stop
    return [
        *(START_MG - LEVEL_MG * (1 + i * levels // (count - 1)) for i in range(count - 1)),
        0.0,
    ]


def custom_plan(count: int, days: int | None) -> TaperPlan:
    """Diazepam oral solution (UK) from 20 mg morning + 20 mg night in ``count`` custom steps.

    Args:
        count: how many custom steps (the last is the stop at 0 mg).
        days: days per step, or None for the plan's 7-day interval.

    Returns:
        The plan; ``plan()`` turns it into ``count`` steps.
    """
    return TaperPlan(
        drug="diazepam",
        region="uk",
        formulation="liquid",
        regimen=Regimen(morning_mg=START_MG / 2, night_mg=START_MG / 2),
        method=Method.CUSTOM,
        custom_steps=tuple(CustomStep(mg, days) for mg in _levels(count)),
        interval_days=7,
        start=START,
    )


def weekly_52() -> TaperPlan:
    """A year of weekly steps: 52 steps (the handout and the edit benchmark use it)."""
    return custom_plan(52, None)


def daily_2_years() -> TaperPlan:
    """Two years of daily steps: 730 steps."""
    return custom_plan(730, 1)


def daily_10_years() -> TaperPlan:
    """Ten years of daily steps: 3650 steps, the largest plan a clinician could make."""
    return custom_plan(3650, 1)


def daily_10_years_products() -> TaperPlan:
    """The 10-year daily plan from 2 mg tablets + 2 mg/5 mL solution measured in a 1 mL syringe."""
    return daily_plan_products(3650)


def daily_plan(days: int) -> TaperPlan:
    """``days`` daily steps (365: a year, against which ten years must grow linearly)."""
    return custom_plan(days, 1)


def daily_plan_products(days: int) -> TaperPlan:
    """``days`` daily steps from 2 mg tablets + 2 mg/5 mL solution in a 1 mL syringe."""
    return daily_plan(days).replace(formulation="tablet+liquid", device="syringe-1ml")

"""Small helpers shared by the planner tests."""

from __future__ import annotations

import datetime as dt

from planner.model import Regimen, Schedule, Step, TaperPlan

START = dt.date(2027, 1, 4)


def daily(step: Step, drug: str | None = None) -> float:
    """A step's daily mg of one drug (or of all drugs)."""
    if drug is None:
        return round(sum(step.daily_mg.values()), 6)
    return step.daily_mg.get(drug, 0.0)


def dailies(schedule: Schedule, drug: str | None = None) -> list[float]:
    """Every step's daily mg."""
    return [daily(step, drug) for step in schedule.steps]


def base_plan(**changes: object) -> TaperPlan:
    """The default clonazepam plan starting on 2027-01-04, with changes."""
    return TaperPlan(start=START).replace(**changes)


def switch_plan(**changes: object) -> TaperPlan:
    """Clonazepam 0.5 mg morning + 1 mg night (UK tablets) switched to diazepam, with changes."""
    return base_plan(regimen=Regimen(morning_mg=0.5, night_mg=1.0), switch_to="diazepam", **changes)


def lorazepam_switch_plan() -> TaperPlan:
    """US lorazepam 2 mg morning + 1 mg night switched to diazepam: each has a '2 mg tablet'."""
    return base_plan(
        drug="lorazepam",
        region="us",
        regimen=Regimen(morning_mg=2, night_mg=1),
        switch_to="diazepam",
    )

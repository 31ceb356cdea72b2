"""Small helpers shared by the planner tests."""

from __future__ import annotations

import datetime as dt

from planner.model import Schedule, Step, TaperPlan

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

"""Pace at a glance: each step's daily dose as a percentage of the starting dose."""

from __future__ import annotations

from planner.catalogue import get_drug
from planner.model import Schedule


def percent_of_start(schedule: Schedule) -> list[float]:
    """Each step's daily dose as a percentage of the dose before the plan (100 = unchanged).

    In a plan of two drugs (a switch) both sides are compared in diazepam equivalents,
    because milligrams of two drugs do not add up; otherwise in milligrams of the drug.
    A stop is 0%.
    """
    plan = schedule.plan
    start_mg = plan.regimen.daily_mg
    if start_mg <= 0:
        return [0.0 for _ in schedule.steps]
    if schedule.names_drugs:
        start_eq = start_mg * get_drug(plan.drug).diazepam_factor(plan.equivalence)
        return [100 * step.daily_diazepam_eq_mg / start_eq for step in schedule.steps]
    return [100 * sum(step.daily_mg.values()) / start_mg for step in schedule.steps]


def pace_basis(schedule: Schedule) -> str:
    """What the percentages compare: 'of the starting dose' or '… in diazepam equivalents'."""
    if schedule.names_drugs:
        return "of the starting dose, in diazepam equivalents"
    return "of the starting dose"


def percent_text(percent: float) -> str:
    """'83.3%', '100%', '0.4%': one decimal at most, never '0%' for a dose still taken.

    Whole percentages would print a last small dose (0.4%) as '0%', and 99.6% as '100%'.
    """
    if 0 < percent < 0.05:
        return "<0.1%"
    return f"{percent:.1f}".rstrip("0").rstrip(".") + "%"

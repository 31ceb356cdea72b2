"""The chart's right axis: diazepam equivalents, or each dose as a percentage of the start."""

from __future__ import annotations

from matplotlib.axes import Axes

from planner.catalogue import get_drug
from planner.model import Schedule

# Short enough to fit beside a chart 200 px high (at 1024 × 600 the long form was cut off).
EQ_LABEL = "Diazepam eq. (mg/day)"
PERCENT_LABEL = "% of starting dose"
PERCENT_EQ_LABEL = "% of starting dose (diazepam eq.)"


def start_on_left_axis(schedule: Schedule, in_diazepam: bool) -> float:
    """The dose before the plan in the left axis's units (diazepam mg during a switch)."""
    plan = schedule.plan
    if in_diazepam:
        return plan.regimen.daily_mg * get_drug(plan.drug).diazepam_factor(plan.equivalence)
    return plan.regimen.daily_mg


def scale_right_axis(
    axes: Axes, right: Axes, schedule: Schedule, in_diazepam: bool, percent: bool
) -> None:
    """Give the right axis its label and a range that reads the left axis in its own units.

    The right axis draws nothing of its own: its range is the left one's, scaled, so
    every line reads on both (and the chart's blitting sees only a new y range).

    Args:
        axes: the left axis (mg/day, or diazepam mg during a switch).
        right: the twin axis on the right.
        schedule: the schedule shown.
        in_diazepam: True when the left axis is already in diazepam equivalents.
        percent: show % of the starting dose instead of diazepam equivalents.
    """
    low, high = axes.get_ylim()
    if percent:
        start = start_on_left_axis(schedule, in_diazepam)
        factor = 100.0 / start if start > 0 else 0.0
        right.set_ylabel(PERCENT_EQ_LABEL if in_diazepam else PERCENT_LABEL, color="#666666")
        right.get_yaxis().set_visible(factor > 0)
    else:
        # One drug: the right axis reads the left one in diazepam mg, by the planner's factor.
        factor = schedule.steps[0].diazepam_eq_factor.get(schedule.plan.drug, 0.0)
        right.set_ylabel(EQ_LABEL, color="#666666")
        # In diazepam mg the left axis already reads as the right one would.
        right.get_yaxis().set_visible(not in_diazepam)
    if factor > 0 and (percent or not in_diazepam):
        right.set_ylim(low * factor, high * factor)

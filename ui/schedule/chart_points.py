"""Chart data from a schedule: step-line points per drug, diazepam shares and totals."""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Collection

import matplotlib.dates as mdates

from planner.model import TIMES_OF_DAY, Schedule, Step, StepKind, format_mg
from ui.schedule.table_model import daily_text, dose_text

# The hover box wraps a dose line longer than this (a liquid with its device words).
TOOLTIP_CHARS = 46
# How far past the final step the line runs, so the last drop is visible.
MIN_TAIL_DAYS = 7


def num(day: dt.date) -> float:
    """A date as a matplotlib date number: days since matplotlib's epoch.

    Whole days by ordinal arithmetic: ``date2num`` goes through numpy for each date, which
    made the points of a plan cost more than planning it.
    """
    return float(day.toordinal() - _epoch_ordinal())


@functools.cache
def _epoch_ordinal() -> int:
    return dt.datetime.fromisoformat(mdates.get_epoch()).date().toordinal()  # type: ignore[no-untyped-call]


def tail_days(schedule: Schedule) -> int:
    """Days drawn after the final step's start: a tenth of the plan, at least a week."""
    return max(MIN_TAIL_DAYS, schedule.total_days // 10)


def step_range(schedule: Schedule, row: int) -> tuple[float, float]:
    """(start, end) as chart numbers of the step on ``row``; the last one runs to the tail."""
    step = schedule.steps[row]
    days = step.days or tail_days(schedule)
    return num(step.start), num(step.start + dt.timedelta(days=days))


def shaded_runs(schedule: Schedule, kinds: Collection[StepKind]) -> list[tuple[float, float]]:
    """(start, end) of each run of consecutive steps of ``kinds`` (held steps), as one span.

    One span per run, not per step: a daily plan's thousands of held days would
    otherwise be thousands of polygons to build and draw on every edit.
    """
    runs: list[tuple[float, float]] = []
    last_row = -2
    for row, step in enumerate(schedule.steps):
        if step.kind not in kinds:
            continue
        start, end = step_range(schedule, row)
        if row == last_row + 1 and runs:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        last_row = row
    return runs


def lead_start(schedule: Schedule) -> dt.date:
    """Where the line starts: today's regimen is drawn for a short while before the plan."""
    return schedule.start_date - dt.timedelta(days=tail_days(schedule))


def step_points(schedule: Schedule, drug: str) -> tuple[list[float], list[float]]:
    """(x, y) for a steps-post line of ``drug``'s daily mg, from today's regimen to the end."""
    xs = [num(step.start) for step in schedule.steps]
    ys = [step.daily_mg.get(drug, 0.0) for step in schedule.steps]
    if drug == schedule.plan.drug:
        xs.insert(0, num(lead_start(schedule)))
        ys.insert(0, schedule.plan.regimen.daily_mg)
    xs.append(num(schedule.end_date + dt.timedelta(days=tail_days(schedule))))
    ys.append(ys[-1])
    return xs, ys


def eq_points(schedule: Schedule) -> tuple[list[float], list[float]]:
    """(x, y) for the daily diazepam-equivalent total, as the planner gives it."""
    xs = [num(step.start) for step in schedule.steps]
    ys = [step.daily_diazepam_eq_mg for step in schedule.steps]
    xs.append(num(schedule.end_date + dt.timedelta(days=tail_days(schedule))))
    return xs, [*ys, ys[-1]]


def schedule_drugs(schedule: Schedule) -> list[str]:
    """Every drug in the schedule, in the order it first appears (the plan's drug first)."""
    drugs = [schedule.plan.drug]
    for step in schedule.steps:
        drugs += [drug for drug in step.daily_mg if drug not in drugs]
    return drugs


def date_text(day: dt.date) -> str:
    """'1 Feb 2027'."""
    return f"{day.day} {day:%b %Y}"


def step_tooltip(step: Step, name_drugs: bool) -> str:
    """Dates, doses with units and the daily total of one step, for the hover box.

    With ``name_drugs`` (a plan of two drugs) every dose and total names its drug.
    """
    dates = f"{date_text(step.start)} – {date_text(step.end)}, {step.days} days"
    if not step.days:
        dates = f"from {date_text(step.start)}"
    lines = [f"Step {step.index} ({step.kind}): {dates}"]
    named = name_drugs or None  # None: named only where the step itself holds two drugs
    for time in (t for t in TIMES_OF_DAY if step.doses_at(t)):
        # A liquid's device words make long lines: wrap them so the box fits a narrow chart.
        text = f"{time.title()}: {dose_text(step, time, named)}"
        lines.append(textwrap.fill(text, TOOLTIP_CHARS, subsequent_indent="    "))
    daily = daily_text(step, named).replace("\n", " + ")
    lines.append(f"Daily: {daily} (≈ {format_mg(step.daily_diazepam_eq_mg)} mg diazepam)")
    return "\n".join(lines)


def baseline_eq_by_drug(schedule: Schedule) -> dict[str, float]:
    """Today's regimen in mg of diazepam, by the planner's own factor for the drug."""
    drug = schedule.plan.drug
    factor = schedule.steps[0].diazepam_eq_factor.get(drug, 0.0)
    return {drug: round(schedule.plan.regimen.daily_mg * factor, 4)}


def total_eq_points(schedule: Schedule) -> tuple[list[float], list[float]]:
    """(x, y) for the daily diazepam-equivalent total, from today's regimen to the end."""
    xs, ys = eq_points(schedule)
    lead = sum(baseline_eq_by_drug(schedule).values())
    return [num(lead_start(schedule)), *xs], [lead, *ys]


def share_points(schedule: Schedule) -> tuple[list[float], list[list[float]]]:
    """(x, [y per drug]) of each drug's daily share in diazepam mg, for stacked areas."""
    drugs = schedule_drugs(schedule)
    baseline = baseline_eq_by_drug(schedule)
    rows = [baseline, *(step.daily_diazepam_eq_by_drug for step in schedule.steps)]
    rows.append(rows[-1])
    xs = [num(lead_start(schedule)), *(num(step.start) for step in schedule.steps)]
    xs.append(num(schedule.end_date + dt.timedelta(days=tail_days(schedule))))
    return xs, [[row.get(drug, 0.0) for row in rows] for drug in drugs]


def main_points(schedule: Schedule, in_diazepam: bool) -> tuple[list[float], list[float]]:
    """One schedule as a single line: its drug's mg, or the diazepam-equivalent total."""
    if in_diazepam:
        return total_eq_points(schedule)
    return step_points(schedule, schedule.plan.drug)

"""The one-page summary as plain data: the step in force, the next change, the steps condensed."""

from __future__ import annotations

import datetime as dt

from planner.dosing.daily import names_drug
from planner.model import Schedule, Step
from planner.report.pace import percent_of_start, percent_text
from planner.report.tables import KIND_WORDS, Cell, Group, Shade, Table
from planner.report.words import AT_TIME, day_text

GLANCE_PT = 8.5


def step_on(schedule: Schedule, date: dt.date) -> int:
    """The row of the step in force on ``date`` (the first step before the plan starts)."""
    row = 0
    for number, step in enumerate(schedule.steps):
        if step.start <= date:
            row = number
    return row


def doses_in_words(step: Step, name_drugs: bool) -> str:
    """Everything to take in a day: 'in the morning 0.5 mg (1 × 0.5 mg tablet); at night …'."""
    if not step.doses:
        return "Nothing: the plan has stopped."
    named = names_drug(step, name_drugs)
    parts = []
    for time, at_time in AT_TIME.items():
        for dose in step.doses_at(time):
            drug = f"{dose.drug} " if named else ""
            parts.append(f"{at_time}: {drug}{dose.units}")
    return "; ".join(parts).capitalize() + "."


def condensed_table(schedule: Schedule, first_row: int, max_rows: int) -> tuple[Table, int]:
    """One line per step from ``first_row``: dates, kind, what to take, % of the start.

    Args:
        schedule: the plan's schedule.
        first_row: the step in force (earlier steps are done and left out).
        max_rows: at most this many rows; the final step always shows.

    Returns:
        The table and how many steps were left out to fit.
    """
    name_drugs = schedule.names_drugs
    percents = percent_of_start(schedule)
    rows = list(range(first_row, len(schedule.steps)))
    hidden = 0
    if len(rows) > max_rows:
        hidden = len(rows) - max_rows
        rows = rows[: max_rows - 1] + rows[-1:]
    groups = []
    for count, row in enumerate(rows):
        step = schedule.steps[row]
        cells = (
            Cell(f"{step.index} {KIND_WORDS.get(step.kind, str(step.kind))}", bold=count == 0),
            Cell(day_text(step.start)),
            Cell(doses_in_words(step, name_drugs)),
            Cell(percent_text(percents[row])),
        )
        shade = Shade.BAND if count == 0 else (Shade.STRIPE if count % 2 else Shade.NONE)
        groups.append(Group(rows=(cells,), shade=shade))
    table = Table(
        titles=("Step", "From", "What to take each day", "% of start"),
        weights=(1.1, 1.6, 6.2, 0.9),
        groups=tuple(groups),
        point_size=GLANCE_PT,
    )
    return table, hidden

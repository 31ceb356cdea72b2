"""A schedule day by day: what to take on each date, for calendars and the daily CSV."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterator

from planner.model import TIMES_OF_DAY, Dose, Schedule, Step, format_mg

WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAILY_CSV_HEADER: tuple[str, ...] = (
    "date",
    "weekday",
    "step",
    "kind",
    "new_dose",
    *TIMES_OF_DAY,
    "daily_mg",
)


@dataclasses.dataclass(frozen=True)
class Day:
    """One date of a schedule and the step whose doses apply on it.

    Attributes:
        date: the calendar date.
        step: the step in force on that date.
        is_change: True on the first day of a step (a new dose from today).
        is_final: True for the plan's last, open-ended step (a stop or ongoing
            maintenance), which is listed once, on its first day.
    """

    date: dt.date
    step: Step
    is_change: bool
    is_final: bool = False

    def doses_at(self, time: str) -> tuple[Dose, ...]:
        """The doses (one per drug) to take at a time of day on this date."""
        return self.step.doses_at(time)


def days(schedule: Schedule) -> Iterator[Day]:
    """Every date from the plan's start to its end date, in order.

    Each step with ``days > 0`` gives one ``Day`` per date; a step of 0 days (the
    final stop, or maintenance that goes on) gives one ``Day`` marked ``is_final``.
    """
    for step in schedule.steps:
        if step.days <= 0:
            yield Day(step.start, step, is_change=True, is_final=True)
            continue
        for offset in range(step.days):
            yield Day(step.start + dt.timedelta(days=offset), step, is_change=offset == 0)


def times_in_use(schedule: Schedule) -> tuple[str, ...]:
    """The times of day at which any step has a dose, in the order of the day."""
    return tuple(
        time for time in TIMES_OF_DAY if any(step.doses_at(time) for step in schedule.steps)
    )


def drugs_in(schedule: Schedule) -> tuple[str, ...]:
    """The drugs a schedule uses, in the order they first appear."""
    seen: dict[str, None] = {}
    for step in schedule.steps:
        for dose in step.doses:
            seen.setdefault(dose.drug, None)
    return tuple(seen)


def names_drug(step: Step, name_drugs: bool) -> bool:
    """Whether a step's doses name their drug: in a plan of two drugs, or a step of two."""
    return name_drugs or len(step.daily_mg) > 1


def dose_text(dose: Dose, name_drug: bool) -> str:
    """One dose in words: '0.25 mg: ½ × 0.5 mg tablet', with the drug first if asked.

    Args:
        dose: the dose to describe.
        name_drug: prefix the drug's name, as in a plan that switches drugs.

    Returns:
        The dose as the CSV exports and the handout print it.
    """
    text = f"{format_mg(dose.mg)} mg: {dose.units}"
    return f"{dose.drug} {text}" if name_drug else text


def doses_text(step: Step, time: str, name_drugs: bool) -> str:
    """Everything taken at a time of day in a step, '' for nothing.

    Doses are joined with ' + '; with ``name_drugs`` (a plan of two drugs, see
    ``Schedule.names_drugs``) each names its drug,
    e.g. 'clonazepam 0.25 mg: ½ × 0.5 mg tablet + diazepam 5 mg: 1 × 5 mg tablet'.
    """
    named = names_drug(step, name_drugs)
    return " + ".join(dose_text(dose, named) for dose in step.doses_at(time))


def daily_total_text(step: Step, name_drugs: bool) -> str:
    """The day's total in mg: '1.25', or 'clonazepam 0.25; diazepam 5' naming the drugs."""
    totals = step.daily_mg
    if not totals or not names_drug(step, name_drugs):
        return format_mg(sum(totals.values()))
    return "; ".join(f"{drug} {format_mg(mg)}" for drug, mg in totals.items())


def daily_mg_columns(schedule: Schedule) -> tuple[str, ...]:
    """The CSV's numeric mg/day columns: 'daily_mg', or one 'daily_mg_<drug>' per drug.

    A plan of two drugs gets a column per drug, so that every cell is a number a
    spreadsheet can add up and no total ever mixes two drugs' milligrams.
    """
    drugs = drugs_in(schedule)
    if not schedule.names_drugs or len(drugs) < 2:
        return ("daily_mg",)
    return tuple(f"daily_mg_{drug}" for drug in drugs)


def daily_mg_cells(schedule: Schedule, step: Step, columns: tuple[str, ...]) -> list[str]:
    """A step's numbers for ``daily_mg_columns``: mg/day of each drug, '0' for none."""
    totals = step.daily_mg
    if columns == ("daily_mg",):
        return [format_mg(sum(totals.values()))]
    return [format_mg(totals.get(drug, 0.0)) for drug in drugs_in(schedule)]


def to_daily_csv(schedule: Schedule) -> str:
    """One header row, then one row per day saying what to take at each time of day.

    The last row is the plan's final step (the stop, or ongoing maintenance) on the
    date it begins. Cells use the same words as the per-step CSV.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = daily_mg_columns(schedule)
    writer.writerow((*DAILY_CSV_HEADER[:-1], *columns))
    name_drugs = schedule.names_drugs
    for day in days(schedule):
        writer.writerow(
            [
                day.date.isoformat(),
                WEEKDAYS[day.date.weekday()],
                day.step.index,
                str(day.step.kind),
                "yes" if day.is_change else "",
                *(doses_text(day.step, time, name_drugs) for time in TIMES_OF_DAY),
                *daily_mg_cells(schedule, day.step, columns),
            ]
        )
    return buffer.getvalue()

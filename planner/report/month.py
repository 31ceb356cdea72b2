"""The month-grid calendar as plain data: weeks of days, each with its doses in words."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from planner.dosing.daily import days, names_drug, times_in_use
from planner.model import Schedule, Step
from planner.report.tables import short_units, single_products


@dataclasses.dataclass(frozen=True)
class DayCell:
    """One square of the month grid.

    Attributes:
        date: the date.
        doses: (time of day, what to take) for each time with a dose; empty outside the plan.
        in_plan: False for days before the calendar starts or after the plan's last step.
        is_change: True on the first day of a new dose.
        note: a word for the day ('new dose', 'stop: nothing more', 'keep taking'), or ''.
    """

    date: dt.date
    doses: tuple[tuple[str, str], ...] = ()
    in_plan: bool = False
    is_change: bool = False
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Month:
    """One calendar page: its title and its weeks, Monday first."""

    title: str
    weeks: tuple[tuple[DayCell, ...], ...]


def _dose_words(step: Step, time: str, single: dict[str, str], name_drugs: bool) -> str:
    named = names_drug(step, name_drugs)
    parts = []
    for dose in step.doses_at(time):
        # A drug with one product is counted ('½ tablet'); the note on the page names it.
        units = short_units(dose) if dose.drug in single else dose.units
        parts.append(f"{dose.drug} {units}" if named else units)
    return " + ".join(parts)


def month_grid(schedule: Schedule, first_date: dt.date | None = None) -> list[Month]:
    """The plan as month pages from ``first_date`` (or the plan's start) to its last step.

    Args:
        schedule: the plan's schedule.
        first_date: the first day with boxes (the day it is printed, for a plan under
            way); earlier days of that month are shown empty.

    Returns:
        One ``Month`` per calendar month the plan still covers, in order.
    """
    single = single_products(schedule)
    name_drugs = schedule.names_drugs
    times = times_in_use(schedule)
    cells: dict[dt.date, DayCell] = {}
    for day in days(schedule):
        if first_date is not None and day.date < first_date and not day.is_final:
            continue
        if day.is_final:
            note = "stop: nothing more to take" if not day.step.doses else "keep taking"
        else:
            note = "new dose" if day.is_change else ""
        doses = tuple(
            (time, _dose_words(day.step, time, single, name_drugs))
            for time in times
            if day.step.doses_at(time) and not day.is_final
        )
        cells[day.date] = DayCell(day.date, doses, True, day.is_change, note)
    if not cells:
        return []
    first, last = min(cells), max(cells)
    months = []
    year, month = first.year, first.month
    grid = calendar.Calendar(firstweekday=0)
    while (year, month) <= (last.year, last.month):
        # A day of the next or last month is shown empty: its boxes are on its own page,
        # so no dose can be ticked twice.
        weeks = tuple(
            tuple(
                cells.get(date, DayCell(date)) if date.month == month else DayCell(date)
                for date in week
            )
            for week in grid.monthdatescalendar(year, month)
        )
        months.append(Month(f"{calendar.month_name[month]} {year}", weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months

"""Ceilings that keep a printout of a long plan to a size a patient can use and a printer can print.

A ten-year plan with a dose change every day would print a calendar of 3650 rows (over 300
pages). The calendar holds at most MAX_CALENDAR_DAYS days from the day it is printed; the
handout says so and when to print the next one. The schedule table itself is never cut: every
dose of the plan is always printed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from planner.report.tables import Table
from planner.report.words import day_text

MAX_CALENDAR_DAYS = 366


def bounded_calendar(table: Table, first_day: dt.date) -> tuple[Table, str]:
    """The calendar cut to MAX_CALENDAR_DAYS rows, and the sentence saying so ("" if uncut).

    Args:
        table: the calendar, one group per day (and one for the final day).
        first_day: the calendar's first day.
    """
    if len(table.groups) <= MAX_CALENDAR_DAYS:
        return table, ""
    last_shown = first_day + dt.timedelta(days=MAX_CALENDAR_DAYS - 1)
    cut = dataclasses.replace(table, groups=table.groups[:MAX_CALENDAR_DAYS])
    note = (
        f"This calendar covers {MAX_CALENDAR_DAYS} days, to {day_text(last_shown)}; print a new "
        "handout before then for the days after. The table of doses above has the whole plan."
    )
    return cut, note

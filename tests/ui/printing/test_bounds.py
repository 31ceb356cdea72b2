"""Long plans print bounded: the calendar stops after a year and says so; the table is whole."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.plans import START, custom_plan
from planner.dosing.schedule import plan
from planner.model import TaperPlan
from planner.report.options import HandoutOptions
from planner.report.tables import calendar_table
from ui.printing.bounds import MAX_CALENDAR_DAYS, bounded_calendar
from ui.printing.handout import write_pdf


def _daily_plan(days: int) -> TaperPlan:
    return custom_plan(days, 1)  # diazepam solution, a change every day


def test_the_calendar_is_cut_after_a_year_with_a_note() -> None:
    schedule = plan(_daily_plan(3 * 365))
    table, note = bounded_calendar(calendar_table(schedule, START), START)
    assert len(table.groups) == MAX_CALENDAR_DAYS
    assert "366 days" in note and "print a new handout" in note
    short = plan(_daily_plan(60))
    whole = calendar_table(short, START)
    assert bounded_calendar(whole, START) == (whole, "")


def test_pdf_time_grows_with_pages_not_faster(tmp_path: Path) -> None:
    options = HandoutOptions(printed_on=START)
    timings = []
    for days in (200, 800):
        schedule = plan(_daily_plan(days))
        started = time.perf_counter()
        pages = write_pdf(schedule, tmp_path / f"{days}.pdf", options)
        timings.append((time.perf_counter() - started) / pages)
    small, large = timings
    assert large < small * 3, timings  # per page: flat (linear in pages), with room for noise

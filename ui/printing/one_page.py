"""The one-page summary: what to take now and next, the steps condensed, when to call, red flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from planner import guidance
from planner.model import Schedule
from planner.report.glance import condensed_table, doses_in_words, step_on
from planner.report.pace import pace_basis
from planner.report.words import day_text, drug_name
from ui.printing.content import DISCLAIMER, boxed
from ui.printing.layout import BODY_PT, SMALL_PT, Flow
from ui.printing.text import URGENT, URGENT_SHADE

# Rows tried for the condensed table, most first, until the page holds everything.
ROW_CHOICES = (24, 18, 14, 10, 7, 5, 3)
CALL_WHEN = (
    "Contact your prescriber before the next change if withdrawal symptoms appear; "
    "they usually start within days of a cut. Do not change the plan yourself."
)


def _place(flow: Flow, schedule: Schedule, printed_on: dt.date, max_rows: int) -> None:
    name = drug_name(schedule.plan.drug)
    named = schedule.names_drugs
    flow.paragraph(f"Your {name.lower()} plan on one page", 16.0, bold=True, after_mm=2.0)
    row = step_on(schedule, printed_on)
    step = schedule.steps[row]
    started = printed_on >= schedule.start_date
    flow.heading("What to take now", 12.0, keep_mm=10.0)
    since = "since" if started else "from"
    flow.paragraph(f"{since.capitalize()} {day_text(step.start)}: {doses_in_words(step, named)}")
    if row + 1 < len(schedule.steps):
        following = schedule.steps[row + 1]
        flow.paragraph(
            f"Next change on {day_text(following.start)}: {doses_in_words(following, named)}",
            bold=True,
        )
    flow.heading("Your steps", 12.0, keep_mm=20.0)
    table, hidden = condensed_table(schedule, row, max_rows)
    flow.table(table)
    more = f" {hidden} further steps are in the full handout." if hidden else ""
    flow.paragraph(
        f"Each dose starts on the date shown and stays until the next date. The % column is "
        f"the daily dose {pace_basis(schedule)}.{more}",
        SMALL_PT,
    )
    flow.heading("When to call", 12.0, keep_mm=15.0)
    flow.paragraph(CALL_WHEN, BODY_PT - 0.5, after_mm=1.0)
    flow.bullets([item.text for item in guidance.section("if_symptoms").items], SMALL_PT + 0.5)
    boxed(
        flow,
        "Get urgent medical help, without waiting for your next appointment, if you have:",
        [item.text for item in guidance.red_flags()],
        URGENT,
        URGENT_SHADE,
    )
    flow.paragraph(DISCLAIMER, SMALL_PT)


def build_one_page(make_flow: Callable[[], Flow], schedule: Schedule, printed_on: dt.date) -> Flow:
    """Lay the summary out on one page, condensing the step table until it fits.

    Args:
        make_flow: a fresh, empty flow for each try.
        schedule: the plan's schedule.
        printed_on: the date printed; the step in force then comes first.

    Returns:
        The flow holding one page (the last try, however short, if none fits).
    """
    flow = make_flow()
    for max_rows in ROW_CHOICES:
        flow = make_flow()
        _place(flow, schedule, printed_on, max_rows)
        if len(flow.pages) == 1:
            break
    return flow

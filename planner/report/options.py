"""What to print: the handout or the pharmacy summary, which sections, which paper."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from planner.model import Schedule
from planner.report.pharmacy import DEFAULT_PERIOD_DAYS, check_period_days

# A 49-week plan's day-by-day calendar is 15 pages: by default the handout prints the next
# 8 weeks (two months between reviews) and the clinician can ask for every day.
DEFAULT_CALENDAR_WEEKS = 8


class Document(enum.StrEnum):
    """Which document ``render`` draws."""

    HANDOUT = "handout"
    PHARMACY = "pharmacy"
    ONE_PAGE = "one-page"  # what to take now and next, the steps condensed, when to call
    MONTH_CALENDAR = "month-calendar"  # one page per month for the fridge, tick boxes


class PaperSize(enum.StrEnum):
    """Paper the PDF is laid out for; printers use the size chosen in the print dialog."""

    A4 = "a4"
    LETTER = "letter"


@dataclasses.dataclass(frozen=True)
class HandoutOptions:
    """Choices for printing a schedule.

    Attributes:
        document: the patient handout, or the short pharmacy summary.
        include_pharmacy: add the pharmacy summary as a section of the handout.
        include_summary: start the handout with the plan in words, the chart and red flags.
        include_schedule: print the table of every step.
        include_guidance: print what to do if symptoms appear, and the cautions.
        include_calendar: add the tick-box calendar (one row per day).
        calendar_weeks: how many weeks the day-by-day calendar covers from the day it is
            printed (or the plan's start); None for every day of the plan.
        include_month_calendar: add the month-grid calendar (one page per month).
        period_days: dispensing period for the pharmacy summary: 7, 14 or 28 days.
        paper: paper size for PDF export; None picks Letter for a US plan, else A4.
        printed_on: the date printed on every page; None means today.
    """

    document: Document = Document.HANDOUT
    include_pharmacy: bool = False
    include_summary: bool = True
    include_schedule: bool = True
    include_guidance: bool = True
    include_calendar: bool = True
    calendar_weeks: int | None = DEFAULT_CALENDAR_WEEKS
    include_month_calendar: bool = False
    period_days: int = DEFAULT_PERIOD_DAYS
    paper: PaperSize | None = None
    printed_on: dt.date | None = None

    def __post_init__(self) -> None:
        check_period_days(self.period_days)
        if self.calendar_weeks is not None and self.calendar_weeks < 1:
            raise ValueError(f"The calendar must cover at least 1 week; got {self.calendar_weeks}")

    def paper_for(self, schedule: Schedule) -> PaperSize:
        """The paper size to use for a schedule's PDF."""
        if self.paper is not None:
            return self.paper
        return PaperSize.LETTER if schedule.plan.region == "us" else PaperSize.A4

    def date(self) -> dt.date:
        """The date printed on every page."""
        return self.printed_on or dt.date.today()

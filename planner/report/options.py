"""What to print: the handout or the pharmacy summary, which sections, which paper."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from planner.model import Schedule
from planner.report.pharmacy import DEFAULT_PERIOD_DAYS, check_period_days


class Document(enum.StrEnum):
    """Which document ``render`` draws."""

    HANDOUT = "handout"
    PHARMACY = "pharmacy"


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
        include_calendar: add the tick-box calendar (one row per day).
        period_days: dispensing period for the pharmacy summary: 7, 14 or 28 days.
        paper: paper size for PDF export; None picks Letter for a US plan, else A4.
        printed_on: the date printed on every page; None means today.
    """

    document: Document = Document.HANDOUT
    include_pharmacy: bool = False
    include_calendar: bool = True
    period_days: int = DEFAULT_PERIOD_DAYS
    paper: PaperSize | None = None
    printed_on: dt.date | None = None

    def __post_init__(self) -> None:
        check_period_days(self.period_days)

    def paper_for(self, schedule: Schedule) -> PaperSize:
        """The paper size to use for a schedule's PDF."""
        if self.paper is not None:
            return self.paper
        return PaperSize.LETTER if schedule.plan.region == "us" else PaperSize.A4

    def date(self) -> dt.date:
        """The date printed on every page."""
        return self.printed_on or dt.date.today()

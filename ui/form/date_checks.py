"""Dates a clinician means: a start far in the past is asked about; a birth date sets the age."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QObject, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit

from planner.errors import PlanError
from planner.report.age_note import OLDER_ADULT_YEARS, age_years
from ui.form.notice_bar import NoticeBar

# A start more than this many days before today is asked about: by then at least one dose
# change has taken effect, so the plan is either under way or a typo (the safer reading:
# ask, rather than guess which).
FAR_PAST_DAYS = 7
MAX_AGE_YEARS = 120
BIRTH_FIELD = "date_of_birth"
DATE_TEXT = "%-d %b %Y"


def birth_date_error(birth: dt.date | None, today: dt.date) -> PlanError | None:
    """The error for a date of birth no patient can have (in the future, over 120 years ago)."""
    if birth is None:
        return None
    try:
        earliest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February in a year whose 120th year before is not a leap year
        earliest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if birth > today:
        return PlanError(
            f"The date of birth {birth:{DATE_TEXT}} is in the future: "
            f"enter a date from {earliest:{DATE_TEXT}} to today",
            field=BIRTH_FIELD,
        )
    if birth < earliest:
        return PlanError(
            f"The date of birth {birth:{DATE_TEXT}} is over {MAX_AGE_YEARS} years ago: "
            f"enter a date from {earliest:{DATE_TEXT}} to today",
            field=BIRTH_FIELD,
        )
    return None


def far_past_question(start: dt.date, today: dt.date) -> str:
    """The question for a start date far in the past, or "" when it is not."""
    days = (today - start).days
    if days <= FAR_PAST_DAYS:
        return ""
    return (
        f"The start date {start:{DATE_TEXT}} is {days} days ago. Is this plan already under "
        "way (record what happened since with Follow-up → Record check-in), or is the date "
        "a typo?"
    )


class DateChecks(QObject):
    """Watches the start date and date of birth as the clinician edits them.

    A start far in the past shows a notice asking whether the plan is under way, with
    "Correct to today"; a date of birth giving age 65 or over ticks "Age 65 or over" and
    says so (the clinician can untick it; the handout says which).
    """

    def __init__(
        self,
        start: QDateEdit,
        birth: QDateEdit,
        age_check: QCheckBox,
        notice: NoticeBar,
        no_birth: QDate,
    ) -> None:
        super().__init__(start)
        self._start = start
        self._birth = birth
        self._age_check = age_check
        self._notice = notice
        self._no_birth = no_birth
        self._asking_start = False  # the notice shown is the start-date question
        self.quiet = False  # True while the form shows a plan (nothing was typed)
        start.dateChanged.connect(self.on_start_date_changed)
        birth.dateChanged.connect(self.on_birth_date_changed)

    def today(self) -> dt.date:
        """Today (a method, so tests can fix it)."""
        return dt.date.today()

    @Slot(QDate)
    def on_start_date_changed(self, day: QDate) -> None:
        if self.quiet:
            return
        question = far_past_question(dt.date(day.year(), day.month(), day.day()), self.today())
        if question:
            self._notice.show_notice(
                question,
                (("&Under way: keep the date", lambda: None),
                 ("&Correct to today", self.correct_start)),
            )  # fmt: skip
            self._asking_start = True
        elif self._asking_start and self._notice.text():
            self._notice.hide_notice()  # the date was corrected: the question is answered
        if not question:
            self._asking_start = False

    def correct_start(self) -> None:
        """Set the start date to today (one undoable edit)."""
        today = self.today()
        self._start.setDate(QDate(today.year, today.month, today.day))

    @Slot(QDate)
    def on_birth_date_changed(self, day: QDate) -> None:
        if self.quiet or day == self._no_birth:
            return
        birth = dt.date(day.year(), day.month(), day.day())
        today = self.today()
        if birth_date_error(birth, today) is not None:
            return  # the form shows the error at the field
        age = age_years(birth, today)
        if age >= OLDER_ADULT_YEARS and not self._age_check.isChecked():
            self._age_check.setChecked(True)
            self._asking_start = False
            self._notice.show_notice(
                f"The date of birth gives age {age}: ticked “Age 65 or over” (stricter "
                "checks and its cautions). Untick it if it should not apply; the handout "
                "says which."
            )

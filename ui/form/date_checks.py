"""Dates a clinician means: a start far in the past is asked about; a birth date sets the age."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox

from planner.errors import PlanError
from planner.report.age_note import OLDER_ADULT_YEARS, age_years
from ui.form.date_field import DateField
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
    """Looks at the start date and date of birth each time the form is about to plan.

    A start far in the past shows a notice asking whether the plan is under way, with
    "Correct to today"; a date of birth giving age 65 or over ticks "Age 65 or over" and
    says so (the clinician can untick it; the handout says which). Each date is looked at
    once, when it first reads as that date (not at every keystroke, which would ask about
    2 Nov on the way to typing 25 Nov); a date set with the plan is never asked about.
    """

    def __init__(
        self, start: DateField, birth: DateField, age_check: QCheckBox, notice: NoticeBar
    ) -> None:
        super().__init__(start)
        self._start = start
        self._birth = birth
        self._age_check = age_check
        self._notice = notice
        self._asking_start = False  # the notice shown is the start-date question
        self._seen: dict[DateField, dt.date | None] = {}
        self.quiet = False  # True while the form shows a plan (nothing was typed)

    def today(self) -> dt.date:
        """Today (a method, so tests can fix it)."""
        return dt.date.today()

    def check(self) -> None:
        """Act on a date newly typed (when ``quiet``, only note the dates shown)."""
        start, birth = self._new_date(self._start), self._new_date(self._birth)
        if self.quiet:
            return
        if start is not None:
            self.on_start_date(start)
        if birth is not None:
            self.on_birth_date(birth)

    def _new_date(self, field: DateField) -> dt.date | None:
        """The date ``field`` reads as, when it differs from the one last looked at."""
        if not field.is_valid():
            return None
        day = field.date()
        if field in self._seen and self._seen[field] == day:
            return None
        self._seen[field] = day
        return day

    def on_start_date(self, start: dt.date) -> None:
        """Ask about a start far in the past; a corrected start answers the question."""
        question = far_past_question(start, self.today())
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
        self._start.set_date(self.today())

    def on_birth_date(self, birth: dt.date) -> None:
        """Tick "Age 65 or over" for a date of birth that gives it, and say so."""
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

"""One caseload row: a plan file read on a given day, or the reason it could not be read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from planner.caseload.digest import DigestFinding, DigestStep, PlanDigest
from planner.caseload.review import ReviewDue, next_review


@dataclasses.dataclass(frozen=True)
class CaseRow:
    """What the caseload shows for one plan file on ``today``.

    The answers that walk the steps are worked out once per row (cached properties).
    ``problem`` is set (and ``digest`` None) for a file that could not be read; every
    other field then holds its empty value.
    """

    file: str  # the file name inside the caseload folder
    today: dt.date
    digest: PlanDigest | None = None
    problem: str | None = None
    open_by: str = ""  # who has the plan open for editing now ("" when nobody)

    @property
    def patient(self) -> str:
        """The patient's name or identifier ("" when unknown)."""
        return self.digest.patient if self.digest else ""

    @property
    def drugs(self) -> tuple[str, ...]:
        """Every drug the plan gives, the tapered drug first."""
        return self.digest.drugs if self.digest else ()

    @functools.cached_property
    def search_text(self) -> str:
        """Patient, file and drug names in lower case, for a search box."""
        return " ".join((self.patient, self.file, *self.drugs)).casefold()

    @functools.cached_property
    def _step_index(self) -> int | None:
        # The step in effect today, or None before the plan starts.
        if self.digest is None:
            return None
        index = None
        for number, step in enumerate(self.digest.steps):
            if step[0] <= self.today:  # its start
                index = number
        return index

    @property
    def current_step(self) -> DigestStep | None:
        """The step in effect today (None before the start, or for a problem file)."""
        index = self._step_index
        return None if index is None or self.digest is None else self.digest.steps[index]

    @property
    def today_mg(self) -> dict[str, float] | None:
        """Today's daily mg per drug (the starting regimen before the plan starts)."""
        if self.digest is None:
            return None
        step = self.current_step
        return dict(step[3]) if step is not None else dict(self.digest.start_mg)

    @property
    def step_text(self) -> str:
        """'3 of 12', 'not started' or 'stopped'."""
        if self.digest is None:
            return ""
        index = self._step_index
        if index is None:
            return "not started"
        _, _, kind, _, _ = self.digest.steps[index]
        if kind == "stop":
            return "stopped"
        return f"{index + 1} of {len(self.digest.steps)}"

    @property
    def percent_of_start(self) -> float | None:
        """Today's dose as a percentage of the starting dose, in diazepam equivalents."""
        if self.digest is None or self.digest.start_diazepam_eq_mg <= 0:
            return None
        step = self.current_step
        eq = step[4] if step is not None else self.digest.start_diazepam_eq_mg
        return round(100 * eq / self.digest.start_diazepam_eq_mg, 1)

    @functools.cached_property
    def next_change(self) -> tuple[dt.date, dict[str, float]] | None:
        """The next day the doses change and the daily mg from then; None while paused."""
        if self.digest is None or self.digest.paused_since is not None:
            return None
        for date, _, daily_mg in self.digest.dose_changes:
            if date > self.today:
                return date, dict(daily_mg)
        return None

    @functools.cached_property
    def review(self) -> ReviewDue | None:
        """The review due next (see planner.caseload.review for the rules)."""
        return next_review(self.digest, self.today) if self.digest else None

    @property
    def review_overdue(self) -> bool:
        """True when the review's date has passed."""
        review = self.review
        return review is not None and review.date < self.today

    @property
    def paused(self) -> bool:
        """True while the taper is paused on a red flag."""
        return self.digest is not None and self.digest.paused_since is not None

    @property
    def errors(self) -> tuple[DigestFinding, ...]:
        """The plan's error findings."""
        return self.digest.errors if self.digest else ()

    @property
    def last_checkin(self) -> dt.date | None:
        """The date of the latest check-in."""
        if self.digest is None or not self.digest.checkins:
            return None
        return self.digest.checkins[-1][0]

    def needs_attention_within(self, days: int) -> bool:
        """True when a change or review falls within ``days`` of today (overdue counts).

        Paused plans, plans with errors and unreadable files always need attention.
        """
        if self.problem is not None or self.paused or self.errors:
            return True
        horizon = self.today + dt.timedelta(days=days)
        change = self.next_change
        review = self.review
        return (change is not None and change[0] <= horizon) or (
            review is not None and review.date <= horizon
        )

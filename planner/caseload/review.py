"""When a plan under way is due a review: a set number of days after each dose change.

The rules (README § The caseload):

- after a cut (or any other change of dose): ``REVIEW_AFTER_CUT_DAYS`` = 7. Withdrawal
  symptoms usually start within days of a cut and may take up to a week (ASAM patient
  guide, in our clinical reference); a review a week after the cut sees the whole window.
- after each substitution of a switch to diazepam: ``REVIEW_AFTER_SWITCH_DAYS`` = 5, the
  earlier end of the 5–7 days JCPG 2025 Table 7 and Ashton give (the safer reading: the
  tables differ up to twofold, so an over- or under-dose shows early).
- a check-in dated after a change covers that change's review. A check-in on the day of
  the change does not (the safer reading: symptoms come after the cut).
- a red flag pauses the taper: the urgent review is due from the day it was reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from planner.caseload.digest import DoseChange, PlanDigest

REVIEW_AFTER_CUT_DAYS = 7
REVIEW_AFTER_SWITCH_DAYS = 5
CUT_SOURCE = "ASAM patient guide (symptoms within days, up to a week after a cut)"
SWITCH_SOURCE = "JCPG 2025 Table 7; Ashton Manual (review 5–7 days after each substitution)"
RED_FLAG_SOURCE = "JCPG 2025 Table 3 and Recs. 12–15 (red flags: urgent medical review)"


@dataclasses.dataclass(frozen=True)
class ReviewDue:
    """The next review: its date, why, and the rule's source."""

    date: dt.date
    reason: str
    source: str


def dose_changes(digest: PlanDigest) -> tuple[DoseChange, ...]:
    """Every day the daily doses change (see ``PlanDigest.dose_changes``)."""
    return digest.dose_changes


def review_days(change: DoseChange) -> int:
    """Days after the change that its review is due."""
    _, is_switch, _ = change
    return REVIEW_AFTER_SWITCH_DAYS if is_switch else REVIEW_AFTER_CUT_DAYS


def next_review(digest: PlanDigest, today: dt.date) -> ReviewDue | None:
    """The review due next, overdue or not; None when no change is left to review.

    Args:
        digest: the plan.
        today: the day the caseload is read (injected so tests can choose it).
    """
    if digest.paused_since is not None:
        return ReviewDue(
            digest.paused_since,
            f"red flag on {digest.paused_since}: urgent review, taper paused",
            RED_FLAG_SOURCE,
        )
    last_checkin = digest.checkins[-1][0] if digest.checkins else None
    for change in digest.dose_changes:
        date, is_switch, _ = change
        # Check-ins are in date order: one after the change exists when the last is.
        covered = last_checkin is not None and last_checkin > date
        if date <= today and covered:
            continue
        # The earliest change not yet reviewed (or the next one to come) sets the date.
        what = "switch step" if is_switch else "dose change"
        days = review_days(change)
        return ReviewDue(
            date + dt.timedelta(days=days),
            f"{days} days after the {what} on {date}",
            SWITCH_SOURCE if is_switch else CUT_SOURCE,
        )
    return None

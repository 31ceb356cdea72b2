"""Review due dates: 7 days after a cut, 5 after a switch step, covered by a later check-in."""

from __future__ import annotations

import datetime as dt

from planner.caseload.digest import digest_of
from planner.caseload.review import REVIEW_AFTER_CUT_DAYS, REVIEW_AFTER_SWITCH_DAYS, next_review
from planner.caseload.row import CaseRow
from planner.dosing.schedule import plan
from planner.model import CheckIn, FollowUpAction, Regimen, TaperPlan

START = dt.date(2027, 1, 4)
CLONAZEPAM = TaperPlan(start=START, regimen=Regimen(morning_mg=0.5, night_mg=1.0))
DAY = dt.timedelta(days=1)


def _row(taper: TaperPlan, today: dt.date) -> CaseRow:
    return CaseRow("a.taper.json", today, digest_of(plan(taper)))


def test_before_the_start_the_review_follows_the_first_cut() -> None:
    row = _row(CLONAZEPAM, START - 10 * DAY)
    assert row.step_text == "not started"
    assert row.today_mg == {"clonazepam": 1.5}
    assert row.next_change is not None and row.next_change[0] == START
    review = row.review
    assert review is not None and review.date == START + REVIEW_AFTER_CUT_DAYS * DAY
    assert not row.review_overdue


def test_an_unreviewed_cut_is_overdue_a_week_later() -> None:
    row = _row(CLONAZEPAM, START + 8 * DAY)
    assert row.review is not None and row.review.date == START + 7 * DAY
    assert row.review_overdue
    assert "ASAM" in row.review.source


def test_a_checkin_after_the_cut_covers_it_and_the_next_cut_sets_the_date() -> None:
    taper = CLONAZEPAM.replace(checkins=(CheckIn(START + 6 * DAY),))
    row = _row(taper, START + 8 * DAY)
    assert row.review is not None and row.review.date == START + 14 * DAY + 7 * DAY
    assert not row.review_overdue
    assert row.last_checkin == START + 6 * DAY


def test_a_checkin_on_the_day_of_the_cut_does_not_cover_it() -> None:
    taper = CLONAZEPAM.replace(checkins=(CheckIn(START),))
    row = _row(taper, START + 8 * DAY)
    assert row.review is not None and row.review.date == START + 7 * DAY
    assert row.review_overdue


def test_a_switch_step_is_reviewed_after_five_days() -> None:
    taper = CLONAZEPAM.replace(switch_to="diazepam")
    row = _row(taper, START + 2 * DAY)
    assert row.drugs == ("clonazepam", "diazepam")
    assert set(row.today_mg or {}) == {"clonazepam", "diazepam"}
    review = row.review
    assert review is not None and review.date == START + REVIEW_AFTER_SWITCH_DAYS * DAY
    assert "Table 7" in review.source
    assert row.percent_of_start == 100.0  # the same dose in diazepam equivalents


def test_a_red_flag_pauses_and_the_review_is_due_that_day() -> None:
    flagged = START + 20 * DAY
    taper = CLONAZEPAM.replace(checkins=(CheckIn(flagged, red_flags=("seizures",)),))
    row = _row(taper, flagged + 3 * DAY)
    assert row.paused and row.next_change is None
    assert row.review is not None and row.review.date == flagged and row.review_overdue
    assert [error.rule for error in row.errors] == ["red-flag"]
    assert row.needs_attention_within(0)


def test_resumed_after_a_red_flag_is_no_longer_paused() -> None:
    flagged = START + 20 * DAY
    taper = CLONAZEPAM.replace(
        checkins=(
            CheckIn(flagged, red_flags=("seizures",)),
            CheckIn(flagged + 5 * DAY, action=FollowUpAction.HOLD, hold_days=14),
        )
    )
    row = _row(taper, flagged + 6 * DAY)
    # Its pace may still be an error (1.5 mg clonazepam is a high dose, JCPG 2025 Table 2),
    # but no longer the red flag's.
    assert not row.paused and "red-flag" not in [error.rule for error in row.errors]
    assert row.next_change is not None and row.next_change[0] > flagged + 5 * DAY


def test_stopped_and_reviewed_needs_nothing() -> None:
    # 0.5 mg/day is not a high dose (10 mg diazepam equivalent, JCPG 2025 Table 2), so its
    # pace carries no error finding, which would always need attention.
    low_dose = CLONAZEPAM.replace(regimen=Regimen(night_mg=0.5))
    schedule = plan(low_dose)
    stop = schedule.steps[-1].start
    taper = low_dose.replace(checkins=(CheckIn(stop + 8 * DAY),))
    row = _row(taper, stop + 30 * DAY)
    assert row.step_text == "stopped"
    assert row.today_mg == {}
    assert row.percent_of_start == 0
    assert row.review is None and row.next_change is None
    assert not row.needs_attention_within(28)


def test_next_review_of_a_digest_round_trips_through_its_encoding() -> None:
    from planner.caseload.digest import PlanDigest

    digest = digest_of(plan(CLONAZEPAM.replace(switch_to="diazepam")))
    again = PlanDigest.decode(digest.encode())
    assert again == digest
    assert next_review(again, START) == next_review(digest, START)

"""Checks that keep a plan inside planner.limits, so that every accepted plan saves and reloads."""

from __future__ import annotations

from planner.errors import PlanError
from planner.limits import (
    EARLIEST_DATE,
    MAX_BANDS,
    MAX_LIST_ENTRIES,
    MAX_TEXT_CHARS,
)
from planner.model import TaperPlan


def _storable(text: str) -> bool:
    # A lone surrogate (from a badly encoded command line) cannot be written as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_patient(plan: TaperPlan) -> None:
    """Refuse a patient name or prescriber too long to print, or an impossible date of birth.

    Raises:
        PlanError: at field ``patient``.
    """
    patient = plan.patient
    for what, text in (("patient name", patient.name), ("prescriber", patient.prescriber)):
        if len(text) > MAX_TEXT_CHARS:
            raise PlanError(
                f"The {what} is {len(text)} characters long; at most {MAX_TEXT_CHARS} are allowed",
                field="patient",
            )
        if not _storable(text):
            raise PlanError(
                f"The {what} holds a character that cannot be saved (a broken character)",
                field="patient",
            )
    birth = plan.patient.date_of_birth
    # Born after the plan starts is impossible; the safer reading is a typing error.
    if birth is not None and not EARLIEST_DATE <= birth <= plan.start:
        raise PlanError(
            f"The date of birth must be between {EARLIEST_DATE} and the plan's start "
            f"({plan.start}); got {birth}",
            field="patient",
        )


def check_lists(plan: TaperPlan) -> None:
    """Refuse too many bands, repeated factors, and check-ins that repeat a symptom or flag.

    A plan file keeps symptoms by name, so a repeated one would not come back as saved.

    Raises:
        PlanError: naming the field and the limit.
    """
    if len(plan.bands) > MAX_BANDS:
        raise PlanError(
            f"A banded plan may have at most {MAX_BANDS} bands; got {len(plan.bands)}",
            field="bands",
        )
    if len(set(plan.factors)) != len(plan.factors) or len(plan.factors) > MAX_LIST_ENTRIES:
        raise PlanError("Each patient factor may be given once", field="factors")
    for checkin in plan.checkins:
        names = [symptom for symptom, _ in checkin.symptoms]
        if len(set(names)) != len(names):
            raise PlanError(
                f"The check-in on {checkin.date} names a symptom twice", field="checkins"
            )
        flags = checkin.red_flags
        if len(set(flags)) != len(flags) or len(flags) > MAX_LIST_ENTRIES:
            raise PlanError(
                f"The check-in on {checkin.date} names a red flag twice", field="checkins"
            )

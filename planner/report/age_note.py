"""Whether "Age 65 or over" follows the date of birth, in words for the handout."""

from __future__ import annotations

import datetime as dt

from planner.model import PatientFactor, TaperPlan

OLDER_ADULT_YEARS = 65


def age_years(birth: dt.date, on: dt.date) -> int:
    """Completed years of age on ``on`` for someone born on ``birth``."""
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - int(before_birthday)


def age_note(plan: TaperPlan, today: dt.date) -> str:
    """Say whether the age factor was applied and how it relates to the date of birth.

    Returns:
        "" when no date of birth is given and the factor is not ticked; otherwise one
        sentence, so the handout shows whether the prescriber overrode the date of birth.
    """
    ticked = str(PatientFactor.AGE_65_PLUS) in plan.factors
    birth = plan.patient.date_of_birth
    if birth is None:
        return "Age 65 or over: applied (no date of birth given)." if ticked else ""
    age = age_years(birth, today)
    older = age >= OLDER_ADULT_YEARS
    if ticked and older:
        return f"Age 65 or over: applied (age {age} from the date of birth)."
    if ticked:
        return f"Age 65 or over: applied by the prescriber (the date of birth gives age {age})."
    if older:
        return (
            "Age 65 or over: not applied, by the prescriber's choice, although the date of "
            f"birth gives age {age}."
        )
    return ""

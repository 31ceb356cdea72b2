"""Text forms clinicians type: 'morning=0.5,night=1', '20=4,10=2/7,0=0.5', '1.25,1:7,0'."""

from __future__ import annotations

import math
import re

from planner.errors import PlanError
from planner.model import TIMES_OF_DAY, Band, CustomStep, Regimen

# Plain decimal numbers in ASCII digits: float() would also take "١٠", "1_0" and "nan".
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_WHOLE = re.compile(r"[+-]?\d+")


def ascii_float(text: str) -> float:
    """A decimal number written with the digits 0-9 (e.g. "0.5", "1e-3").

    Raises:
        ValueError: for anything else, including other scripts' digits and "inf".
    """
    stripped = text.strip()
    if not stripped.isascii() or not _DECIMAL.fullmatch(stripped):
        raise ValueError(f"not a number: {text!r}")
    return float(stripped)


def ascii_int(text: str) -> int:
    """A whole number written with the digits 0-9, at most 12 of them.

    Raises:
        ValueError: for anything else.
    """
    stripped = text.strip()
    if not stripped.isascii() or not _WHOLE.fullmatch(stripped) or len(stripped) > 12:
        raise ValueError(f"not a whole number: {text!r}")
    return int(stripped)


def _mg(text: str, what: str, field: str) -> float:
    try:
        value = ascii_float(text)
    except ValueError:
        raise PlanError(
            f"{what} must be a number of mg (digits 0-9); got '{text}'", field=field
        ) from None
    if not math.isfinite(value):
        raise PlanError(f"{what} must be a finite number of mg; got '{text}'", field=field)
    return value


def _days(text: str, part: str, what: str, field: str) -> int:
    try:
        return ascii_int(text)
    except ValueError:
        raise PlanError(
            f"{what}: '{text}' in '{part}' is not a whole number of days", field=field
        ) from None


def _parts(text: str) -> list[str]:
    return [piece.strip() for piece in text.split(",") if piece.strip()]


def parse_regimen(text: str) -> Regimen:
    """'morning=0.5,night=1' → Regimen; times of day must be named.

    Raises:
        PlanError: naming the allowed times of day and the expected form.
    """
    doses: dict[str, float] = {}
    for part in _parts(text):
        time, sep, amount = part.partition("=")
        time = time.strip().lower()
        if not sep or time not in TIMES_OF_DAY:
            raise PlanError(
                f"Regimen: '{part}' is not TIME=MG; times are {', '.join(TIMES_OF_DAY)} "
                '(e.g. "morning=0.5,night=1")',
                field="regimen",
            )
        if time in doses:
            raise PlanError(f"Regimen: {time} is given twice", field="regimen")
        doses[time] = _mg(amount.strip(), f"The {time} dose", f"regimen.{time}")
    if not doses:
        raise PlanError(
            'The regimen is empty; give mg per time of day, e.g. "morning=0.5,night=1"',
            field="regimen",
        )
    return Regimen.from_times(doses)


def parse_bands(text: str) -> tuple[Band, ...]:
    """'20=4,10=2,5=1,0=0.5' (optionally 'ABOVE=CUT/DAYS') → bands.

    Raises:
        PlanError: for a part that is not ABOVE=CUT or ABOVE=CUT/DAYS.
    """
    bands = []
    for part in _parts(text):
        above, sep, rest = part.partition("=")
        cut, slash, days = rest.partition("/")
        if not sep:
            raise PlanError(
                f"Bands: '{part}' is not ABOVE=CUT (mg), e.g. \"20=4,10=2,5=1,0=0.5\"; "
                "an interval may follow as ABOVE=CUT/DAYS",
                field="bands",
            )
        interval = _days(days, part, "Bands", "bands") if slash else None
        bands.append(
            Band(_mg(above, "A band's edge", "bands"), _mg(cut, "A band's cut", "bands"), interval)
        )
    return tuple(bands)


def parse_custom_steps(text: str) -> tuple[CustomStep, ...]:
    """'1.25,1:7,0.5,0' (daily mg, optionally ':DAYS') → custom steps.

    Raises:
        PlanError: for a part that is not MG or MG:DAYS.
    """
    steps = []
    for part in _parts(text):
        amount, sep, days = part.partition(":")
        length = _days(days, part, "Custom steps", "custom_steps") if sep else None
        steps.append(CustomStep(_mg(amount, "A custom step", "custom_steps"), length))
    return tuple(steps)

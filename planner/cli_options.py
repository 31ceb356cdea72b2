"""The command line's options: the `plan` options, typed values, and one-line usage errors."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import NoReturn

from planner.catalogue import devices
from planner.defaults import DEFAULT_PLAN
from planner.messages import shorten
from planner.model import TIMES_OF_DAY, Equivalence, Method, PatientFactor
from planner.parse import ascii_float, ascii_int
from planner.validate import RISK_LEVELS


class UsageError(Exception):
    """Bad command-line input: one line for the user, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line instead of usage plus message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def date_option(text: str) -> dt.date:
    """An option's date, YYYY-MM-DD; anything else is refused in one line."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{shorten(text)}' is not a date; use YYYY-MM-DD, e.g. 2027-01-04"
        ) from None


def _number(text: str) -> float:
    try:
        return ascii_float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{shorten(text)}' is not a number; use the digits 0-9, e.g. 10 or 0.5"
        ) from None


def _whole(text: str) -> int:
    try:
        return ascii_int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{shorten(text)}' is not a whole number; use the digits 0-9, e.g. 14"
        ) from None


# Options that name a file to write or read: an empty name is refused before anything runs.
_PATH_OPTIONS = {
    "save": "--save",
    "csv": "--csv",
    "pdf": "--pdf",
    "ics": "--ics",
    "text": "--text",
    "fhir": "--fhir",
}


def check_paths(args: argparse.Namespace) -> None:
    """Refuse an empty file name given to any option that names a file, or as PLAN_FILE.

    Raises:
        UsageError: naming the option.
    """
    for attribute, option in (*_PATH_OPTIONS.items(), ("plan_file", "PLAN_FILE")):
        value = getattr(args, attribute, None)
        if value is not None and not value.strip():
            raise UsageError(f"{option}: the file name is empty; give a file name")


def add_plan_options(parser: argparse.ArgumentParser) -> None:
    """The options of `plan` (and of `revise`, which changes a saved plan with them)."""
    add = parser.add_argument
    add("--drug", default=DEFAULT_PLAN.drug, help=f"drug to taper (default {DEFAULT_PLAN.drug})")
    add("--regimen", required=True, help='mg per time of day, e.g. "morning=0.5,night=1"')
    add("--method", choices=[m.value for m in Method], default=DEFAULT_PLAN.method.value)
    add("--percent", type=_number, help="percent per step (hyperbolic: occupancy points per step)")
    add("--amount-mg", type=_number, help="fixed method: mg/day cut per step")
    add("--bands", help='banded cuts, e.g. "20=4,10=2,5=1,0=0.5" (ABOVE=CUT[/DAYS])')
    add("--final-percent", type=_number, help="percent-original: smaller final steps (percent)")
    add("--slow-below-mg", type=_number, help="percent-current: slower below this mg/day")
    add("--slow-percent", type=_number, help="percent-current: percent below the threshold")
    add(
        "--emax-percent",
        type=_number,
        default=DEFAULT_PLAN.emax_percent,
        help="hyperbolic: assumed Emax (percent)",
    )
    add("--ed50-mg", type=_number, help="hyperbolic: assumed ED50 in mg/day")
    add("--steps", help='custom method: daily mg per step, e.g. "1.25,1:7,0.5,0"')
    add(
        "--interval-days",
        type=_whole,
        default=DEFAULT_PLAN.interval_days,
        help=f"days between cuts (default {DEFAULT_PLAN.interval_days})",
    )
    add("--start", type=date_option, default=None, help="date of the first change (default today)")
    add("--region", choices=["uk", "us"], default=DEFAULT_PLAN.region)
    add(
        "--formulation",
        default=DEFAULT_PLAN.formulation,
        help="as catalogued: tablet, liquid, …; several joined by +, e.g. tablet+liquid",
    )
    add("--device", choices=list(devices()), help="measuring device for the liquid")
    add("--split", help='pieces per tablet strength, e.g. "5=2,10=2" or "diazepam:5=2"')
    add("--stock", help='the only strengths to dispense, e.g. "2" or "diazepam:2"')
    add("--compounded", type=_number, metavar="STEP_MG", help="pharmacy-made doses in multiples")
    add(
        "--maintenance-mg",
        type=_number,
        default=DEFAULT_PLAN.maintenance_mg,
        help="end at this mg/day instead of 0",
    )
    add(
        "--stabilise-days",
        type=_whole,
        default=DEFAULT_PLAN.stabilise_days,
        help="hold today's dose this many days first",
    )
    add(
        "--reduce-first",
        choices=list(TIMES_OF_DAY),
        help="reduce this time of day first (default: keep doses even, remainder at night)",
    )
    add(
        "--equivalence",
        choices=[e.value for e in Equivalence],
        default=DEFAULT_PLAN.equivalence.value,
    )
    add("--switch-to", choices=["diazepam"], help="switch to diazepam before tapering")
    add(
        "--switch-step-days",
        type=_whole,
        default=DEFAULT_PLAN.switch_step_days,
        help="length of each substitution step",
    )
    add(
        "--switch-formulation",
        default=DEFAULT_PLAN.switch_formulation,
        help="diazepam formulation for the switch",
    )
    add(
        "--factor",
        action="append",
        default=[],
        choices=[f.value for f in PatientFactor],
        help="a patient factor (repeatable); adjusts the checks and cautions",
    )
    add(
        "--risk",
        choices=list(RISK_LEVELS),
        help="withdrawal risk for the first-cut check (default: from the factors)",
    )
    add("--patient", default="", help="patient name or identifier (kept in --save files)")
    add("--dob", type=date_option, default=None, help="patient's date of birth, YYYY-MM-DD")
    add("--prescriber", default="", help="prescriber's name")
    add("--format", choices=["text", "json", "csv"], default="text")
    add("--save", metavar="PLAN_FILE", help="also save the plan to a .taper.json file")

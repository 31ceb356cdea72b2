"""The follow-up commands: `show`, `checkin` and `revise` a saved plan (DESIGN.md)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any, TextIO

from planner import guidance
from planner.cli_options import date_option
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files import history_formats, planfile
from planner.followup.history import is_paused, record_change, record_checkin
from planner.model import CheckIn, Equivalence, FollowUpAction, Method, Schedule, TaperPlan
from planner.parse import parse_bands, parse_custom_steps

COMMANDS = ("show", "checkin", "revise")
FORMATS = ("text", "json", "csv")

# `plan` options `revise` takes, each with the plan field it sets and how to read it.
_SETTINGS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "method": ("method", Method),
    "percent": ("reduction_percent", float),
    "amount_mg": ("amount_mg", float),
    "bands": ("bands", parse_bands),
    "final_percent": ("final_percent", float),
    "slow_below_mg": ("slow_below_mg", float),
    "slow_percent": ("slow_percent", float),
    "emax_percent": ("emax_percent", float),
    "ed50_mg": ("ed50_mg", float),
    "steps": ("custom_steps", parse_custom_steps),
    "interval_days": ("interval_days", int),
    "region": ("region", str),
    "formulation": ("formulation", lambda text: text.strip().lower()),
    "maintenance_mg": ("maintenance_mg", float),
    "reduce_first": ("reduce_first", str),
    "equivalence": ("equivalence", Equivalence),
    "switch_to": ("switch_to", str),
    "switch_step_days": ("switch_step_days", int),
    "switch_formulation": ("switch_formulation", lambda text: text.strip().lower()),
    "factor": ("factors", lambda names: tuple(dict.fromkeys(names))),
    "risk": ("withdrawal_risk", str),
}
# `plan` options that describe what was taken from the start: a revision cannot change them.
_REFUSED = {
    "drug": "--drug",
    "regimen": "--regimen",
    "start": "--start",
    "stabilise_days": "--stabilise-days",
    "save": "--save",
}


def add_commands(
    commands: Any, add_plan_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add `show`, `checkin` and `revise` to the command line's sub-commands.

    Args:
        commands: the sub-parsers of the `taper-planner` parser.
        add_plan_options: adds the `plan` command's options to a parser.
    """
    show = commands.add_parser("show", help="print a saved plan as revised, with its history")
    show.add_argument("plan_file", metavar="PLAN_FILE")
    show.add_argument("--format", choices=FORMATS, default="text")
    checkin = commands.add_parser("checkin", help="record a check-in and print the plan")
    checkin.add_argument("plan_file", metavar="PLAN_FILE")
    checkin.add_argument("--date", type=date_option, required=True, help="the visit, YYYY-MM-DD")
    checkin.add_argument(
        "--symptom", action="append", default=[], metavar="NAME=0..3", help="repeatable"
    )
    checkin.add_argument(
        "--red-flag",
        action="append",
        default=[],
        choices=[item.id for item in guidance.red_flags()],
        help="a red flag reported (repeatable): pauses the taper for urgent review",
    )
    checkin.add_argument(
        "--decision", required=True, choices=[action.value for action in FollowUpAction]
    )
    checkin.add_argument("--hold-days", type=int, default=14, help="days to hold (default 14)")
    checkin.add_argument("--note", default="", help="the clinician's note")
    checkin.add_argument("--format", choices=FORMATS, default="text")
    revise = commands.add_parser("revise", help="change a saved plan from a date on")
    revise.add_argument("plan_file", metavar="PLAN_FILE")
    revise.add_argument(
        "--from", dest="from_date", type=date_option, required=True, help="the first day it applies"
    )
    add_plan_options(revise)
    for action in revise._actions:
        # Only the options given change the plan: no defaults, none required.
        if action.dest not in ("help", "plan_file", "from_date"):
            action.default = argparse.SUPPRESS
            action.required = False


def run(args: argparse.Namespace, today: dt.date, out: TextIO) -> None:
    """Run a follow-up command: load, revise, validate, save atomically, then print.

    Raises:
        PlanError: for bad input or a revision the record refuses; nothing is written.
    """
    current = planfile.load_plan(args.plan_file)
    if args.command == "show":
        out.write(_render(make_schedule(current), args.format))
        return
    if args.command == "checkin":
        revised = record_checkin(
            current,
            _checkin(args),
            today,
            is_paused(make_schedule(current, verify_fixes=False).findings),
        )
    else:
        revised = _revise(current, args, today)
    schedule = make_schedule(revised)
    text = _render(schedule, getattr(args, "format", "text"))
    planfile.save_plan(revised, args.plan_file)
    out.write(text)


def _render(schedule: Schedule, kind: str) -> str:
    if kind == "json":
        return history_formats.to_json(schedule)
    if kind == "csv":
        return history_formats.to_csv(schedule)
    return history_formats.to_text(schedule)


def _checkin(args: argparse.Namespace) -> CheckIn:
    known = {item.id for item in guidance.withdrawal_symptoms()}
    symptoms: dict[str, int] = {}
    for text in args.symptom:
        name, _, severity = text.partition("=")
        name = name.strip()
        if name not in known:
            raise PlanError(
                f"--symptom: unknown symptom '{name}'; allowed: {', '.join(sorted(known))}"
            )
        if severity.strip() not in ("0", "1", "2", "3"):
            raise PlanError(f"--symptom {name}: the severity must be 0, 1, 2 or 3 (NAME=0..3)")
        symptoms[name] = int(severity)
    return CheckIn(
        date=args.date,
        symptoms=tuple(symptoms.items()),
        red_flags=tuple(dict.fromkeys(args.red_flag)),
        action=FollowUpAction(args.decision),
        hold_days=args.hold_days,
        note=args.note,
    )


def _revise(current: TaperPlan, args: argparse.Namespace, today: dt.date) -> TaperPlan:
    given = vars(args)
    for key, option in _REFUSED.items():
        if key in given:
            raise PlanError(
                f"revise cannot change {option}: the drug, starting dose, start and "
                "stabilisation are what was taken (revise saves to PLAN_FILE itself)"
            )
    changes: dict[str, object] = {}
    for key, (field, read) in _SETTINGS.items():
        if key in given and given[key] is not None:
            changes[field] = read(given[key])
    method = changes.get("method")
    if method is not None and method != current.method and "reduction_percent" not in changes:
        changes["reduction_percent"] = 5.0 if method is Method.HYPERBOLIC else 10.0
    patient = current.patient
    if "patient" in given:
        patient = dataclasses.replace(patient, name=given["patient"])
    if "dob" in given:
        patient = dataclasses.replace(patient, date_of_birth=given["dob"])
    if "prescriber" in given:
        patient = dataclasses.replace(patient, prescriber=given["prescriber"])
    if not changes and patient == current.patient:
        raise PlanError("revise needs at least one `plan` option to change (e.g. --interval-days)")
    edited = current.replace(patient=patient, **changes)
    return record_change(current, edited, args.from_date, today)

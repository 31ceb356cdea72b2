"""The command line: `plan` prints a schedule, `export` writes a saved plan to a file.

`show`, `checkin` and `revise` (a saved plan's follow-up) live in planner/cli_followup.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from planner import cli_followup
from planner.caseload import command as caseload_command
from planner.cli_options import (
    UsageError,
    _Parser,
    _whole,
    add_plan_options,
    check_paths,
)
from planner.defaults import default_reduction_percent
from planner.dosing import daily
from planner.dosing.product_text import parse_splits, parse_stock
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files import formats, planfile
from planner.files.atomic import write_atomic
from planner.files.letter_file import write_letter
from planner.messages import for_people
from planner.model import (
    TIMES_OF_DAY,
    Equivalence,
    Method,
    Patient,
    Schedule,
    TaperPlan,
)
from planner.parse import parse_bands, parse_custom_steps, parse_regimen
from planner.report.pharmacy import PERIOD_CHOICES
from planner.report.words import errors_summary

EXIT_BAD_INPUT = 2
PROG = "taper-planner"


@dataclasses.dataclass(frozen=True)
class PdfRequest:
    """What `export --pdf` asks for, passed to the PDF writer (which lives in ui/)."""

    pharmacy_only: bool = False
    one_page: bool = False
    month_calendar: bool = False
    all_days: bool = False  # the day-by-day calendar of every day, not the next 8 weeks
    with_pharmacy: bool = False
    with_calendar: bool = True
    period_days: int = 28
    paper: str | None = None  # "a4" or "letter"; None: by region


# Writes a schedule as a PDF; provided by the caller, since drawing needs Qt.
PdfWriter = Callable[[Schedule, Path, PdfRequest], None]


def build_parser() -> argparse.ArgumentParser:
    """The parser for `plan`, `export` and the follow-up commands."""
    parser = _Parser(prog=PROG, description="Plan a supervised benzodiazepine taper.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    plan_parser = commands.add_parser("plan", help="print a schedule")
    add_plan_options(plan_parser)
    export = commands.add_parser("export", help="write a saved plan as PDF, CSV or iCalendar")
    export.add_argument("plan_file", metavar="PLAN_FILE")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", metavar="OUT.pdf", help="the patient handout (or --pharmacy)")
    target.add_argument("--csv", metavar="OUT.csv", help="one row per step (or --daily)")
    target.add_argument("--ics", metavar="OUT.ics", help="an all-day event at each dose change")
    target.add_argument(
        "--fhir", metavar="OUT.json", help="an HL7 FHIR R4 Bundle for the health record"
    )
    target.add_argument("--text", metavar="OUT.txt", help="the plan in words for a letter")
    pdf = export.add_argument_group("PDF")
    document = pdf.add_mutually_exclusive_group()
    document.add_argument("--pharmacy", action="store_true", help="the pharmacy summary instead")
    document.add_argument(
        "--one-page", action="store_true", help="a one-page summary for the patient instead"
    )
    document.add_argument(
        "--month-calendar", action="store_true", help="a month-grid calendar instead"
    )
    pdf.add_argument(
        "--all-days", action="store_true", help="day-by-day calendar of every day (default 8 weeks)"
    )
    pdf.add_argument(
        "--with-pharmacy", action="store_true", help="add the pharmacy summary to the handout"
    )
    pdf.add_argument("--no-calendar", action="store_true", help="leave out the tick-box calendar")
    pdf.add_argument(
        "--period-days",
        type=_whole,
        choices=PERIOD_CHOICES,
        default=28,
        help="dispensing period for the pharmacy summary (default 28)",
    )
    pdf.add_argument("--paper", choices=["a4", "letter"], help="default: Letter in the US, else A4")
    export.add_argument(
        "--allow-errors",
        action="store_true",
        help="export even a plan with error findings (refused without it)",
    )
    export.add_argument("--daily", action="store_true", help="CSV: one row per day")
    export.add_argument(
        "--reminders", action="store_true", help="iCalendar: a daily reminder per dose time"
    )
    export.add_argument(
        "--reminder-times",
        metavar='"morning=08:00,night=22:00"',
        help="iCalendar: reminder times (default 08:00, 13:00, 18:00, 22:00)",
    )
    caseload_command.add_parser(commands)
    cli_followup.add_commands(commands, add_plan_options)
    return parser


def parse_reminder_times(text: str) -> dict[str, dt.time]:
    """'morning=08:00,night=22:00' → times of day; the others keep their defaults.

    Raises:
        UsageError: for a part that is not TIME=HH:MM.
    """
    times: dict[str, dt.time] = {}
    for part in (piece.strip() for piece in text.split(",") if piece.strip()):
        name, _, clock = part.partition("=")
        try:
            if name.strip() not in TIMES_OF_DAY:
                raise ValueError
            times[name.strip()] = dt.time.fromisoformat(clock.strip())
        except ValueError:
            raise UsageError(
                f"--reminder-times: '{part}' is not TIME=HH:MM with a time of day "
                f"({', '.join(TIMES_OF_DAY)})"
            ) from None
    return times


def plan_from_args(args: argparse.Namespace, today: dt.date) -> TaperPlan:
    """Build a TaperPlan from parsed `plan` options.

    Raises:
        UsageError: when an option needed by the method is missing or malformed.
    """
    method = Method(args.method)
    default_percent = default_reduction_percent(method)
    if method in (Method.FIXED,) and args.amount_mg is None:
        raise UsageError("--method fixed needs --amount-mg (mg/day cut per step)")
    if method is Method.BANDS and not args.bands:
        raise UsageError('--method bands needs --bands, e.g. "20=4,10=2,5=1,0=0.5"')
    if method is Method.CUSTOM and not args.steps:
        raise UsageError('--method custom needs --steps, e.g. "1.25,1,0.75,0.5,0.25,0"')
    plan = TaperPlan(
        drug=args.drug.strip().lower(),
        region=args.region,
        formulation=args.formulation.strip().lower(),
        regimen=parse_regimen(args.regimen),
        method=method,
        reduction_percent=args.percent if args.percent is not None else default_percent,
        slow_below_mg=args.slow_below_mg,
        slow_percent=args.slow_percent,
        final_percent=args.final_percent,
        amount_mg=args.amount_mg,
        bands=parse_bands(args.bands) if args.bands else (),
        emax_percent=args.emax_percent,
        ed50_mg=args.ed50_mg,
        custom_steps=parse_custom_steps(args.steps) if args.steps else (),
        interval_days=args.interval_days,
        start=args.start or today,
        maintenance_mg=args.maintenance_mg,
        stabilise_days=args.stabilise_days,
        reduce_first=args.reduce_first,
        equivalence=Equivalence(args.equivalence),
        switch_to=args.switch_to,
        switch_step_days=args.switch_step_days,
        switch_formulation=args.switch_formulation.strip().lower(),
        patient=Patient(args.patient, args.dob, args.prescriber),
        factors=tuple(dict.fromkeys(args.factor)),
        withdrawal_risk=args.risk,
    )
    return _with_products(plan, args)


def _with_products(plan: TaperPlan, args: argparse.Namespace) -> TaperPlan:
    """The plan with --device, --split, --stock and --compounded applied."""
    drugs = (plan.drug, args.switch_to) if args.switch_to else (plan.drug,)
    return plan.replace(
        device=args.device,
        splits=parse_splits(args.split, plan.drug, drugs) if args.split is not None else (),
        stock=parse_stock(args.stock, plan.drug, drugs) if args.stock is not None else (),
        compounded_step_mg=args.compounded,
    )


def _render(schedule: Schedule, kind: str) -> str:
    if kind == "json":
        return formats.to_json(schedule)
    if kind == "csv":
        return formats.to_csv(schedule)
    return formats.to_text(schedule)


def _cannot_write(path: object, error: OSError) -> str:
    return f"Cannot write {path}: {error.strerror}" if error.strerror else str(error)


def _write(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        write_atomic(path, data)  # beside the target, checked, renamed: never half a file
    except OSError as error:
        raise PlanError(_cannot_write(path, error), field="file") from error


def _write_fhir(schedule: Schedule, path: Path) -> None:
    from planner.files import fhir  # the FHIR library is only needed here

    content = fhir.to_fhir_json(schedule).encode("utf-8")
    try:
        write_atomic(path, content)
    except OSError as error:
        raise PlanError(_cannot_write(path, error), field="file") from error


def run_export(args: argparse.Namespace, pdf_writer: PdfWriter | None) -> None:
    """Write a saved plan to PDF, CSV or iCalendar."""
    reminder_times = parse_reminder_times(args.reminder_times) if args.reminder_times else None
    schedule = make_schedule(planfile.load_plan(args.plan_file))
    errors = errors_summary(schedule, limit=1)
    if errors and not args.allow_errors:
        # A plan with errors goes to a patient only when the prescriber says so.
        raise UsageError(
            f"{errors}. Nothing written: correct the plan, or pass --allow-errors to export it "
            "anyway"
        )
    if args.csv:
        _write(
            Path(args.csv), daily.to_daily_csv(schedule) if args.daily else formats.to_csv(schedule)
        )
    elif args.text:
        try:
            write_letter(schedule, args.text)
        except OSError as error:
            raise PlanError(_cannot_write(args.text, error), field="file") from error
    elif args.ics:
        from planner.files import calendar  # the iCalendar library is only needed here

        _write(Path(args.ics), calendar.to_ics(schedule, args.reminders, reminder_times))
    elif args.fhir:
        _write_fhir(schedule, Path(args.fhir))
    else:
        if pdf_writer is None:
            raise PlanError("PDF export needs the Qt components (PySide6) installed")
        request = PdfRequest(
            pharmacy_only=args.pharmacy,
            one_page=args.one_page,
            month_calendar=args.month_calendar,
            all_days=args.all_days,
            with_pharmacy=args.with_pharmacy,
            with_calendar=not args.no_calendar,
            period_days=args.period_days,
            paper=args.paper,
        )
        try:
            pdf_writer(schedule, Path(args.pdf), request)
        except OSError as error:
            raise PlanError(_cannot_write(args.pdf, error), field="file") from error


def main(
    argv: Sequence[str],
    pdf_writer: PdfWriter | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: dt.date | None = None,
) -> int:
    """Run `plan` or `export`; return the exit status (2 for bad input)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = build_parser().parse_args(list(argv))
        check_paths(args)
        if args.command == "plan":
            plan = plan_from_args(args, today or dt.date.today())
            schedule = make_schedule(plan)
            text = _render(schedule, args.format)
            if args.save:
                planfile.save_plan(plan, args.save)
            out.write(text)
        elif args.command == "caseload":
            caseload_command.run(args, out, today or dt.date.today())
        elif args.command in cli_followup.COMMANDS:
            cli_followup.run(args, today or dt.date.today(), out)
        else:
            run_export(args, pdf_writer)
    except (UsageError, PlanError) as error:
        err.write(f"{PROG}: error: {for_people(str(error))}\n")
        return EXIT_BAD_INPUT
    return 0

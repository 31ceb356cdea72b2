"""`taper-planner caseload FOLDER [--due-within N] [--format text|json|csv]`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from planner.caseload import output
from planner.caseload.index import CaseloadIndex
from planner.caseload.locks import open_by
from planner.caseload.storage import app_data_dir
from planner.errors import PlanError

MAX_DUE_WITHIN_DAYS = 365


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `caseload` command to the command line's sub-commands."""
    parser = commands.add_parser("caseload", help="every plan in a folder at a glance")
    parser.add_argument("folder", metavar="FOLDER", help="a folder of .taper.json plan files")
    parser.add_argument(
        "--due-within",
        type=int,
        metavar="N",
        help="only plans with a dose change or review within N days (overdue included), "
        "and every paused, erroneous or unreadable one",
    )
    parser.add_argument("--format", choices=["text", "json", "csv"], default="text")


def run(
    args: argparse.Namespace, out: TextIO, today: dt.date, data_folder: Path | None = None
) -> None:
    """Print the caseload of ``args.folder`` as of ``today``.

    Args:
        args: the parsed `caseload` options.
        out: where to print.
        today: the day the caseload is read.
        data_folder: where the index lives (default: the app-data folder).

    Raises:
        PlanError: for a folder that is not one, or a bad --due-within.
    """
    within = args.due_within
    if within is not None and not 0 <= within <= MAX_DUE_WITHIN_DAYS:
        raise PlanError(
            f"--due-within must be a number of days from 0 to {MAX_DUE_WITHIN_DAYS}; got {within}",
            field="due_within",
        )
    folder = Path(args.folder)
    if not folder.is_dir():
        raise PlanError(f"{folder} is not a folder; give the folder that holds the plan files")
    index = CaseloadIndex(data_folder if data_folder is not None else app_data_dir())
    try:
        entries = index.refresh(folder)
    finally:
        index.close()
    holders = open_by(folder)
    rows = [entry.row(today, holders.get(entry.name, "")) for entry in entries]
    if within is not None:
        rows = [row for row in rows if row.needs_attention_within(within)]
    if args.format == "json":
        out.write(output.to_json(rows))
    elif args.format == "csv":
        out.write(output.to_csv(rows))
    else:
        scope = f", due within {within} days" if within is not None else ""
        heading = f"Caseload {folder.resolve()} on {today.isoformat()}: {len(rows)} plans{scope}"
        out.write(output.to_text(rows, heading))

"""Taper Planner: starts the desktop app, or runs the `plan` and `export` commands."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.cli import PdfRequest
    from planner.model import Schedule

COMMANDS = ("plan", "export", "show", "checkin", "revise", "caseload")


def _write_pdf(schedule: Schedule, path: Path, request: PdfRequest) -> None:
    # Qt is imported only when a PDF is asked for, so `plan` stays fast and display-free.
    from planner.report.options import (
        DEFAULT_CALENDAR_WEEKS,
        Document,
        HandoutOptions,
        PaperSize,
    )
    from ui.printing.handout import write_pdf

    document = Document.HANDOUT
    if request.pharmacy_only:
        document = Document.PHARMACY
    elif request.one_page:
        document = Document.ONE_PAGE
    elif request.month_calendar:
        document = Document.MONTH_CALENDAR
    options = HandoutOptions(
        document=document,
        calendar_weeks=None if request.all_days else DEFAULT_CALENDAR_WEEKS,
        include_pharmacy=request.with_pharmacy,
        include_calendar=request.with_calendar,
        period_days=request.period_days,
        paper=PaperSize(request.paper) if request.paper else None,
    )
    write_pdf(schedule, path, options)


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point: `plan`/`export` on the command line, otherwise the window."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        from planner.cli import main as cli_main

        return cli_main(args, pdf_writer=_write_pdf)
    from ui.window.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(run())

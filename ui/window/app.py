"""Starts the desktop app: options, QApplication, the window, or a screenshot of it."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from planner import __version__
from planner.files.atomic import write_atomic_with
from planner.model import (
    CheckIn,
    FollowUpAction,
    Method,
    Patient,
    PatientFactor,
    Regimen,
    TaperPlan,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.window.collector_pause import CollectorPause
    from ui.window.error_report import ErrorReporter
    from ui.window.main_window import MainWindow
    from ui.window.recovery import Autosaver, RecoveryStore

EXIT_BAD_ARGS = 2
SCREENSHOT_SIZE = (1366, 768)
# The demo plan started this many days ago, so its check-in is in the past.
DEMO_DAYS_UNDER_WAY = 28


@dataclasses.dataclass(frozen=True)
class Safety:
    """What keeps work safe while the window is open."""

    store: RecoveryStore
    autosaver: Autosaver
    reporter: ErrorReporter


class _ArgumentError(Exception):
    """Bad command-line options for the window."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _ArgumentError(message)


def build_parser() -> argparse.ArgumentParser:
    """The window's own options."""
    parser = _Parser(prog="taper-planner", description="The Taper Planner window.")
    parser.add_argument("plan_file", nargs="?", type=Path, help="a *.taper.json plan to open")
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE.png", help="save the window as a PNG and exit"
    )
    parser.add_argument("--demo", action="store_true", help="open a sample plan")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--caseload", type=Path, metavar="FOLDER", help="also open the caseload of a folder"
    )
    return parser


def demo_plan(today: dt.date) -> TaperPlan:
    """A sample plan under way: clonazepam 0.5 mg morning + 1 mg night, UK oral solution.

    It cuts 10% a fortnight since four weeks ago, for a patient of 65 or over, and has
    one check-in three days ago (insomnia, so the dose is held for two weeks).
    """
    return TaperPlan(
        drug="clonazepam",
        region="uk",
        formulation="liquid",
        regimen=Regimen(morning_mg=0.5, night_mg=1.0),
        method=Method.PERCENT_CURRENT,
        reduction_percent=10.0,
        slow_below_mg=0.5,
        slow_percent=5.0,
        interval_days=14,
        start=today - dt.timedelta(days=DEMO_DAYS_UNDER_WAY),
        patient=Patient(name="Demo patient", prescriber="Dr A. Example"),
        factors=(PatientFactor.AGE_65_PLUS.value, PatientFactor.USE_OVER_4_WEEKS.value),
        checkins=(
            CheckIn(
                date=today - dt.timedelta(days=3),
                symptoms=(("insomnia", 2), ("anxiety", 1)),
                action=FollowUpAction.HOLD,
                hold_days=14,
                note="Sleeping badly since the last cut.",
            ),
        ),
    )


def main(args: list[str]) -> int:
    """Run the window (or save a screenshot of it) and return the exit status."""
    try:
        options = build_parser().parse_args(args)
    except _ArgumentError as error:
        print(f"taper-planner: {error}", file=sys.stderr)
        return EXIT_BAD_ARGS
    except SystemExit as done:  # --help
        return int(done.code or 0)
    if options.screenshot is not None and options.screenshot.suffix.lower() != ".png":
        print("taper-planner: --screenshot needs a .png file name", file=sys.stderr)
        return EXIT_BAD_ARGS
    from ui.window.collector_pause import CollectorPause

    pause = CollectorPause()  # before Qt is loaded, until the first paint: see CollectorPause
    try:
        return _start(options, pause)
    finally:
        pause.resume()


def _start(options: argparse.Namespace, pause: CollectorPause) -> int:
    """Load Qt (its imports checked faster), check for a display, then run the window."""
    from ui.window.pyside_hook import read_sources_directly

    read_sources_directly()  # before Qt is loaded: every later import is checked faster
    from ui.window.terminal import missing_display

    if options.screenshot is not None and missing_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no display
    if missing_display():  # checked before Qt starts: Qt would abort the process
        print(f"taper-planner: {missing_display()}", file=sys.stderr)
        return EXIT_BAD_ARGS
    return _run(options, pause)


def _run(options: argparse.Namespace, pause: CollectorPause) -> int:
    """Open the window (or take its picture) and run it until it closes."""
    # PySide6 first, so matplotlib's Qt backend binds to it.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.window.terminal import close_on_interrupt

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from ui.window.identity import apply_identity

    apply_identity(app)

    from ui.window.dialogs import tell_user
    from ui.window.screen_fit import show_fitted

    window, refused, safety = open_window(options)
    if options.caseload is not None and (problem := window.caseload.show_folder(options.caseload)):
        print(f"taper-planner: {problem}", file=sys.stderr)
    if options.screenshot is not None:
        if refused:
            print(f"taper-planner: {refused}", file=sys.stderr)
        caseload = window.caseload.window if options.caseload is not None else None
        if caseload is not None:
            caseload.read_to_end()  # the picture shows every plan, not the progress
        return _screenshot(app, caseload or window, options.screenshot)
    pause.resume_after(window.pane.chart.canvas.first_painted)
    show_fitted(window, window.restored_geometry)
    if refused:
        QTimer.singleShot(0, lambda: tell_user(window, "Cannot open plan", refused))
    restore_interrupt = close_on_interrupt(window)
    code = app.exec()
    restore_interrupt()
    if safety is not None:
        safety.store.clear()  # a clean exit: the close already asked about unsaved changes
        safety.store.release()
    return code


def open_window(
    options: argparse.Namespace, data_folder: Path | None = None
) -> tuple[MainWindow, str | None, Safety | None]:
    """The window with its plan, and the safety net: recovery, autosave, error reports.

    Returns:
        The window, the message if the plan file was refused, and the safety objects
        (None for a screenshot, which keeps and recovers nothing).
    """
    from ui.window.error_report import ErrorReporter
    from ui.window.main_window import MainWindow
    from ui.window.recovery import Autosaver, RecoveryStore, data_dir, offer_recovery

    # The demo is the window's first plan (not a second one planned over the default).
    demo = options.demo and options.plan_file is None
    window = MainWindow(plan=demo_plan(dt.date.today()) if demo else None)
    refused = None
    if options.plan_file is not None:
        refused = window.open_path(options.plan_file)
    # The form has the focus at first: Qt's first in the tab order is the date changes of a
    # plan under way apply from, and typing at once would have changed that date.
    window.form_scroll.setFocus()
    if options.screenshot is not None:
        return window, refused, None  # a picture: nothing to keep, nothing to recover
    folder = data_folder or data_dir()
    store = RecoveryStore(folder)
    offer_recovery(window, store)
    autosaver = Autosaver(window, store)
    reporter = ErrorReporter(folder / "logs", lambda: window, autosaver.flush)
    reporter.install()
    return window, refused, Safety(store, autosaver, reporter)


def _screenshot(app: QApplication, window: MainWindow | QWidget, path: Path) -> int:
    """Draw the window (or the caseload) at a laptop's size, save a PNG, close it unsaved."""
    from ui.window.main_window import MainWindow

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    if isinstance(window, MainWindow):
        window.form.flush()  # the first plan is drawn before the picture is taken
        app.processEvents()
        window.pane.chart.draw_now()
    app.processEvents()
    picture = window.grab()
    # Hidden, not closed: a screenshot must not ask to save or overwrite the saved layout.
    window.hide()
    window.deleteLater()

    def produce(temp: Path) -> None:
        if not picture.save(str(temp), "PNG"):
            raise OSError(errno.EIO, "the picture could not be saved")

    try:
        write_atomic_with(path, produce)  # beside the target, then renamed, like every write
    except OSError as error:
        print(f"taper-planner: could not write {path}: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0

"""File menu printing and export: handout, pharmacy summary, CSV, iCalendar and FHIR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QWidget

from planner.dosing import daily
from planner.errors import PlanError
from planner.files.atomic import write_atomic
from planner.model import Schedule
from planner.report.letter import plan_letter
from planner.report.words import errors_summary
from ui import APP_TITLE
from ui.messages import ask, warn
from ui.printing import folders

if TYPE_CHECKING:
    from planner.report.options import HandoutOptions

# The printing modules (QtPrintSupport, the handout's renderer), the printouts' options and the
# export formats load when first used: nobody prints in the first second, and importing them
# delayed start-up.

FHIR_SUFFIX = ".fhir.json"


class ScheduleSource(Protocol):
    """What the export actions need from the window: the plan on screen and the status bar."""

    def current_schedule(self) -> Schedule | None:
        """The schedule on screen, or None when the form has no valid plan yet."""

    def schedule_is_stale(self) -> bool:
        """True when the schedule on screen no longer matches the form (it is not printed)."""

    def show_status(self, message: str) -> None:
        """Show a short message in the status bar."""


# Dialogs are module functions so tests can replace them with monkeypatch.
def choose_printout(parent: QWidget, title: str) -> HandoutOptions | None:
    """Ask what to print and on which paper (remembered); None when cancelled."""
    from ui.printing import options_dialog

    return options_dialog.choose_printout(parent, title)


def choose_export_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    """Ask where to write an export; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, title, suggested, file_filter)[0]


def choose_period_days(parent: QWidget) -> int | None:
    """Ask for the dispensing period of the pharmacy summary; None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    from planner.report.pharmacy import DEFAULT_PERIOD_DAYS, PERIOD_CHOICES

    labels = [f"{days} days" for days in PERIOD_CHOICES]
    current = PERIOD_CHOICES.index(DEFAULT_PERIOD_DAYS)
    label, accepted = QInputDialog.getItem(
        parent, "Pharmacy summary", "Dispensing period:", labels, current, False
    )
    return PERIOD_CHOICES[labels.index(label)] if accepted else None


def confirm(parent: QWidget, message: str) -> bool:
    """Ask before printing or exporting a plan with errors; True to go ahead."""
    from PySide6.QtWidgets import QMessageBox

    answer = ask(
        parent,
        APP_TITLE,
        message,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, message: str) -> None:
    """A message the clinician must read before anything is printed or written."""
    warn(parent, APP_TITLE, message)


class ExportActions(QObject):
    """The window's print and export actions, for its File menu (``actions()``).

    Args:
        window: the parent of the actions and of the dialogs they open.
        source: where the schedule to print comes from.
    """

    def __init__(self, window: QWidget, source: ScheduleSource) -> None:
        super().__init__(window)
        self.window = window
        self.source = source
        self.print_action = self._action(
            "&Print…", self.on_print_triggered, QKeySequence.StandardKey.Print
        )
        self.preview_action = self._action("Print Pre&view…", self.on_preview_triggered)
        self.pdf_action = self._action("Export &PDF…", self.on_pdf_triggered)
        self.pharmacy_action = self._action("Export P&harmacy Summary…", self.on_pharmacy_triggered)
        self.csv_action = self._action("Export &CSV…", self.on_csv_triggered)
        self.daily_csv_action = self._action(
            "Export CSV, One Row per &Day…", self.on_daily_csv_triggered
        )
        self.ics_action = self._action("Export i&Calendar…", self.on_ics_triggered)
        self.fhir_action = self._action("Export &FHIR Bundle…", self.on_fhir_triggered)
        # For the Edit menu: the plan in words for a letter or an electronic record.
        self.copy_text_action = self._action("Copy Plan as &Text", self.on_copy_text_triggered)
        self.copy_text_action.setShortcut(QKeySequence("Ctrl+Shift+C"))

    def actions(self) -> list[QAction]:
        """The File menu's print and export actions, in menu order."""
        return [
            self.print_action,
            self.preview_action,
            self.pdf_action,
            self.pharmacy_action,
            self.csv_action,
            self.daily_csv_action,
            self.ics_action,
            self.fhir_action,
        ]

    def _action(
        self,
        text: str,
        slot: Callable[[], None],
        key: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        return action

    def printable(self) -> Schedule | None:
        """The schedule to print, or None (with the reason told) when it is not what the form says.

        A stale schedule is the last valid one, not the plan the form now holds: printing
        it would hand a patient doses nobody chose, so the safer answer is to refuse.
        """
        schedule = self.source.current_schedule()
        if schedule is None:
            tell(self.window, "There is no valid plan to print or export yet.")
            return None
        if self.source.schedule_is_stale():
            tell(
                self.window,
                "The form holds a value the planner cannot use, so the schedule on screen is "
                "out of date. Correct the highlighted field before printing or exporting.",
            )
            return None
        errors = errors_summary(schedule)
        # Asked once per print or export; the printout then carries the errors on page 1.
        if errors and not confirm(self.window, f"{errors}.\n\nPrint or export it anyway?"):
            self.source.show_status("Not printed: the plan has errors")
            return None
        return schedule

    def _write(
        self, title: str, suffix: str, file_filter: str, content: Callable[[Schedule], str | bytes]
    ) -> None:
        schedule = self.printable()
        if schedule is None:
            return
        suggested = folders.suggested_path(f"{schedule.plan.drug}-plan{suffix}")
        chosen = choose_export_path(self.window, title, suggested, file_filter)
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
        data = content(schedule)
        try:
            # Beside the target, checked, renamed: a failure leaves the old file as it was.
            write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as error:
            tell(self.window, f"Cannot write {path}: {error.strerror or error}")
            return
        folders.remember_export(path)
        self.source.show_status(f"Wrote {path}")

    @Slot()
    def on_copy_text_triggered(self) -> None:
        schedule = self.printable()  # an out-of-date plan is not copied into a letter either
        if schedule is None:
            return
        from PySide6.QtCore import QMimeData  # here: PySide6 builds a type when first imported

        data = QMimeData()
        data.setText(plan_letter(schedule))
        QGuiApplication.clipboard().setMimeData(data)
        self.source.show_status("Copied the plan as text: paste it into a letter or a record")

    @Slot()
    def on_print_triggered(self) -> None:
        schedule = self.printable()
        if schedule is None:
            return
        options = choose_printout(self.window, "Print")
        if options is None:
            return
        from ui.printing import dialogs

        try:
            dialogs.print_schedule(self.window, schedule, options)
        except OSError as error:  # no printer, or it went away
            tell(self.window, f"The plan could not be printed: {error}")

    @Slot()
    def on_preview_triggered(self) -> None:
        schedule = self.printable()
        if schedule is None:
            return
        options = choose_printout(self.window, "Print preview")
        if options is None:
            return
        from ui.printing import dialogs

        try:
            dialogs.preview_schedule(self.window, schedule, options)
        except OSError as error:
            tell(self.window, f"The preview could not be drawn: {error}")

    @Slot()
    def on_pdf_triggered(self) -> None:
        schedule = self.printable()
        if schedule is None:
            return
        options = choose_printout(self.window, "Export PDF")
        if options is not None:
            from ui.printing import handout

            handout.export_pdf(self.window, schedule, options)

    @Slot()
    def on_pharmacy_triggered(self) -> None:
        schedule = self.printable()
        if schedule is None:
            return
        period_days = choose_period_days(self.window)
        if period_days is not None:
            from planner.report.options import Document, HandoutOptions

            options = HandoutOptions(document=Document.PHARMACY, period_days=period_days)
            from ui.printing import handout

            handout.export_pdf(self.window, schedule, options)

    @Slot()
    def on_csv_triggered(self) -> None:
        from planner.files import formats

        self._write("Export CSV", ".csv", "CSV files (*.csv)", formats.to_csv)

    @Slot()
    def on_daily_csv_triggered(self) -> None:
        self._write("Export CSV, one row per day", ".csv", "CSV files (*.csv)", daily.to_daily_csv)

    @Slot()
    def on_ics_triggered(self) -> None:
        from planner.files import calendar  # the iCalendar library loads only when asked for

        self._write("Export iCalendar", ".ics", "iCalendar files (*.ics)", calendar.to_ics)

    @Slot()
    def on_fhir_triggered(self) -> None:
        """Write the plan as an HL7 FHIR R4 Bundle (JSON) for the health record, atomically."""
        from planner.files import fhir  # the FHIR library loads only when asked for

        schedule = self.printable()
        if schedule is None:
            return
        suggested = f"{schedule.plan.drug}-plan{FHIR_SUFFIX}"
        chosen = choose_export_path(
            self.window, "Export FHIR Bundle", suggested, "FHIR JSON (*.json)"
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".json") else chosen + FHIR_SUFFIX)
        try:
            write_atomic(path, fhir.to_fhir_json(schedule).encode("utf-8"))
        except PlanError as error:
            tell(self.window, str(error))
            return
        except OSError as error:
            tell(self.window, f"Cannot write {path}: {error.strerror or error}")
            return
        self.source.show_status(f"Wrote {path}")

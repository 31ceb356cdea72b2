"""The print and print-preview dialogs for the handout; both paint through ``render``."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from planner.model import Schedule
from planner.report.options import HandoutOptions
from ui.printing.handout import page_layout, render


def make_printer(schedule: Schedule, options: HandoutOptions) -> QPrinter:
    """A high-resolution printer preset to the plan's paper (Letter for US plans, else A4)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(options.paper_for(schedule), options.document))
    printer.setDocName(f"{schedule.plan.drug} plan")
    return printer


def print_with_dialog(parent: QWidget | None, schedule: Schedule, options: HandoutOptions) -> bool:
    """Show the print dialog; print through ``render`` if accepted.

    Returns:
        True if the handout was sent to the printer.
    """
    printer = make_printer(schedule, options)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print plan")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render(printer, schedule, options)
    return True


def preview_with_dialog(
    parent: QWidget | None, schedule: Schedule, options: HandoutOptions
) -> QPrintPreviewDialog:
    """Show the print preview; its pages (and any print from it) come from ``render``.

    Returns:
        The dialog, after it has closed.
    """
    printer = make_printer(schedule, options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview")
    dialog.paintRequested.connect(lambda target: render(target, schedule, options))
    dialog.exec()
    return dialog


def print_schedule(
    parent: QWidget | None, schedule: Schedule, options: HandoutOptions | None = None
) -> bool:
    """Ask for a printer and print; return True if it was printed."""
    return print_with_dialog(parent, schedule, options or HandoutOptions())


def preview_schedule(
    parent: QWidget | None, schedule: Schedule, options: HandoutOptions | None = None
) -> None:
    """Show the print preview (which can print from there)."""
    preview_with_dialog(parent, schedule, options or HandoutOptions())

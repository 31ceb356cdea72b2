"""Print, preview and PDF of the patient handout and pharmacy summary, all through ``render``."""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QFileDialog, QWidget

from planner.files.atomic import refusal, write_atomic_with
from planner.model import Schedule
from planner.report.options import Document, HandoutOptions, PaperSize
from planner.report.words import drug_name
from ui.messages import warn
from ui.printing.content import build_handout, build_pharmacy
from ui.printing.folders import remember_export, suggested_path
from ui.printing.frame import PageFrame
from ui.printing.layout import Flow
from ui.printing.month_page import build_month_calendar
from ui.printing.one_page import build_one_page

__all__ = [
    "Document",
    "HandoutOptions",
    "PaperSize",
    "export_pdf",
    "render",
    "write_pdf",
    "write_pharmacy_pdf",
]

PDF_RESOLUTION_DPI = 600
MARGIN_MM = 14.0
_APPLICATION: QGuiApplication | None = None
TITLES = {
    Document.PHARMACY: "pharmacy summary",
    Document.ONE_PAGE: "plan on one page",
    Document.MONTH_CALENDAR: "month calendar",
}
_PAGE_IDS = {PaperSize.A4: QPageSize.PageSizeId.A4, PaperSize.LETTER: QPageSize.PageSizeId.Letter}


def render(
    printer: QPagedPaintDevice, schedule: Schedule, options: HandoutOptions | None = None
) -> int:
    """Draw the handout (or the pharmacy summary) on a printer, preview or PDF writer.

    The one drawing routine behind printing, print preview and PDF export: the
    pages are laid out first, so every page can say "page N of M", then painted.

    Args:
        printer: a ``QPrinter`` (print or preview) or a ``QPdfWriter``.
        schedule: the schedule to print.
        options: what to print; the defaults give the full patient handout.

    Returns:
        The number of pages drawn.

    Raises:
        OSError: if painting on the device cannot start (e.g. the file is not writable).
    """
    options = options or HandoutOptions()
    return _render(printer, schedule, options)


def _render(printer: QPagedPaintDevice, schedule: Schedule, options: HandoutOptions) -> int:
    pharmacy = options.document is Document.PHARMACY
    frame = PageFrame.for_schedule(printer, schedule, options.date(), pharmacy)
    flow = Flow(printer, frame.body(), frame.mm)
    if pharmacy:
        build_pharmacy(flow, schedule, options)
    elif options.document is Document.ONE_PAGE:
        flow = build_one_page(
            lambda: Flow(printer, frame.body(), frame.mm), schedule, options.date()
        )
    elif options.document is Document.MONTH_CALENDAR:
        build_month_calendar(flow, schedule, options.date())
    else:
        build_handout(flow, schedule, options)
    count = len(flow.pages)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Cannot start drawing on the printer or PDF file")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number, ops in enumerate(flow.pages, start=1):
            if number > 1:
                printer.newPage()
            frame.draw(painter, number, count)
            for op in ops:
                op(painter)
    finally:
        ended = painter.end()
    if not ended:
        raise OSError(errno.EIO, "the drawing could not be finished (is the disk full?)")
    return count


def _ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; on the command line make one with no display."""
    global _APPLICATION
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # Kept for the life of the process: Qt needs one application object.
        _APPLICATION = QGuiApplication(["taper-planner"])


def page_layout(paper: PaperSize, document: Document = Document.HANDOUT) -> QPageLayout:
    """``paper`` with the handout's margins: landscape for the month calendar, else portrait."""
    landscape = document is Document.MONTH_CALENDAR  # seven day columns need the width
    return QPageLayout(
        QPageSize(_PAGE_IDS[paper]),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def write_pdf(
    schedule: Schedule, path: str | os.PathLike[str], options: HandoutOptions | None = None
) -> int:
    """Write the handout (or, by ``options.document``, the pharmacy summary) as a PDF.

    Works without a display: a headless QGuiApplication is created if none exists.

    Args:
        schedule: the schedule to print.
        path: where to write the PDF.
        options: what to print and on which paper; Letter for US plans, else A4.

    Returns:
        The number of pages written.

    Raises:
        OSError: if the file cannot be written.
    """
    options = options or HandoutOptions()
    return _write_pdf(schedule, Path(path), options)


def _write_pdf(schedule: Schedule, target: Path, options: HandoutOptions) -> int:
    _ensure_gui_application()
    pages = 0

    def produce(temp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_RESOLUTION_DPI)
        writer.setPageLayout(page_layout(options.paper_for(schedule), options.document))
        name = drug_name(schedule.plan.drug)
        writer.setTitle(f"{name} {TITLES.get(options.document, 'reduction plan')}")
        writer.setCreator("Taper Planner")
        try:
            pages = render(writer, schedule, options)
        finally:
            del writer  # flushes and closes the file

    # Rendered beside the target, checked, then renamed: a full disk or a failed render
    # leaves the previous PDF as it was.
    write_atomic_with(target, produce, check_pdf)
    return pages


def check_pdf(path: Path) -> None:
    """Raise OSError unless ``path`` holds a whole PDF (its header and its end marker).

    Raises:
        OSError: with a short message for people.
    """
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(5)
        stream.seek(max(0, size - 1024))
        tail = stream.read()
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise refusal("the PDF was not written completely (is the disk full?)", errno.EIO)


def write_pharmacy_pdf(
    schedule: Schedule, path: str | os.PathLike[str], options: HandoutOptions | None = None
) -> int:
    """Write the short pharmacy summary PDF (quantities per dispensing period and in total).

    Returns:
        The number of pages written.

    Raises:
        OSError: if the file cannot be written.
    """
    base = options or HandoutOptions()
    return write_pdf(schedule, path, dataclasses.replace(base, document=Document.PHARMACY))


def export_pdf(
    parent: QWidget | None, schedule: Schedule, options: HandoutOptions | None = None
) -> Path | None:
    """Ask where to save, then write the PDF; return its path, or None if cancelled."""
    options = options or HandoutOptions()
    kind = {Document.HANDOUT: "plan", Document.ONE_PAGE: "summary"}.get(options.document)
    suggested = suggested_path(f"{schedule.plan.drug}-{kind or options.document.value}.pdf")
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Export PDF", suggested, "PDF files (*.pdf)"
    )
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        write_pdf(schedule, path, options)
    except OSError as error:
        warn(parent, "Export PDF", f"Cannot write {path}: {error.strerror or error}")
        return None
    remember_export(Path(path))
    return Path(path)

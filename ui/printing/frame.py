"""The frame of every handout page: who and when at the top, the page number at the foot."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPaintDevice, QPainter, QPen

from planner import __version__
from planner.model import Schedule
from planner.report.words import day_text, drug_name
from ui.printing.text import MUTED, RULE, TextBox, font

HEADER_PT = 9.0
FOOTER_PT = 8.0
BLANK = "________________"


class PageFrame:
    """Measures the header and footer once, and draws them with 'page N of M'.

    Args:
        device: the printer or PDF writer.
        schedule: the schedule printed (its patient and prescriber head every page).
        title: the document's name, e.g. 'Clonazepam reduction plan'.
        printed_on: the date the plan is printed, shown on every page.
    """

    def __init__(
        self, device: QPaintDevice, schedule: Schedule, title: str, printed_on: dt.date
    ) -> None:
        self.device = device
        self.mm = device.logicalDpiX() / 25.4
        self.page = QRectF(0.0, 0.0, float(device.width()), float(device.height()))
        patient = schedule.plan.patient
        who = f"Patient: {patient.name.strip() or BLANK}"
        if patient.date_of_birth:
            who += f"  (born {patient.date_of_birth.isoformat()})"
        who += f"\nPrescriber: {patient.prescriber.strip() or BLANK}"
        when = (
            f"{title}\nPlan dated {printed_on.isoformat()}, starts {day_text(schedule.start_date)}"
        )
        width = self.page.width()
        self._who = TextBox(who, font(HEADER_PT, bold=True), width * 0.52, device)
        self._when = TextBox(
            when, font(HEADER_PT), width * 0.46, device, align=Qt.AlignmentFlag.AlignRight
        )
        self.header_height = max(self._who.height, self._when.height) + 1.5 * self.mm
        self._notice = TextBox(
            f"Taper Planner {__version__}: a clinical aid for use under supervision, "
            "not a substitute for review.",
            font(FOOTER_PT),
            width * 0.72,
            device,
            color=MUTED,
        )
        self._number_font = font(FOOTER_PT + 1, bold=True)
        widest = TextBox("Page 888 of 888", self._number_font, width * 0.25, device)
        self.footer_height = max(self._notice.height, widest.height) + 1.5 * self.mm

    @classmethod
    def for_schedule(
        cls, device: QPaintDevice, schedule: Schedule, printed_on: dt.date, pharmacy: bool
    ) -> PageFrame:
        """The frame for the handout, or for the pharmacy summary."""
        name = drug_name(schedule.plan.drug)
        title = f"{name} plan: pharmacy summary" if pharmacy else f"{name} reduction plan"
        return cls(device, schedule, title, printed_on)

    def body(self) -> QRectF:
        """The area between header and footer, with a small gap to each."""
        gap = 4.0 * self.mm
        top = self.header_height + gap
        bottom = self.page.height() - self.footer_height - gap
        return QRectF(0.0, top, self.page.width(), bottom - top)

    def draw(self, painter: QPainter, number: int, count: int) -> None:
        """Draw the header and footer of page ``number`` of ``count``."""
        page = self.page
        self._who.draw(painter, 0.0, 0.0)
        self._when.draw(painter, page.width() - self._when.width, 0.0)
        painter.save()
        painter.setPen(QPen(RULE, 0.2 * self.mm))
        y = self.header_height
        painter.drawLine(QPointF(0.0, y), QPointF(page.width(), y))
        foot = page.height() - self.footer_height
        painter.drawLine(QPointF(0.0, foot), QPointF(page.width(), foot))
        painter.restore()
        top = foot + 1.5 * self.mm
        self._notice.draw(painter, 0.0, top)
        number_box = TextBox(
            f"Page {number} of {count}",
            self._number_font,
            page.width() * 0.25,
            self.device,
            align=Qt.AlignmentFlag.AlignRight,
        )
        number_box.draw(painter, page.width() - number_box.width, top)

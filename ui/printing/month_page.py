"""The month-grid calendar for the fridge: one page per month, each day's doses with tick boxes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from planner.model import Schedule
from planner.report.month import DayCell, Month, month_grid
from planner.report.tables import calendar_note
from planner.report.words import day_text
from ui.printing.layout import BODY_PT, Flow
from ui.printing.text import INK, MUTED, RULE, SHADE, TextBox, font

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Largest first: a busy day (four times, two drugs) gets a smaller size rather than being cut.
DOSE_PT_CHOICES = (8.0, 7.0, 6.2, 5.5, 5.0)
SHORT_TIMES = {"morning": "Morning", "midday": "Midday", "evening": "Evening", "night": "Night"}


class _DayBox:
    """One day's square measured at the largest size that fits it."""

    def __init__(self, flow: Flow, cell: DayCell, width: float, height: float) -> None:
        mm = flow.mm
        self.cell = cell
        self.pad = 1.2 * mm
        self.box_side = 2.6 * mm
        inner = width - 2 * self.pad
        # The note shares the day number's line: a new-dose day keeps room for its doses.
        heading = f"{cell.date.day}  {cell.note}" if cell.note else str(cell.date.day)
        self.number = TextBox(
            heading, font(BODY_PT - (1.5 if cell.note else 0), bold=True), inner, flow.device,
            color=INK if cell.in_plan else MUTED,
        )  # fmt: skip
        self.lines: list[TextBox] = []
        for point_size in DOSE_PT_CHOICES:
            self.lines = [
                TextBox(
                    f"{SHORT_TIMES.get(time, time)}: {words}",
                    font(point_size),
                    inner - self.box_side - 1.0 * mm,
                    flow.device,
                )
                for time, words in cell.doses
            ]
            if self._height() <= height:
                break

    def _height(self) -> float:
        gaps = 0.8 * self.pad * len(self.lines)
        return 2 * self.pad + self.number.height + sum(line.height for line in self.lines) + gaps

    def draw(self, painter: QPainter, x: float, y: float, mm: float) -> None:
        self.number.draw(painter, x + self.pad, y + self.pad)
        top = y + self.pad + self.number.height + 0.5 * self.pad
        for line in self.lines:
            left = x + self.pad
            # A tick box before each dose, drawn (no font has to carry a ballot-box glyph).
            painter.save()
            painter.setPen(QPen(INK, 0.25 * mm))
            painter.setBrush(QColor("white"))
            painter.drawRect(QRectF(left, top + 0.3 * mm, self.box_side, self.box_side))
            painter.restore()
            left += self.box_side + 1.0 * mm
            line.draw(painter, left, top)
            top += line.height + 0.8 * self.pad


def _grid(flow: Flow, month: Month) -> None:
    mm = flow.mm
    width = flow.width / 7
    head = TextBox("Wednesday", font(BODY_PT - 1, bold=True), width, flow.device)
    height_left = flow.area.bottom() - flow.y - head.height - 1.0 * mm
    row_height = height_left / len(month.weeks)
    boxes = [[_DayBox(flow, cell, width, row_height) for cell in week] for week in month.weeks]
    names = [TextBox(n, font(BODY_PT - 1, bold=True), width, flow.device) for n in WEEKDAY_NAMES]

    def draw(painter: QPainter, x: float, y: float) -> None:
        for column, name in enumerate(names):
            name.draw(painter, x + column * width + 1.2 * mm, y)
        top = y + head.height + 1.0 * mm
        painter.save()
        for row, week in enumerate(boxes):
            for column, box in enumerate(week):
                rect = QRectF(x + column * width, top + row * row_height, width, row_height)
                painter.setPen(QPen(RULE, 0.25 * mm))
                if box.cell.in_plan and box.cell.is_change:
                    painter.setBrush(SHADE)
                else:
                    painter.setBrush(QColor("white"))
                painter.drawRect(rect)
                box.draw(painter, rect.left(), rect.top(), mm)
        painter.restore()

    flow.place(flow.area.bottom() - flow.y, draw)


def build_month_calendar(flow: Flow, schedule: Schedule, first_date: dt.date) -> None:
    """Place one page per month of the plan from ``first_date`` into ``flow``."""
    months = month_grid(schedule, first_date if first_date > schedule.start_date else None)
    note = calendar_note(schedule)
    for month in months:
        flow.new_page()
        flow.paragraph(month.title, 16.0, bold=True, after_mm=1.0)
        flow.paragraph(
            f"Tick each box when you have taken that dose. A shaded day starts a new dose. "
            f"{note} The plan ends on {day_text(schedule.end_date)}.",
            BODY_PT - 1.5,
            after_mm=2.0,
        )
        _grid(flow, month)

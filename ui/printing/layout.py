"""Page flow for the handout: blocks placed top to bottom, tables whose header repeats."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPaintDevice, QPainter, QPen

from planner.report.tables import Cell, Shade, Table
from ui.printing.text import INK, MUTED, RULE, SHADE, TextBox, font

# Draws something already measured and placed; pages are lists of these.
DrawOp = Callable[[QPainter], None]

BODY_PT = 10.5
SMALL_PT = 8.5


# The printed colour of each kind of shading the report's tables ask for.
SHADE_COLORS: dict[Shade, QColor | None] = {
    Shade.NONE: None,
    Shade.STRIPE: SHADE.lighter(104),
    Shade.BAND: SHADE,
}


class Flow:
    """Places blocks down the body area of pages, starting a new page when one is full.

    Args:
        device: the printer or PDF writer the text is measured for.
        area: the body rectangle of every page, in device pixels.
        mm: device pixels per millimetre.
    """

    def __init__(self, device: QPaintDevice, area: QRectF, mm: float) -> None:
        self.device = device
        self.area = area
        self.mm = mm
        self.pages: list[list[DrawOp]] = [[]]
        self.y = area.top()

    @property
    def width(self) -> float:
        """The body width in device pixels."""
        return self.area.width()

    @property
    def at_top(self) -> bool:
        """True when nothing has been placed on the current page yet."""
        return self.y <= self.area.top()

    def new_page(self) -> None:
        """Continue on a fresh page (does nothing on an empty one)."""
        if not self.at_top:
            self.pages.append([])
            self.y = self.area.top()

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if self.y + height > self.area.bottom():
            self.new_page()

    def space(self, millimetres: float) -> None:
        """Leave a gap (dropped at the top of a page)."""
        if not self.at_top:
            self.y = min(self.y + millimetres * self.mm, self.area.bottom())

    def place(self, height: float, draw: Callable[[QPainter, float, float], None]) -> None:
        """Place a block of ``height`` at the left margin; ``draw(painter, x, y)`` paints it."""
        self.ensure(height)
        x, y = self.area.left(), self.y
        self.pages[-1].append(lambda painter: draw(painter, x, y))
        self.y += height

    def text_box(self, text: str, text_font: QFont, **kwargs: object) -> TextBox:
        """Measure text at the full body width (keyword arguments go to ``TextBox``)."""
        return TextBox(text, text_font, self.width, self.device, **kwargs)  # type: ignore[arg-type]

    def paragraph(
        self, text: str, point_size: float = BODY_PT, *, bold: bool = False, after_mm: float = 2.0
    ) -> None:
        """A wrapped paragraph of body text."""
        box = TextBox(text, font(point_size, bold=bold), self.width, self.device)
        self.place(box.height, box.draw)
        self.space(after_mm)

    def heading(self, text: str, point_size: float = 14.0, keep_mm: float = 30.0) -> None:
        """A section heading, moved to the next page if less than ``keep_mm`` follows it."""
        box = TextBox(text, font(point_size, bold=True), self.width, self.device)
        self.space(3.0)
        self.ensure(box.height + keep_mm * self.mm)
        self.place(box.height, box.draw)
        self.space(2.0)

    def bullets(
        self, items: Sequence[str], point_size: float = BODY_PT, color: QColor = INK
    ) -> None:
        """A bulleted list; each item wraps under its own text."""
        indent = 5.0 * self.mm
        text_font = font(point_size)
        for item in items:
            box = TextBox(item, text_font, self.width - indent, self.device, color=color)
            bullet = TextBox("•", text_font, indent, self.device, color=color)

            def draw(
                painter: QPainter, x: float, y: float, box: TextBox = box, bullet: TextBox = bullet
            ) -> None:
                bullet.draw(painter, x + 1.0 * self.mm, y)
                box.draw(painter, x + indent, y)

            self.place(box.height, draw)
            self.space(1.0)
        self.space(1.5)

    def table(self, table: Table) -> None:
        """Lay out a table; groups never split, and the header repeats on every page."""
        _TableLayout(self, table).run()


class _TableLayout:
    """Measures and places one table into a flow."""

    def __init__(self, flow: Flow, table: Table) -> None:
        self.flow = flow
        self.table = table
        self.pad = 1.2 * flow.mm
        self.box_size = 3.4 * flow.mm
        total = sum(table.weights)
        self.widths = [flow.width * weight / total for weight in table.weights]
        self.lefts = [flow.area.left() + sum(self.widths[:i]) for i in range(len(self.widths))]
        self.font = font(table.point_size)
        self.bold = font(table.point_size, bold=True)

    def _cell(
        self, cell: Cell, first: int, last: int
    ) -> tuple[float, Callable[[QPainter, float], None]]:
        """Measure a cell spanning columns first..last; return its height and drawer."""
        left = self.lefts[first]
        width = sum(self.widths[first : last + 1]) - 2 * self.pad
        text_left = left + self.pad
        if cell.box:
            width -= self.box_size + self.pad
            text_left += self.box_size + self.pad
        box = TextBox(
            cell.text,
            self.bold if cell.bold else self.font,
            width,
            self.flow.device,
            color=MUTED if cell.muted else INK,
        )
        height = max(box.height, self.box_size if cell.box else 0.0) + 2 * self.pad
        box_size, pad = self.box_size, self.pad

        def draw(painter: QPainter, y: float) -> None:
            if cell.box:
                painter.save()
                painter.setPen(QPen(INK, 0.25 * self.flow.mm))
                painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                painter.drawRect(QRectF(left + pad, y + pad, box_size, box_size))
                painter.restore()
            box.draw(painter, text_left, y + pad)

        return height, draw

    def _row(
        self, cells: Sequence[Cell], start: int, fill: bool = True
    ) -> tuple[float, list[Callable[[QPainter, float], None]]]:
        height = 0.0
        ops: list[Callable[[QPainter, float], None]] = []
        count = len(self.widths)
        short = fill and start + len(cells) < count
        for offset, cell in enumerate(cells):
            first = start + offset
            # A row short of cells lets its last cell span the rest of the columns.
            last = count - 1 if short and offset == len(cells) - 1 else first
            cell_height, draw = self._cell(cell, first, last)
            height = max(height, cell_height)
            ops.append(draw)
        return height, ops

    def _header(self) -> None:
        cells = tuple(Cell(title, bold=True) for title in self.table.titles)
        height, ops = self._row(cells, 0)
        verticals = [(x, 0.0, height) for x in self.lefts[1:]]
        self._emit(height, ops, shade=SHADE, heavy=True, dividers=[], verticals=verticals)

    def _emit(
        self,
        height: float,
        ops: list[Callable[[QPainter, float], None]],
        *,
        shade: QColor | None,
        heavy: bool,
        dividers: list[tuple[float, float]],
        verticals: list[tuple[float, float, float]],
    ) -> None:
        flow = self.flow
        left, width = flow.area.left(), flow.width
        mm = flow.mm

        def draw(painter: QPainter, _x: float, y: float) -> None:
            painter.save()
            if shade is not None:
                painter.fillRect(QRectF(left, y, width, height), shade)
            painter.setPen(QPen(INK if heavy else RULE, (0.35 if heavy else 0.15) * mm))
            painter.drawLine(QPointF(left, y), QPointF(left + width, y))
            painter.setPen(QPen(RULE, 0.15 * mm))
            painter.drawLine(QPointF(left, y + height), QPointF(left + width, y + height))
            for x, top, bottom in verticals:  # column rules, not through spanning cells
                painter.drawLine(QPointF(x, y + top), QPointF(x, y + bottom))
            for x, top in dividers:  # rules between rows inside a group
                painter.drawLine(QPointF(x, y + top), QPointF(left + width, y + top))
            painter.restore()
            for op in ops:
                op(painter, y)

        flow.place(height, draw)

    def run(self) -> None:
        flow = self.flow
        header_cells = tuple(Cell(title, bold=True) for title in self.table.titles)
        header_height, _ops = self._row(header_cells, 0)
        first = True
        for group in self.table.groups:
            span = len(group.span)
            rows = [self._row(cells, span) for cells in group.rows]
            span_height, span_ops = self._row(group.span, 0, fill=False) if span else (0.0, [])
            height = max(sum(h for h, _ in rows), span_height)
            if first:
                flow.ensure(header_height + height)  # never a header alone at a page's foot
                self._header()
                first = False
            elif flow.y + height > flow.area.bottom():
                flow.new_page()
                self._header()
            ops = list(span_ops)
            dividers: list[tuple[float, float]] = []
            verticals = [(self.lefts[i], 0.0, height) for i in range(1, span + 1)]
            top = 0.0
            for number, ((row_height, row_ops), cells) in enumerate(
                zip(rows, group.rows, strict=True)
            ):
                ops.extend(self._shifted(op, top) for op in row_ops)
                if top > 0:
                    dividers.append((self.lefts[span], top))
                bottom = height if number == len(rows) - 1 else top + row_height
                verticals += [(self.lefts[span + j], top, bottom) for j in range(1, len(cells))]
                top += row_height
            self._emit(
                height,
                ops,
                shade=SHADE_COLORS[group.shade],
                heavy=group.heavy_rule,
                dividers=dividers,
                verticals=verticals,
            )

    @staticmethod
    def _shifted(
        op: Callable[[QPainter, float], None], dy: float
    ) -> Callable[[QPainter, float], None]:
        return lambda painter, y: op(painter, y + dy)

"""The schedule table's row heights: measured cell by cell as Qt does, remembered by their texts."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView

from ui.schedule.table_model import ScheduleModel

# A row key: the icon, then per shown column its lines (unwrapped) or its width and text.
RowKey = tuple[object, ...]


class RowHeights:
    """Sizes the rows of ``view`` to their contents, remembering heights by what they depend on.

    ``QTableView.resizeRowToContents`` asks every cell of the row for its size (each asking
    the model for its roles): a millisecond a row. A row's height depends only on its cells'
    line counts where no text wraps, so a new schedule whose rows have the same lines (a new
    pace, a new dose of the same length) keeps the heights measured for the last one. Where
    text wraps (a long dose in a narrow column) only the wrapped cells are measured, as Qt
    measures them, and the rest of the row's height is remembered by its lines.

    Args:
        view: the table.
        model: its model.
        natural: each text column's width with its text unwrapped (dose columns absent).
        padding: what a cell of a column adds around its text (margins, grid line, icon).
    """

    def __init__(
        self,
        view: QTableView,
        model: ScheduleModel,
        natural: Mapping[int, int],
        padding: Callable[[int], int],
    ) -> None:
        self._view = view
        self._model = model
        self._natural = natural
        self._padding = padding
        # Row heights by row key, of this schedule and of the one before.
        self._heights: dict[RowKey, int] = {}
        self._last_heights: dict[RowKey, int] = {}
        # The height of a row's unwrapped cells, by their part of the row key.
        self._unwrapped_heights: dict[RowKey, int] = {}
        self._line_widths: dict[str, int] = {}  # a dose cell's line → width in the font

    def new_schedule(self) -> None:
        """Keep this schedule's heights as the last one's (a pace edit keeps the doses)."""
        if self._heights:
            self._last_heights = self._heights
            self._heights = {}

    def forget(self) -> None:
        """Forget every height and width measured (the font or style changed)."""
        self._heights.clear()
        self._last_heights.clear()
        self._unwrapped_heights.clear()
        self._line_widths.clear()

    def fit(self, row: int) -> None:
        """Size ``row`` to its contents, as ``resizeRowToContents`` would."""
        unwrapped, wrapped = self._parts(row)
        key = (*unwrapped, *wrapped)
        height = self._heights.get(key) or self._last_heights.get(key)
        if height is None and not wrapped:
            self._view.resizeRowToContents(row)
            height = self._view.rowHeight(row)
        elif height is None:
            columns = [column for column, _text in wrapped]
            rest = self._unwrapped_heights.get(unwrapped)
            if rest is None:
                shown = [c for c in range(self._model.columnCount()) if not self._hidden(c)]
                rest = self._cells_height(row, [c for c in shown if c not in columns])
                header = self._view.verticalHeader().sectionSizeHint(row)
                rest = self._unwrapped_heights[unwrapped] = max(rest, header)
            height = max(rest, self._cells_height(row, columns))
            self._view.setRowHeight(row, height)
        else:
            self._view.setRowHeight(row, height)
        self._heights[key] = height

    def line_px(self, line: str) -> int:
        """One line's width in the table's font (remembered: the same doses come back)."""
        width = self._line_widths.get(line)
        if width is None:
            width = self._line_widths[line] = self._view.fontMetrics().horizontalAdvance(line)
        return width

    def _hidden(self, column: int) -> bool:
        return self._view.isColumnHidden(column)

    def _parts(self, row: int) -> tuple[RowKey, tuple[tuple[int, str], ...]]:
        """What a row's height depends on: its unwrapped cells' lines, the wrapped cells' texts.

        The first part has the icon, then each shown column's lines (or its width where its
        text wraps); the second each wrapped cell's text. A column at least as wide as its
        natural width (its widest text, unwrapped) wraps no cell: there only a text's own
        line breaks count, so new dates in the same lines hit.
        """
        unwrapped: list[object] = [self._model.has_icon(row, 0)]
        wrapped: list[tuple[int, str]] = []
        for column in range(self._model.columnCount()):
            if self._hidden(column):
                continue
            text = self._model.text(row, column)
            width = self._view.columnWidth(column)
            natural = self._natural.get(column)
            if natural is not None:
                fits = width >= natural
            else:  # a dose column: a new starting dose changes every text, rarely its lines
                room = width - self._padding(column)
                fits = all(self.line_px(line) <= room for line in text.split("\n"))
            if fits:
                unwrapped.append((column, text.count("\n")))
            else:
                unwrapped.append((column, width))
                wrapped.append((column, text))
        return tuple(unwrapped), tuple(wrapped)

    def _cells_height(self, row: int, columns: list[int]) -> int:
        """The height ``row`` needs for the cells of ``columns``, as QTableView measures it.

        As ``QTableView.sizeHintForRow`` does: each cell's delegate is asked for its size in
        a rectangle as wide as its column, less the grid line, then the grid line is added.
        """
        view = self._view
        grid = 1 if view.showGrid() else 0
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        height = 0
        for column in columns:
            index = self._model.index(row, column)
            option.rect = QRect(0, 0, view.columnWidth(column) - grid, max(view.rowHeight(row), 1))
            delegate = view.itemDelegateForIndex(index)
            height = max(height, delegate.sizeHint(option, index).height())
        return height + grid

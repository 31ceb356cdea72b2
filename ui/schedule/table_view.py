"""The schedule table: one row per step, unused times of day hidden, rows selectable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QSignalBlocker,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from planner.model import TIMES_OF_DAY
from planner.report.letter import table_rows, to_html_table, to_tsv
from ui.schedule.column_fit import fit_widths, word_shapes
from ui.schedule.row_heights import RowHeights
from ui.schedule.table_model import FIRST_TIME_COLUMN, ScheduleModel
from ui.schedule.text_shape import digit_shape

# Dose columns share the width left by the others; this wide (their text wrapped onto a
# few lines) they read comfortably, and narrower ones are squeezed only when the table
# would not fit otherwise (down to their longest word, never cutting one).
DOSE_COMFORT_WIDTH = 108
# A word's measured advance is rounded; a cell this much wider never cuts it with '…'.
WORD_SLACK_PX = 4


def python_made_viewport() -> QWidget:
    """A viewport as Qt makes one for a scroll area, but made in Python.

    PySide6 meets a plain QWidget made by Qt (the view's own viewport, at its first
    ``viewport()``) only by first loading every widget class it might be: ~25 ms of
    start-up. Qt gives its viewport these three settings; every other one is the same.
    """
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class ScheduleView(QTableView):
    """A read-only table over a ScheduleModel, sized to its contents.

    Signals:
        step_selected(int): the row (0-based) the clinician selected, or -1 for none.
    """

    step_selected = Signal(int)

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._sized_rows: set[int] = set()
        # Each column's width with its text unwrapped, and its longest word's (see _fit_columns).
        self._natural: dict[int, int] = {}
        self._minimum: dict[int, int] = {}  # measured only when needed: see _longest_words
        self._padding: dict[int, int] = {}
        self._word_px: dict[int, int] = {}  # a text column's longest word (by shape)
        self._advances: dict[str, int] = {}  # text shape → width in the current font
        # Per text column: its texts and icons last measured, their padding, word, natural.
        self._measured: dict[int, tuple[object, int, int, int]] = {}
        self._rows = RowHeights(self, model, self._natural, self._cell_padding)
        self._fitting = True  # not before the constructor is done
        self.setViewport(python_made_viewport())
        self.setModel(model)
        self.setAccessibleName("Schedule table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Shift/Ctrl+click) can be copied together; the chart follows the first.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Sized by _fit_text_columns: ResizeToContents would measure every cell of 1 000 rows
        # of each column on every new schedule, most of an edit's time.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for offset in range(len(TIMES_OF_DAY)):
            header.setSectionResizeMode(
                FIRST_TIME_COLUMN + offset, QHeaderView.ResizeMode.Interactive
            )
        # Rows are sized to their contents when they come into view (see updateGeometries):
        # ResizeToContents would size every row of every new schedule, seconds for 3 650 rows.
        header.sectionResized.connect(self.on_column_resized)
        self.verticalScrollBar().valueChanged.connect(self.on_scrolled)
        model.modelReset.connect(self.on_model_reset)
        self.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self._fitting = False

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._fit_once(self._fit_columns)
        self.on_scrolled()

    def _fit_once(self, fit: Callable[[], None]) -> None:
        """Run ``fit`` unless a fit is under way: the resizing it does calls back in here."""
        if self._fitting:
            return
        self._fitting = True
        try:
            fit()
        finally:
            self._fitting = False

    def _fit_columns(self) -> None:
        """Fit the visible columns to the viewport: the doses take what the others leave.

        When even comfortable widths do not fit, every column gives up width toward its
        longest word (wrapping onto more lines), so no column needs sideways scrolling.
        """
        header = self.horizontalHeader()
        shown = [c for c in range(self._model.columnCount()) if not self.isColumnHidden(c)]
        doses = [c for c in shown if self._is_dose(c)]
        if not shown or not self._natural:
            return
        room = self.viewport().width()
        natural = [self._natural.get(c, DOSE_COMFORT_WIDTH) for c in shown]
        if sum(natural) <= room:
            widths = dict(zip(shown, natural, strict=True))
        else:  # only now are the words measured: most windows never need them
            words = self._longest_words()
            minimum = [min(words[c], wide) for c, wide in zip(shown, natural, strict=True)]
            widths = dict(zip(shown, fit_widths(natural, minimum, room), strict=True))
        left = room - sum(widths.values())
        for column in doses:  # the room left over goes to the doses, in equal shares
            widths[column] += left // len(doses) if left > 0 else 0
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _longest_words(self) -> dict[int, int]:
        """Each shown column's narrowest width that cuts no word: its longest word and padding.

        Measured once per schedule (and font), by word shape as the cells are.
        """
        if self._minimum:
            return self._minimum
        header = self.horizontalHeader()
        for column in range(self._model.columnCount()):
            if self.isColumnHidden(column):
                continue
            word = self._word_px.get(column)
            if word is None:  # a dose column: its words (then their shapes) measured now
                words = word_shapes(set(self._model.column_texts(column)))
                word = max(map(self._advance, {digit_shape(w) for w in words}), default=0)
            width = self._cell_padding(column) + word + WORD_SLACK_PX
            self._minimum[column] = max(header.sectionSizeHint(column), width)
        return self._minimum

    def _is_dose(self, column: int) -> bool:
        return FIRST_TIME_COLUMN <= column < FIRST_TIME_COLUMN + len(TIMES_OF_DAY)

    @Slot()
    def on_scrolled(self) -> None:
        self._fit_once(self._fit_visible_rows)

    def _fit_visible_rows(self) -> None:
        """Size the rows on screen to their contents; the others when they are scrolled to.

        The last page's rows are sized too: the scroll range is measured on them.
        """
        height, row = 0, self._model.rowCount() - 1
        while row >= 0 and height < self.viewport().height():
            if row not in self._sized_rows:
                self._fit_row(row)
            height += self.rowHeight(row)
            row -= 1
        while True:
            first = self.rowAt(0)
            if first < 0:
                return
            last = self.rowAt(self.viewport().height() - 1)
            if last < 0:
                last = self._model.rowCount() - 1
            unsized = [row for row in range(first, last + 1) if row not in self._sized_rows]
            if not unsized:
                return
            for row in unsized:
                self._fit_row(row)

    def _fit_row(self, row: int) -> None:
        """Size ``row`` to its contents (see RowHeights)."""
        self._rows.fit(row)
        self._sized_rows.add(row)

    def _cell_padding(self, column: int) -> int:
        """What a cell adds around its text (margins, grid line, icon), as _natural counts it.

        A text column's is measured with its widest cell; a dose column's on its first dose.
        """
        padding = self._padding.get(column)
        if padding is None:  # measured on its first cell with a dose (an empty one has no text)
            rows = range(self._model.rowCount())
            row = next((row for row in rows if self._model.text(row, column)), 0)
            line = max(self._model.text(row, column).split("\n"), key=self._rows.line_px)
            padding = self.sizeHintForIndex(self._model.index(row, column)).width()
            padding += (1 if self.showGrid() else 0) - self._rows.line_px(line)
            self._padding[column] = padding
        return padding

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._advances.clear()
            self._measured.clear()
            self._forget_row_heights()
            self._fit_text_columns()  # the same texts take a different width now

    @Slot(int, int, int)
    def on_column_resized(self, _column: int, _old: int, _new: int) -> None:
        self._sized_rows.clear()  # wrapped text may need more or fewer lines now

    @Slot()
    def on_model_reset(self) -> None:
        self._sized_rows.clear()
        self._rows.new_schedule()
        used = self._model.used_times()
        for offset, time in enumerate(TIMES_OF_DAY):
            self.setColumnHidden(FIRST_TIME_COLUMN + offset, time not in used)
        # A reset repaints the whole table: the view need not hear of each column fitted
        # (it would lay out and repaint again after the window's next paint).
        with QSignalBlocker(self.horizontalHeader()):
            self._fit_text_columns()

    def _forget_row_heights(self) -> None:
        self._sized_rows.clear()
        self._rows.forget()

    def settle(self) -> None:
        """Lay the table out now, its rows on screen sized, before the window next paints.

        Left to the view's timer, a new schedule was painted with default row heights, and
        then painted again.
        """
        self.executeDelayedItemsLayout()
        self.updateGeometries()

    def _fit_text_columns(self) -> None:
        """Measure each text column's natural width: its widest cell and header, unwrapped.

        Each column's texts are compared by shape (digits as zeros, a severity icon or
        not); only the widest shape's cell is measured by the delegate, then widened by
        what its own digits lack, so no cell of any row is cut. Then fit the columns.
        """
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        grid = 1 if self.showGrid() else 0
        self._natural.clear()
        self._minimum.clear()
        self._padding.clear()
        self._word_px.clear()
        if self._model.rowCount() == 0:
            return
        icon_rows = self._model.icon_rows()
        for column in range(self._model.columnCount()):
            if self._is_dose(column) or self.isColumnHidden(column):
                continue
            icons = icon_rows if column == 0 else frozenset()
            texts = None
            key = self._model.column_key(column)
            if key is None:
                key = texts = tuple(self._model.column_texts(column))
            measured = self._measured.get(column)
            if measured is not None and measured[0] == (key, icons):
                # The same texts as the last schedule's (the dates after a dose edit).
                _key, self._padding[column], self._word_px[column], natural = measured
                self._natural[column] = natural
                continue
            if texts is None:
                texts = tuple(self._model.column_texts(column))
            # One row per distinct shape (and icon or not): a few, even for 3 650 rows.
            rows_by_shape = {
                (digit_shape(text), row in icons): row for row, text in enumerate(texts)
            }
            widest: dict[bool, tuple[int, int, str]] = {}
            for (shape_text, iconic), row in rows_by_shape.items():
                lines = self._model.text(row, column).split("\n")
                for shape, line in zip(shape_text.split("\n"), lines, strict=True):
                    width = self._advance(shape)
                    if width > widest.get(iconic, (-1, 0, ""))[0]:
                        widest[iconic] = (width, row, line)
            # What a cell adds around its text: margins, and the icon where it has one.
            padding = {
                iconic: self.sizeHintForIndex(self._model.index(row, column)).width()
                - metrics.horizontalAdvance(line)
                + grid  # as QTableView.sizeHintForColumn counts the grid line
                for iconic, (_width, row, line) in widest.items()
            }
            self._padding[column] = max(padding.values())
            words = word_shapes(shape for shape, _iconic in rows_by_shape)
            self._word_px[column] = max(map(self._advance, words), default=0)
            cells = [padding[iconic] + width for iconic, (width, _r, _l) in widest.items()]
            self._natural[column] = max(header.sectionSizeHint(column), *cells)
            self._measured[column] = (
                (key, icons),
                self._padding[column],
                self._word_px[column],
                self._natural[column],
            )
        self._fit_once(self._fit_columns)

    def _advance(self, shape: str) -> int:
        """``shape``'s width in the table's font; the same shapes come with every new schedule."""
        width = self._advances.get(shape)
        if width is None:
            width = self._advances[shape] = self.fontMetrics().horizontalAdvance(shape)
        return width

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_rows()
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_rows(self) -> list[int]:
        """The selected rows (0-based), in table order."""
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def copy_rows(self) -> bool:
        """Copy the selected steps, or the whole plan with none selected, as TSV and HTML.

        Returns:
            False when there is no schedule to copy.
        """
        schedule = self._model.schedule()
        if schedule is None:
            return False
        header, body = table_rows(schedule, self.selected_rows() or None)
        from PySide6.QtCore import QMimeData  # here: PySide6 builds a type when first imported

        data = QMimeData()
        data.setText(to_tsv(header, body))  # a spreadsheet takes this
        data.setHtml(to_html_table(header, body))  # a word processor pastes a table
        QGuiApplication.clipboard().setMimeData(data)
        return True

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.step_selected.emit(self.selected_row())

    def selected_row(self) -> int:
        """The selected row, or -1."""
        rows = self.selected_rows()
        return rows[0] if rows else -1

    def select_row(self, row: int) -> None:
        """Select and show ``row`` (or clear the selection for -1)."""
        if row < 0 or row >= self._model.rowCount():
            self.clearSelection()
            return
        index: QModelIndex = self._model.index(row, 0)
        self.selectRow(row)
        self.scrollTo(index)

"""The schedule table: one row per step, unused times of day hidden, rows selectable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from planner.model import TIMES_OF_DAY
from ui.schedule_model import FIRST_TIME_COLUMN, ScheduleModel

# Dose cells wrap at this width rather than pushing the totals off screen.
DOSE_COLUMN_WIDTH = 138


class ScheduleView(QTableView):
    """A read-only table over a ScheduleModel, sized to its contents.

    Signals:
        step_selected(int): the row (0-based) the clinician selected, or -1 for none.
    """

    step_selected = Signal(int)

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setAccessibleName("Schedule table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for offset in range(len(TIMES_OF_DAY)):
            header.setSectionResizeMode(
                FIRST_TIME_COLUMN + offset, QHeaderView.ResizeMode.Interactive
            )
            header.resizeSection(FIRST_TIME_COLUMN + offset, DOSE_COLUMN_WIDTH)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self.on_model_reset)
        self.selectionModel().selectionChanged.connect(self.on_selection_changed)

    @Slot()
    def on_model_reset(self) -> None:
        used = self._model.used_times()
        for offset, time in enumerate(TIMES_OF_DAY):
            self.setColumnHidden(FIRST_TIME_COLUMN + offset, time not in used)

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.step_selected.emit(self.selected_row())

    def selected_row(self) -> int:
        """The selected row, or -1."""
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        """Select and show ``row`` (or clear the selection for -1)."""
        if row < 0 or row >= self._model.rowCount():
            self.clearSelection()
            return
        index: QModelIndex = self._model.index(row, 0)
        self.selectRow(row)
        self.scrollTo(index)

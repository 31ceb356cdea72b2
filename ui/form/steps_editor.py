"""A small editable list of custom steps: daily dose (mg/day) and days."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlanError
from planner.model import CustomStep, format_mg

FIELD = "custom_steps"


class StepsEditor(QWidget):
    """Rows of (daily mg, days); a blank day count means the plan's interval.

    Signals:
        steps_changed: a cell was edited or a row added or removed.
    """

    steps_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Daily dose (mg/day)", "Days (blank: interval)"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Custom steps: daily dose in mg per day and days")
        self.table.setMinimumHeight(130)
        self.add_button = QPushButton("&Add step")
        self.remove_button = QPushButton("Remo&ve step")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.table.itemChanged.connect(self.on_table_item_changed)
        # The rows read as steps, until a cell or row changes (see steps): every edit of the
        # plan reads them, and reading 730 rows of cells cost a 2-year plan's edit 8 ms.
        self._read: tuple[CustomStep, ...] | None = None
        cells = self.table.model()  # it signals every change, with the table's signals blocked
        for signal in (
            cells.dataChanged,
            cells.rowsInserted,
            cells.rowsRemoved,
            cells.rowsMoved,
            cells.modelReset,
            cells.layoutChanged,
        ):
            signal.connect(self.on_cells_changed)

    def set_steps(self, steps: tuple[CustomStep, ...]) -> None:
        """Replace the rows without emitting ``steps_changed``."""
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        for step in steps:
            self._append(format_mg(step.daily_mg), "" if step.days is None else str(step.days))
        self.table.blockSignals(blocked)

    def set_texts(self, rows: list[tuple[str, str]]) -> None:
        """Replace the rows with cell texts as typed (a draft), then emit ``steps_changed``."""
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        for mg_text, days_text in rows:
            self._append(mg_text, days_text)
        self.table.blockSignals(blocked)
        self.steps_changed.emit()

    def steps(self) -> tuple[CustomStep, ...]:
        """The rows as custom steps.

        Raises:
            PlanError: for a cell that is not a number (field ``custom_steps``).
        """
        if self._read is not None:
            return self._read
        steps = []
        for row in range(self.table.rowCount()):
            mg_text = self._cell(row, 0)
            days_text = self._cell(row, 1)
            try:
                daily_mg = float(mg_text)
                if not math.isfinite(daily_mg):
                    raise ValueError(mg_text)  # nan and inf are no doses
            except ValueError:
                raise PlanError(
                    f"Custom step {row + 1}: '{mg_text}' is not a daily dose in mg", field=FIELD
                ) from None
            days = None
            if days_text:
                try:
                    days = int(days_text)
                except ValueError:
                    raise PlanError(
                        f"Custom step {row + 1}: '{days_text}' is not a whole number of days "
                        "(leave it blank to use the plan's interval)",
                        field=FIELD,
                    ) from None
            steps.append(CustomStep(daily_mg, days))
        self._read = tuple(steps)
        return self._read

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _append(self, mg_text: str, days_text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(mg_text))
        self.table.setItem(row, 1, QTableWidgetItem(days_text))

    @Slot()
    def on_add_clicked(self) -> None:
        # A new row repeats the last dose so the clinician edits rather than types from nothing.
        last = self._cell(self.table.rowCount() - 1, 0) if self.table.rowCount() else "0"
        blocked = self.table.blockSignals(True)
        self._append(last, "")
        self.table.blockSignals(blocked)
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.steps_changed.emit()

    @Slot()
    def on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0 and self.table.rowCount():
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self.steps_changed.emit()

    @Slot(QTableWidgetItem)
    def on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        self.steps_changed.emit()

    @Slot()
    def on_cells_changed(self) -> None:
        self._read = None

"""A read-only table model over the caseload's rows: one row per plan file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.caseload.output import cells
from planner.caseload.row import CaseRow

STATUS_COLUMN = 7
COLUMN_WIDTHS = (170, 140, 220, 85, 75, 220, 95, 135, 55, 100, 200, 200)
COLUMNS: tuple[str, ...] = (
    "Patient", "Drugs", "Today", "Step", "% of start", "Next change", "Review due",
    "Status", "Errors", "Last check-in", "File", "Open by",
)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts (dates, numbers), not words
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the CaseRow itself
PAUSED_TINT = QColor("#f8d7da")
OVERDUE_TINT = QColor("#fff3cd")
PROBLEM_TINT = QColor("#e2e3e5")
Index = QModelIndex | QPersistentModelIndex
FAR = dt.date.max.toordinal()  # "none" sorts after every date


def status_text(row: CaseRow) -> str:
    """'Cannot be read', 'PAUSED: red flag', 'Review overdue', 'Stopped' or ''."""
    if row.problem is not None:
        return "Cannot be read"
    if row.paused:
        return "PAUSED: red flag"
    if row.review_overdue:
        return "Review overdue"
    if row.step_text == "stopped":
        return "Stopped"
    return ""


def _words(row: CaseRow) -> list[str]:
    words = cells(row)
    if row.problem is not None:
        # No patient to name: the file stands in for it, and the reason is shown, not hidden.
        reason = row.problem.removeprefix(row.file).strip()
        problem = ["", "", f"Cannot be read: {reason}", *[""] * 4, "Cannot be read"]
        return [row.file, *problem[1:], "", "", row.file, row.open_by]
    return [
        words["patient"] or ("" if row.problem else "(no name)"),
        words["drugs"],
        words["today"],
        words["step"],
        words["% of start"],
        words["next change"],
        words["review due"].replace(" OVERDUE", ""),
        status_text(row),
        words["errors"],
        words["last check-in"],
        row.file,
        row.open_by,
    ]


def _sort_keys(row: CaseRow) -> list[Any]:
    change = row.next_change
    review = row.review
    # Urgency first: a paused plan, an overdue review, a file that cannot be read, the rest;
    # within each, the earliest review first.
    rank = 0 if row.paused else 1 if row.review_overdue else 2 if row.problem else 3
    status = rank * 10_000_000 + (review.date.toordinal() if review else FAR % 10_000_000)
    percent = row.percent_of_start
    return [
        row.patient.casefold() or "\uffff",
        ", ".join(row.drugs),
        sum((row.today_mg or {}).values()),
        row.step_text,
        -1.0 if percent is None else percent,
        change[0].toordinal() if change else FAR,
        review.date.toordinal() if review else FAR,
        status,
        len(row.errors) if row.problem is None else 1_000,
        row.last_checkin.toordinal() if row.last_checkin else 0,
        row.file.casefold(),
        row.open_by.casefold() or "\uffff",
    ]


class CaseloadModel(QAbstractTableModel):
    """The caseload rows as a table; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._words: list[list[str]] = []
        self._keys: list[list[Any]] = []

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        """Show ``rows``; their words and sort keys are worked out once, here."""
        self.beginResetModel()
        self._rows = list(rows)
        self._words = [_words(row) for row in self._rows]
        self._keys = [_sort_keys(row) for row in self._rows]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's value, here in Python (the view's proxy only filters).

        A proxy sorting 5 000 rows asks this model for two values per comparison, each
        a call into Python; one sorted() over the cached keys takes a millisecond.
        """
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_rows = [index.row() for index in before]
        order_of = sorted(
            range(len(self._rows)),
            key=lambda number: self._keys[number][column],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[n] for n in order_of]
        self._words = [self._words[n] for n in order_of]
        self._keys = [self._keys[n] for n in order_of]
        new_place = {old: new for new, old in enumerate(order_of)}
        self.changePersistentIndexList(
            before,
            [self.index(new_place[row], index.column()) for row, index in zip(old_rows, before,
                                                                             strict=True)],
        )
        self.layoutChanged.emit()

    def row_at(self, number: int) -> CaseRow:
        """The CaseRow shown in row ``number``."""
        return self._rows[number]

    def rows(self) -> list[CaseRow]:
        """Every row, in the model's order."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._words[row][column]
        if role == SORT_ROLE:
            return self._keys[row][column]
        if role == ROW_ROLE:
            return self._rows[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._rows[row], column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tint(self._rows[row])
        return None

    @staticmethod
    def _tint(row: CaseRow) -> QBrush | None:
        if row.problem is not None:
            return QBrush(PROBLEM_TINT)
        if row.paused:
            return QBrush(PAUSED_TINT)
        if row.review_overdue:
            return QBrush(OVERDUE_TINT)
        return None

    @staticmethod
    def _tooltip(row: CaseRow, column: int) -> str | None:
        if row.problem is not None:
            return row.problem
        name = COLUMNS[column]
        review = row.review
        if name == "Patient":
            return f"{row.file} — double-click to open"
        if name == "Review due" and review is not None:
            return f"{review.reason}. Source: {review.source}"
        if name in ("Errors", "Status") and row.errors:
            return "\n".join(f"{e.message} [{e.source}]" for e in row.errors)
        if name == "% of start":
            return "Today's dose as a share of the starting dose, in diazepam equivalents"
        return None

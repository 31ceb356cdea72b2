"""A read-only table model over the caseload's rows: one row per plan file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.caseload.output import cells
from planner.caseload.row import CaseRow
from ui.caseload.filters import Filters, passing

STATUS_COLUMN = 7
COLUMN_WIDTHS = (170, 140, 220, 85, 75, 220, 95, 135, 55, 100, 200, 200)
COLUMNS: tuple[str, ...] = (
    "Patient", "Drugs", "Today", "Step", "% of start", "Next change", "Review due",
    "Status", "Errors", "Last check-in", "File", "Open by",
)
COLUMN_COUNT = len(COLUMNS)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts (dates, numbers), not words
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the CaseRow itself
DISPLAY = Qt.ItemDataRole.DisplayRole.value
BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
SERVED_ROLES = frozenset({DISPLAY, BACKGROUND, TOOLTIP, SORT_ROLE, ROW_ROLE})
PAUSED_TINT = QBrush(QColor("#f8d7da"))
OVERDUE_TINT = QBrush(QColor("#fff3cd"))
PROBLEM_TINT = QBrush(QColor("#e2e3e5"))
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


def _words(row: CaseRow) -> tuple[str, ...]:
    words = cells(row)
    if row.problem is not None:
        # No patient to name: the file stands in for it, and the reason is shown, not hidden.
        reason = row.problem.removeprefix(row.file).strip()
        problem = ["", "", f"Cannot be read: {reason}", *[""] * 4, "Cannot be read"]
        return (row.file, *problem[1:], "", "", row.file, row.open_by)
    # Tuples, not lists: a tuple of strings is left alone by Python's garbage collector,
    # which otherwise walks every row's words again at each full collection.
    return (
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
    )


def _sort_keys(row: CaseRow) -> tuple[Any, ...]:
    change = row.next_change
    review = row.review
    # Urgency first: a paused plan, an overdue review, a file that cannot be read, the rest;
    # within each, the earliest review first.
    rank = 0 if row.paused else 1 if row.review_overdue else 2 if row.problem else 3
    status = rank * 10_000_000 + (review.date.toordinal() if review else FAR % 10_000_000)
    percent = row.percent_of_start
    return (
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
    )


class Prepared(NamedTuple):
    """A row with the words it shows, the values it sorts by, its tint and search text."""

    row: CaseRow
    words: tuple[str, ...]
    keys: tuple[Any, ...]
    tint: QBrush | None
    search_text: str


def prepare(row: CaseRow) -> Prepared:
    """Work out a row's words and sort keys (about 0.1 ms: a window does it in slices)."""
    return Prepared(row, _words(row), _sort_keys(row), _tint(row), row.search_text)


def _tint(row: CaseRow) -> QBrush | None:
    if row.problem is not None:
        return PROBLEM_TINT
    if row.paused:
        return PAUSED_TINT
    if row.review_overdue:
        return OVERDUE_TINT
    return None


class CaseloadModel(QAbstractTableModel):
    """The caseload rows as a table, sorted and filtered here; ``set_rows`` replaces them all.

    The model filters itself rather than through a QSortFilterProxyModel: a proxy asks
    this Python model for its index again for every role of every painted cell, and for
    every row at each keystroke; here a keystroke is one list comprehension and a painted
    cell's role one call (a page of 5 000 rows: see README "Performance").
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[Prepared] = []  # every row, in the sort order
        self._filters = Filters()
        # The rows shown (those the filters pass), in order, and what data() reads of them.
        self._shown: list[Prepared] = []
        self._words: list[tuple[str, ...]] = []
        self._tints: list[QBrush | None] = []

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        """Show ``rows``; their words and sort keys are worked out once, here."""
        self.set_prepared([prepare(row) for row in rows])

    def set_prepared(
        self, prepared: Sequence[Prepared], sort: tuple[int, Qt.SortOrder] | None = None
    ) -> None:
        """Show rows whose words and sort keys were worked out already (``prepare``).

        ``sort``: (column, order) to show them in, sorted before the one reset.
        """
        if sort is not None:
            column, order = sort
            descending = order == Qt.SortOrder.DescendingOrder
            prepared = sorted(prepared, key=lambda item: item.keys[column], reverse=descending)
        self.beginResetModel()
        self._all = list(prepared)
        self._set_shown(self._passing())
        self.endResetModel()

    def filters(self) -> Filters:
        """The filters in effect."""
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        """Show only the rows ``filters`` pass (at once); the selection keeps rows still shown."""
        if filters == self._filters:
            return
        self._filters = filters
        self._relayout(self._all)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's value (dates as dates), in Python over cached keys.

        One sorted() over the cached keys takes a millisecond; a proxy sorting 5 000 rows
        asked this model for two values per comparison, each a call into Python.
        """
        self._relayout(
            sorted(
                self._all,
                key=lambda item: item.keys[column],
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        )

    def _passing(self) -> list[Prepared]:
        items = self._all
        numbers = passing(
            [item.row for item in items], [item.search_text for item in items], self._filters
        )
        return [items[number] for number in numbers]

    def _set_shown(self, shown: list[Prepared]) -> None:
        self._shown = shown
        self._words = [item.words for item in shown]
        self._tints = [item.tint for item in shown]

    def _relayout(self, in_order: list[Prepared]) -> None:
        # A new order or a new filter, told to the view as a change of layout (as a proxy
        # does): persistent indexes (the selection, the current cell) follow their rows,
        # and those of rows no longer shown become invalid.
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_items = [self._shown[index.row()] for index in before]
        self._all = in_order
        self._set_shown(self._passing())
        place = {id(item): number for number, item in enumerate(self._shown)}
        after = []
        for item, index in zip(old_items, before, strict=True):
            number = place.get(id(item))
            after.append(QModelIndex() if number is None else self.index(number, index.column()))
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def row_at(self, number: int) -> CaseRow:
        """The CaseRow shown in row ``number``."""
        return self._shown[number].row

    def rows(self) -> list[CaseRow]:
        """Every row, shown or filtered out, in the model's order."""
        return [item.row for item in self._all]

    def visible_rows(self) -> list[CaseRow]:
        """The rows the filters pass, in the order shown."""
        return [item.row for item in self._shown]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Without this Qt's own index() asks rowCount() and columnCount() of this Python
        # model for every cell it paints: one call instead of three.
        if 0 <= row < len(self._shown) and 0 <= column < COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # A painted cell asks for seven roles: the ones not served return at once, roles
        # are compared as plain ints (an enum member costs a lookup each time), and the
        # words and tints are read from lists made when the rows were shown.
        if role not in SERVED_ROLES:
            return None
        row, column = index.row(), index.column()
        if row < 0:  # an invalid index
            return None
        if role == DISPLAY:
            return self._words[row][column]
        if role == BACKGROUND:
            return self._tints[row]
        if role == SORT_ROLE:
            return self._shown[row].keys[column]
        if role == ROW_ROLE:
            return self._shown[row].row
        return self._tooltip(self._shown[row].row, column)

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

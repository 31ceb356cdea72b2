"""Filters and search over the caseload: changes soon, reviews overdue, paused, with errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from planner.caseload.row import CaseRow
from ui.caseload.model import ROW_ROLE, SORT_ROLE, CaseloadModel

Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True)
class Filters:
    """Which rows to show; every filter that is on must match (an empty Filters shows all).

    ``changes_within_days``: a dose change from today up to that many days ahead.
    ``with_errors`` also shows files that cannot be read (their problem is an error).
    """

    search: str = ""
    changes_within_days: int | None = None
    overdue: bool = False
    paused: bool = False
    with_errors: bool = False

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        """The search's words in lower case (split once, not once per row)."""
        return tuple(self.search.casefold().split())


def matches(row: CaseRow, filters: Filters) -> bool:
    """True when ``row`` passes every filter that is on."""
    words = filters.words
    if words:
        haystack = row.search_text
        for word in words:
            if word not in haystack:
                return False
    if filters.changes_within_days is not None:
        change = row.next_change
        horizon = row.today + dt.timedelta(days=filters.changes_within_days)
        if change is None or change[0] > horizon:
            return False
    if filters.overdue and not row.review_overdue:
        return False
    if filters.paused and not row.paused:
        return False
    return not (filters.with_errors and not (row.errors or row.problem))


class CaseloadProxy(QSortFilterProxyModel):
    """Shows the rows the filters pass, in the model's order (the model sorts itself, fast).

    ``sort()`` on the proxy still works (by each column's value, dates as dates), but the
    caseload view sorts the model instead: see CaseloadModel.sort.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filters = Filters()
        self.setSortRole(SORT_ROLE)

    def filters(self) -> Filters:
        """The filters in effect."""
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        """Apply new filters (re-filters at once)."""
        if filters == self._filters:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._filters = filters
            self.endFilterChange()
        else:
            self._filters = filters
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, CaseloadModel):  # straight to the row: no QModelIndex, no data()
            return matches(model.row_at(source_row), self._filters)
        row = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        return isinstance(row, CaseRow) and matches(row, self._filters)

"""Filters and search over the caseload: changes soon, reviews overdue, paused, with errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence

from planner.caseload.row import CaseRow


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

    @property
    def only_search(self) -> bool:
        """True when no filter but the search box is on."""
        return self == Filters(self.search)


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


def passing(rows: Sequence[CaseRow], haystacks: Sequence[str], filters: Filters) -> list[int]:
    """The numbers of the rows that pass ``filters``, in order.

    ``haystacks``: each row's ``search_text``, worked out once when the row was prepared.
    A keystroke in the search box is mostly this: with no other filter on it is one
    substring test per word and row, without a call per row.
    """
    words = filters.words
    if filters.only_search:
        if not words:
            return list(range(len(rows)))
        if len(words) == 1:
            word = words[0]
            return [number for number, text in enumerate(haystacks) if word in text]
        return [
            number
            for number, text in enumerate(haystacks)
            if all(word in text for word in words)
        ]
    return [number for number, row in enumerate(rows) if matches(row, filters)]

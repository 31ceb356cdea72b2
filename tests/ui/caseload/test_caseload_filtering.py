"""The caseload model filters itself: the same rows as the filters' own test, selection kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from benchmarks.caseload_folder import write_folder
from planner.caseload.index import CaseloadIndex
from planner.files.planfile import SUFFIX
from ui.caseload.filters import Filters, matches, passing
from ui.caseload.model import COLUMNS, SORT_ROLE
from ui.caseload.view import CaseloadWindow

TODAY = dt.date(2027, 3, 1)
FILTERS = [
    Filters(),
    Filters(search="lorazepam"),
    Filters(search="LORAZEPAM switch"),
    Filters(search="  uk  "),
    Filters(search="no such patient"),
    Filters(search="damaged"),  # a file that cannot be read is found by its name
    Filters(paused=True),
    Filters(overdue=True),
    Filters(with_errors=True),
    Filters(changes_within_days=0),
    Filters(changes_within_days=30, search="diazepam"),
    Filters(search="switch", overdue=True),
]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> CaseloadWindow:
    folder = tmp_path / "plans"
    write_folder(folder, TODAY, copies=3)
    view = CaseloadWindow(CaseloadIndex(None), today=lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=60_000):
        view.open_folder(folder)
    return view


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_the_model_shows_the_rows_the_filters_pass_in_order(
    window: CaseloadWindow, filters: Filters
) -> None:
    model = window.model
    model.set_filters(filters)
    expected = [row for row in model.rows() if matches(row, filters)]
    assert model.visible_rows() == expected
    assert model.rowCount() == len(expected)
    # Each shown cell is the row's own (the words of the right row after filtering).
    for number, row in enumerate(expected):
        assert model.index(number, COLUMNS.index("File")).data() == row.file
    # The search's quick path is the same test as matches().
    rows = model.rows()
    assert passing(rows, [row.search_text for row in rows], filters) == [
        number for number, row in enumerate(rows) if matches(row, filters)
    ]


def test_the_search_finds_what_it_found(window: CaseloadWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.search, "lorazepam switch")
    files = sorted({row.file for row in window.visible_rows()})
    assert files == [f"lorazepam-switch-0000{n}{SUFFIX}" for n in range(3)]
    assert window.counts.text().startswith("3 of ")
    window.search.clear()
    assert len(window.visible_rows()) == len(window.model.rows())


def test_the_selection_follows_its_row_through_filters_and_sorts(window: CaseloadWindow) -> None:
    table, model = window.table, window.model
    target = next(number for number, row in enumerate(model.visible_rows()) if "switch" in row.file)
    chosen = model.row_at(target)
    table.selectionModel().setCurrentIndex(
        model.index(target, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )

    def selected() -> list[str]:
        return [model.row_at(index.row()).file for index in table.selectionModel().selectedRows()]

    window.search.setText("switch")  # the row is still shown: still selected, now elsewhere
    assert selected() == [chosen.file]
    assert model.row_at(table.currentIndex().row()) is chosen
    window.sort_by(COLUMNS.index("File"), Qt.SortOrder.DescendingOrder)
    assert selected() == [chosen.file]
    column = COLUMNS.index("File")
    files = [model.index(n, column).data(SORT_ROLE) for n in range(model.rowCount())]
    assert files == sorted(files, reverse=True) and len(files) > 1
    window.search.setText("no such patient")  # hidden: nothing selected
    assert selected() == [] and not table.currentIndex().isValid()

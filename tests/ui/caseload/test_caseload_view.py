"""The caseload window over a generated folder: rows, filters, search, sorting, refresh, open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from benchmarks.caseload_folder import DAMAGED, write_folder
from planner.caseload.index import CaseloadIndex
from planner.files.planfile import SUFFIX, load_plan, save_plan
from planner.model import Patient
from ui.caseload.model import COLUMNS
from ui.caseload.view import CaseloadWindow

TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_folder(tmp_path / "plans", TODAY)
    return tmp_path / "plans"


@pytest.fixture
def window(qtbot: QtBot, folder: Path, tmp_path: Path) -> CaseloadWindow:
    view = CaseloadWindow(CaseloadIndex(tmp_path / "data"), today=lambda: TODAY)
    qtbot.addWidget(view)
    assert view.open_folder(folder) is None
    return view


def test_every_file_has_a_row_most_urgent_first(window: CaseloadWindow, folder: Path) -> None:
    rows = window.visible_rows()
    assert len(rows) == len(list(folder.iterdir()))
    assert rows[0].paused  # the red flag comes first
    overdue = [row.review_overdue for row in rows[1:]]
    assert overdue == sorted(overdue, reverse=True)
    problems = [row for row in rows if row.problem]
    assert {row.file for row in problems} == {f"{name}{SUFFIX}" for name in DAMAGED}
    assert "of 24 plans shown" in window.counts.text() or "plans shown" in window.counts.text()


def test_the_model_passes_qt_model_checks(
    window: CaseloadWindow, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)


def test_filters_and_search(window: CaseloadWindow, qtbot: QtBot) -> None:
    window.paused_box.setChecked(True)
    assert [row.patient for row in window.visible_rows()] == ["Paused on a red flag"]
    window.paused_box.setChecked(False)
    window.errors_box.setChecked(True)
    assert all(row.errors or row.problem for row in window.visible_rows())
    window.errors_box.setChecked(False)
    window.overdue_box.setChecked(True)
    assert window.visible_rows() and all(r.review_overdue for r in window.visible_rows())
    window.overdue_box.setChecked(False)
    window.within_days.setValue(3)
    window.changes_box.setChecked(True)
    soon = window.visible_rows()
    assert soon and all(
        r.next_change and r.next_change[0] <= TODAY + dt.timedelta(days=3) for r in soon
    )
    window.changes_box.setChecked(False)
    qtbot.keyClicks(window.search, "lorazepam switch")
    assert [row.file for row in window.visible_rows()] == [f"lorazepam-switch{SUFFIX}"]


def test_sorting_by_review_due_sorts_dates(window: CaseloadWindow) -> None:
    column = COLUMNS.index("Review due")
    window.sort_by(column, Qt.SortOrder.AscendingOrder)
    dates = [row.review.date for row in window.visible_rows() if row.review]
    assert dates == sorted(dates)
    window.sort_by(column, Qt.SortOrder.DescendingOrder)
    dates = [row.review.date for row in window.visible_rows() if row.review]
    assert dates == sorted(dates, reverse=True)
    window.sort_by(COLUMNS.index("Patient"), Qt.SortOrder.AscendingOrder)
    names = [row.patient.casefold() for row in window.visible_rows() if row.patient]
    assert names == sorted(names)


def test_a_file_changed_underneath_shows_after_a_refresh(
    window: CaseloadWindow, folder: Path, qtbot: QtBot
) -> None:
    path = folder / f"diazepam-uk{SUFFIX}"
    save_plan(load_plan(path).replace(patient=Patient(name="Changed underneath")), path)
    (folder / f"empty{SUFFIX}").unlink()
    # The folder watcher re-reads it by itself, after a short pause.
    qtbot.waitUntil(
        lambda: "Changed underneath" in {row.patient for row in window.model.rows()},
        timeout=5000,
    )
    assert f"empty{SUFFIX}" not in {row.file for row in window.model.rows()}
    assert window.index.stats.parsed == 1


def test_double_click_asks_to_open_the_plan(window: CaseloadWindow, qtbot: QtBot) -> None:
    index = window.proxy.index(0, 0)
    with qtbot.waitSignal(window.open_requested) as opened:
        window.on_table_double_clicked(index)
    assert opened.args == [window.folder / window.visible_rows()[0].file]


def test_a_folder_that_cannot_be_read(qtbot: QtBot, tmp_path: Path) -> None:
    view = CaseloadWindow(CaseloadIndex(None), today=lambda: TODAY)
    qtbot.addWidget(view)
    assert "Cannot read the caseload folder" in (view.open_folder(tmp_path / "gone") or "")
    assert view.model.rowCount() == 0


def test_a_big_first_read_shows_its_progress(qtbot: QtBot, tmp_path: Path) -> None:
    write_folder(tmp_path / "many", TODAY, copies=3)  # over 50 plans: progress after 50
    view = CaseloadWindow(CaseloadIndex(None), today=lambda: TODAY)
    qtbot.addWidget(view)
    seen: list[str] = []
    view.counts.setText = seen.append  # type: ignore[method-assign]
    assert view.open_folder(tmp_path / "many") is None
    total = len(list((tmp_path / "many").iterdir()))
    assert f"Reading plan files: 50 of {total}…" in seen
    assert view.model.rowCount() == len(list((tmp_path / "many").iterdir()))

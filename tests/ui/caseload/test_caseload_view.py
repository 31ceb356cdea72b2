"""The caseload window over a generated folder: rows, filters, search, sorting, refresh, open."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from benchmarks.caseload_folder import DAMAGED, write_folder
from planner.caseload.index import CHECKS_PER_STEP, CaseloadIndex
from planner.files.planfile import SUFFIX, load_plan, save_plan
from planner.model import Patient
from ui.caseload import reader as reader_module
from ui.caseload.model import COLUMNS
from ui.caseload.view import CaseloadWindow

TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_folder(tmp_path / "plans", TODAY)
    return tmp_path / "plans"


def _open(view: CaseloadWindow, folder: Path, qtbot: QtBot) -> None:
    # The folder is read a slice at a time between events: wait for the rows.
    with qtbot.waitSignal(view.refreshed, timeout=60_000):
        assert view.open_folder(folder) is None


@pytest.fixture
def window(qtbot: QtBot, folder: Path, tmp_path: Path) -> CaseloadWindow:
    view = CaseloadWindow(CaseloadIndex(tmp_path / "data"), today=lambda: TODAY)
    qtbot.addWidget(view)
    _open(view, folder, qtbot)
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
    # The model filters and sorts itself: Qt's tester, still attached, checks each change.
    window.search.setText("switch")
    window.sort_by(COLUMNS.index("Patient"), Qt.SortOrder.DescendingOrder)
    window.paused_box.setChecked(True)
    window.search.setText("")
    window.paused_box.setChecked(False)


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
    index = window.model.index(0, 0)
    with qtbot.waitSignal(window.open_requested) as opened:
        window.on_table_double_clicked(index)
    assert opened.args == [window.folder / window.visible_rows()[0].file]


def test_a_folder_that_cannot_be_read(qtbot: QtBot, tmp_path: Path) -> None:
    view = CaseloadWindow(CaseloadIndex(None), today=lambda: TODAY)
    qtbot.addWidget(view)
    assert "Cannot read the caseload folder" in (view.open_folder(tmp_path / "gone") or "")
    assert not view.reading
    assert view.model.rowCount() == 0


class _Events(QObject):
    """Counts paints of a widget while the caseload is being read."""

    def __init__(self, view: CaseloadWindow, widget: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self.paints_while_reading = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.view.reading:
            self.paints_while_reading += 1
        return False


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # One file per slice (SLICE_MS 0): however fast the machine, the read spans many slices.
    monkeypatch.setattr(reader_module, "SLICE_MS", 0)
    write_folder(tmp_path / "many", TODAY, copies=3)
    return tmp_path / "many"


def test_a_big_first_read_shows_its_progress(qtbot: QtBot, many: Path) -> None:
    view = CaseloadWindow(CaseloadIndex(None), today=lambda: TODAY)
    qtbot.addWidget(view)
    seen: list[str] = []
    view.counts.setText = seen.append  # type: ignore[method-assign]
    _open(view, many, qtbot)
    total = len(list(many.iterdir()))
    assert f"Checking plan files: {CHECKS_PER_STEP} of {total}…" in seen  # a step per 16 files
    assert f"Reading plan files: 1 of {total}…" in seen
    assert f"Reading plan files: {total - 1} of {total}…" in seen
    assert f"Showing plans: 1 of {total}…" in seen
    assert view.model.rowCount() == total


# Offscreen windows cannot pass size hints; Qt says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_window_paints_and_takes_keys_while_a_big_folder_is_read(
    qtbot: QtBot, many: Path, tmp_path: Path
) -> None:
    view = CaseloadWindow(CaseloadIndex(tmp_path / "data"), today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    events = _Events(view, view.counts)
    assert view.open_folder(many) is None
    assert view.reading and view.model.rowCount() == 0  # back at once; the read goes on
    # Keys typed now go through the event loop and are handled before the read ends.
    for key, text in ((Qt.Key.Key_S, "s"), (Qt.Key.Key_W, "w")):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            QCoreApplication.postEvent(view.search, event)
    qtbot.waitUntil(lambda: view.search.text() == "sw")
    assert view.reading
    qtbot.waitUntil(lambda: events.paints_while_reading >= 3)  # the progress is painted
    assert view.reading and view.progress_bar.isVisible()
    assert 0 < view.progress_bar.value() <= view.progress_bar.maximum()
    qtbot.waitUntil(lambda: not view.reading, timeout=60_000)
    shown = {row.file for row in view.visible_rows()}
    assert shown and all("switch" in name for name in shown)  # the search typed meanwhile
    assert not view.progress_bar.isVisible()
    assert "plans shown" in view.counts.text()


# Offscreen windows cannot pass size hints; Qt says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_closing_mid_read_stops_it_and_writes_nothing(
    qtbot: QtBot, many: Path, tmp_path: Path
) -> None:
    index = CaseloadIndex(tmp_path / "data")
    view = CaseloadWindow(index, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.open_folder(many) is None
    qtbot.waitUntil(lambda: "Reading plan files" in view.counts.text())
    view.close()
    assert not view.reading and not view.reader.timer.isActive()
    qtbot.wait(50)  # nothing runs after the close (a slot's exception fails the test)
    assert index.db.execute("SELECT COUNT(*) FROM entries").fetchone() == (0,)
    view.show()  # opened again: read from the start, every file
    _open(view, many, qtbot)
    assert view.model.rowCount() == len(list(many.iterdir()))
    assert index.stats.parsed == len(list(many.iterdir()))


def test_returning_to_the_window_keeps_rows_that_did_not_change(
    window: CaseloadWindow, folder: Path, qtbot: QtBot
) -> None:
    before = {row.file: row for row in window.model.rows()}
    path = folder / f"diazepam-uk{SUFFIX}"
    save_plan(load_plan(path).replace(patient=Patient(name="Edited meanwhile")), path)
    with qtbot.waitSignal(window.refreshed, timeout=60_000):
        window.refresh()
    after = {row.file: row for row in window.model.rows()}
    assert after[path.name].patient == "Edited meanwhile"
    # Every other row is the one prepared before: nothing decoded or worked out again.
    assert all(after[name] is row for name, row in before.items() if name != path.name)
    window.today = lambda: TODAY + dt.timedelta(days=1)  # the next morning: every row anew
    with qtbot.waitSignal(window.refreshed, timeout=60_000):
        window.refresh()
    assert all(row.today == TODAY + dt.timedelta(days=1) for row in window.model.rows())


def test_opening_another_folder_mid_read_shows_only_that_folder(
    qtbot: QtBot, many: Path, folder: Path
) -> None:
    view = CaseloadWindow(CaseloadIndex(None), today=lambda: TODAY)
    qtbot.addWidget(view)
    shown: list[set[str]] = []
    view.model.modelReset.connect(lambda: shown.append({row.file for row in view.model.rows()}))
    assert view.open_folder(many) is None
    qtbot.waitUntil(lambda: "Reading plan files" in view.counts.text())
    _open(view, folder, qtbot)
    assert shown == [{path.name for path in folder.iterdir()}]


def test_objects_are_set_aside_from_full_collections_only_while_a_folder_is_read(
    qtbot: QtBot, many: Path, tmp_path: Path
) -> None:
    # A full collection walks every object of the process: set aside during a read of
    # thousands of plans (it stopped the window for 100-180 ms), put back however it ends.
    view = CaseloadWindow(CaseloadIndex(tmp_path / "data"), today=lambda: TODAY)
    qtbot.addWidget(view)
    assert gc.get_freeze_count() == 0
    assert view.open_folder(many) is None
    assert view.reading and gc.get_freeze_count() > 0
    view.close()  # cancelled mid-read
    assert not view.reading and gc.get_freeze_count() == 0
    view.show()
    _open(view, many, qtbot)  # read to the end
    assert gc.get_freeze_count() == 0

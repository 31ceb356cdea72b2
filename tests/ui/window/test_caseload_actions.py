"""File → Open Caseload…: the caseload window opens a chosen folder; double-click opens a plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.caseload_folder import write_folder
from planner.files.planfile import SUFFIX, load_plan
from tests.ui.conftest import Dialogs
from tests.ui.form.test_typed_values import wheel
from ui.window import caseload_actions
from ui.window.main_window import MainWindow


# Offscreen windows cannot pass size hints or be raised; Qt says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_open_caseload_then_a_plan(
    window: MainWindow,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    folder = tmp_path / "plans"
    write_folder(folder, dt.date.today())
    monkeypatch.setattr(caseload_actions, "choose_folder", lambda *_: str(folder))
    monkeypatch.setattr(caseload_actions, "data_dir", lambda: tmp_path / "data")
    assert window.caseload.open_action in window.file_menu.actions()
    window.caseload.open_action.trigger()
    view = window.caseload.window
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: not view.reading)
    assert view.model.rowCount() == len(list(folder.iterdir()))
    assert (tmp_path / "data" / "caseload.sqlite3").exists()
    days = view.within_days.value()
    wheel(view.within_days, 3)  # its filters ignore a wheel without focus, as the form does
    assert view.within_days.value() == days
    # Double-clicking a row opens that plan here (after asking about unsaved changes).
    window.edit_plan(window.current_plan().replace(interval_days=21))
    dialogs.unsaved_answer = QMessageBox.StandardButton.Discard
    target = folder / f"diazepam-uk{SUFFIX}"
    view.open_requested.emit(target)
    assert window.path == target
    assert window.current_plan() == load_plan(target)
    assert dialogs.asked

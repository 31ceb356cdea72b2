"""No markup from files or input: every dialog that shows a file's or the user's text is plain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from planner.files import planfile
from tests.planner.files.planfile_strategies import valid_plans
from ui.followup import actions as followup_actions
from ui.printing import actions as export_actions
from ui.window import dialogs, error_report, recovery
from ui.window.main_window import MainWindow

MARKUP = '<a href="https://example.org">Update</a><h1>Big</h1>'


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Every message box opened, instead of waiting for a click."""
    boxes: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return boxes


def _assert_plain(box: QMessageBox, must_show: str) -> None:
    labels = [label for label in box.findChildren(QLabel) if label.text()]
    assert labels
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert any(must_show in label.text() for label in labels), [x.text() for x in labels]


def _string_paths(node: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _string_paths(value, (*path, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _string_paths(value, (*path, index))]
    return [path] if isinstance(node, str) else []


def _markup_files(folder: Path) -> list[Path]:
    data = planfile.plan_to_dict(valid_plans()[0])
    data["history"] = [
        {"kind": "checkin", "date": "2027-02-01", "symptoms": {}, "red_flags": [],
         "action": "continue", "hold_days": 7, "note": "x"}
    ]  # fmt: skip
    files = []
    for number, path in enumerate(_string_paths(data)):
        changed = json.loads(json.dumps(data))
        node = changed
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = MARKUP
        target = folder / f"markup-{number}.taper.json"
        target.write_text(json.dumps(changed), encoding="utf-8")
        files.append(target)
    return files


def test_markup_in_any_field_of_a_file_shows_as_typed(
    window: MainWindow, tmp_path: Path, shown: list[QMessageBox]
) -> None:
    files = _markup_files(tmp_path)
    assert len(files) > 10
    refused = 0
    for path in files:
        message = window.open_path(path)
        if message is None:
            continue  # a name or note: plain text everywhere it is shown (tested elsewhere)
        refused += 1
        dialogs.tell_user(window, "Cannot open plan", message)
        _assert_plain(shown[-1], "<")
    assert refused > 5


def test_every_dialog_that_shows_text_is_plain(
    qtbot: QtBot, window: MainWindow, shown: list[QMessageBox]
) -> None:
    dialogs.ask_unsaved_changes(window, f"{MARKUP}.taper.json")
    _assert_plain(shown[-1], MARKUP)
    dialogs.tell_user(window, "Cannot save", f"The plan was not saved: {MARKUP}")
    _assert_plain(shown[-1], "<a href")
    recovery.ask_restore(window, MARKUP)
    _assert_plain(shown[-1], "<a href")
    recovery.tell_unrecoverable(window, MARKUP)
    _assert_plain(shown[-1], "<a href")
    followup_actions.urgent_review(window, MARKUP)
    _assert_plain(shown[-1], "<a href")
    followup_actions.cannot_record(window, MARKUP)
    _assert_plain(shown[-1], "<a href")
    export_actions.tell(window, MARKUP)
    _assert_plain(shown[-1], "<a href")
    error_report.show_error(window, MARKUP, "details", Path("/tmp/<b>log</b>"))
    _assert_plain(shown[-1], "<b>log</b>")

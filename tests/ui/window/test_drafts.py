"""A plan with an invalid field can always be saved: as a draft that reopens exactly as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import BASE_PLAN, Dialogs
from tests.ui.helpers import choose, type_into
from ui.window.main_window import MainWindow


def input_named(window: MainWindow, field: str) -> QLineEdit:
    form = window.form
    boxes = {"night": form.doses["night"], "interval": form.interval, "start": form.start}
    return boxes.get(field, form.date_of_birth)


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("night", "1x"),
        ("night", "0.3"),
        ("interval", "400"),
        ("start", "2027-02-30"),
        ("date_of_birth", "31 Apr 1950"),
        ("date_of_birth", "2090-01-01"),
    ],
)
def test_an_invalid_plan_is_saved_as_typed_and_reopens_the_same(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path, field: str, typed: str
) -> None:
    box = input_named(window, field)
    with qtbot.waitSignal(window.schedule_shown):
        choose(window.form.method.method_combo, "percent-original")
    type_into(qtbot, box, typed)
    qtbot.waitUntil(lambda: bool(window.form.error_message()))
    message = window.form.error_message()
    dialogs.draft_answer = True
    dialogs.save_path = str(tmp_path / "ann.taper.json")
    assert window.save()
    draft = tmp_path / "ann.taper-draft.json"
    assert draft.exists() and not (tmp_path / "ann.taper.json").exists()
    assert dialogs.draft_offers == [message]
    assert not window.isWindowModified()

    again = window
    again.start_plan(BASE_PLAN, None)  # as a fresh start would show
    assert again.form.error_message() == ""
    assert again.open_path(draft) is None
    again_box = input_named(again, field)
    assert again_box.text() == typed
    assert str(again.form.method.method()) == "percent-original"  # combos come back too
    assert again.form.error_message() == message
    assert again.path is None  # a draft is never overwritten by a later Save as a plan
    assert again.current_schedule() is not None and again.schedule_is_stale()


def test_a_file_that_is_not_a_draft_is_refused_with_a_reason(
    window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "x.taper-draft.json"
    bad.write_text(json.dumps({"draft": 99}), encoding="utf-8")
    assert "not a Taper Planner draft" in (window.open_path(bad) or "")
    bad.write_text("{", encoding="utf-8")
    assert window.open_path(bad)
    assert window.current_plan() == BASE_PLAN

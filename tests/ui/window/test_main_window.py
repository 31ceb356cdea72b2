"""The window as a clinician uses it: edit, see the schedule at once, save, undo, compare."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.files.planfile import load_plan, save_plan
from planner.model import Method
from planner.report.summary import summary_line
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW, Dialogs
from tests.ui.helpers import choose, type_into
from ui.schedule.table_model import COLUMNS
from ui.window.main_window import MainWindow


def daily_column(window: MainWindow) -> list[str]:
    model = window.pane.model
    column = COLUMNS.index("mg/day")
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_first_plan_is_shown_at_once(window: MainWindow) -> None:
    schedule = plan(BASE_PLAN)
    assert window.current_schedule() == schedule
    assert window.summary.text() == summary_line(schedule)
    assert window.pane.model.rowCount() == len(schedule.steps)
    assert window.windowTitle() == "Untitled[*] — Taper Planner"
    assert not window.isWindowModified()


def test_an_edit_replans_without_a_button(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        type_into(qtbot, window.form.interval, "28")
    schedule = blocker.args[0]
    assert schedule.steps == plan(BASE_PLAN.replace(interval_days=28)).steps
    assert window.current_schedule() == plan(BASE_PLAN.replace(interval_days=28))
    assert window.pane.model.rowCount() == len(schedule.steps)
    assert window.pane.chart.drug_lines[0].get_xydata()[2, 0] - 28 == pytest.approx(
        window.pane.chart.drug_lines[0].get_xydata()[1, 0]
    )
    assert "in 20 weeks" in window.summary.text()
    assert window.isWindowModified()


def test_switching_method_shows_its_schedule(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        choose(window.form.method.method_combo, str(Method.FIXED))
        type_into(qtbot, window.form.method.amount, "0.5")
    assert blocker.args[0].plan.amount_mg == 0.5
    assert daily_column(window) == ["1 mg", "0.5 mg", "0 mg"]


def test_invalid_input_is_shown_at_its_field_and_the_old_schedule_goes_grey(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.pane.chart.drug_lines[0].get_xydata().copy()
    rows_before = daily_column(window)
    with qtbot.waitSignal(window.form.plan_changed):
        type_into(qtbot, window.form.doses["morning"], "0.3")
    message = window.form.rows.label_for("regimen.morning").text()
    assert "morning dose of 0.3 mg cannot be measured" in message
    assert window.statusBar().currentMessage() == message
    assert window.pane.is_stale()
    assert not window.pane.table.isEnabled()
    assert window.pane.chart.stale_text.get_visible()
    assert daily_column(window) == rows_before
    assert (window.pane.chart.drug_lines[0].get_xydata() == before).all()
    assert window.summary.text().startswith("Out of date")
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.doses["morning"], "0.25")
    assert not window.pane.is_stale()
    assert window.form.error_message() == ""
    assert window.pane.table.isEnabled()


def test_save_and_open_round_trip(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.patient_name, "Ann Example")
    dialogs.save_path = str(tmp_path / "ann")
    window.save_action.trigger()
    saved = tmp_path / "ann.taper.json"
    assert load_plan(saved) == window.current_plan()
    assert window.windowTitle() == "ann.taper.json[*] — Taper Planner"
    assert not window.isWindowModified()
    assert window.settings.recent_files() == [str(saved)]
    window.new_action.trigger()
    assert window.current_plan().patient.name == ""
    dialogs.open_path = str(saved)
    window.open_action.trigger()
    assert window.current_plan().patient.name == "Ann Example"
    assert window.path == saved
    assert dialogs.asked == []


def test_a_refused_file_shows_its_message(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.taper.json"
    broken.write_text("{not json", encoding="utf-8")
    dialogs.open_path = str(broken)
    window.open_action.trigger()
    assert len(dialogs.messages) == 1 and "broken.taper.json" in dialogs.messages[0]
    assert window.current_plan() == BASE_PLAN


def test_unsaved_changes_are_asked_about(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.interval, "21")
    dialogs.unsaved_answer = QMessageBox.StandardButton.Cancel
    window.new_action.trigger()
    assert dialogs.asked == ["Untitled"]
    assert window.current_plan().interval_days == 21
    dialogs.unsaved_answer = QMessageBox.StandardButton.Save
    dialogs.save_path = str(tmp_path / "kept.taper.json")
    window.new_action.trigger()
    assert load_plan(tmp_path / "kept.taper.json").interval_days == 21
    assert window.current_plan().interval_days == 14


@SHOWS_WINDOW
def test_close_can_be_cancelled(qtbot: QtBot, window: MainWindow, dialogs: Dialogs) -> None:
    window.show()
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.interval, "21")
    dialogs.unsaved_answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible()
    dialogs.unsaved_answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_undo_and_redo_restore_the_form(qtbot: QtBot, window: MainWindow) -> None:
    percent = window.form.method.percent_current
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, percent, "25")
    twenty_five = daily_column(window)
    with qtbot.waitSignal(window.schedule_shown):
        window.undo_action.trigger()
    assert percent.value() == 10.0
    assert window.current_schedule() == plan(BASE_PLAN)
    assert not window.isWindowModified()
    with qtbot.waitSignal(window.schedule_shown):
        window.redo_action.trigger()
    assert percent.value() == 25.0
    assert daily_column(window) == twenty_five
    assert window.undo_stack.count() == 1


def test_pin_compares_two_paces(qtbot: QtBot, window: MainWindow) -> None:
    chart = window.pane.chart
    first = window.current_schedule()
    assert first is not None
    window.pin_action.trigger()
    assert window.unpin_action.isEnabled()
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.interval, "28")
    assert chart.pinned_line.get_visible()
    pinned_doses = list(chart.pinned_line.get_xydata()[:, 1])
    assert pinned_doses == [1.5, 1.25, 1.0, 0.75, 0.5, 0.25, 0.0, 0.0]
    assert chart.drug_lines[0].get_xydata()[-1, 0] > chart.pinned_line.get_xydata()[-1, 0]
    compare = window.pane.compare.text()
    assert "Current: ends 24 May 2027 (20 weeks)" in compare
    assert "Pinned (dashed grey): ends 15 Mar 2027 (10 weeks)" in compare
    window.unpin_action.trigger()
    assert not chart.pinned_line.get_visible()
    assert window.pane.compare.text().count("ends") == 1


def test_patient_text_is_never_markup(qtbot: QtBot, window: MainWindow) -> None:
    name = '<b>Ann</b> & "Bo"'
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.patient_name, name)
    assert window.summary.textFormat() is Qt.TextFormat.PlainText
    assert window.summary.text().startswith(f"{name}: Clonazepam")
    assert f"Plan for {name}" in window.guidance.text()


def test_table_and_chart_select_the_same_step(qtbot: QtBot, window: MainWindow) -> None:
    window.pane.table.select_row(2)
    chart = window.pane.chart
    assert chart.highlight.get_visible()
    schedule = window.current_schedule()
    assert schedule is not None
    assert chart.highlight.get_x() == pytest.approx(
        chart.drug_lines[0].get_xydata()[3, 0]  # the lead-in point comes first
    )
    chart.step_clicked.emit(4)
    assert window.pane.table.selected_row() == 4
    window.guidance.step_activated.emit(2)
    assert window.pane.table.selected_row() == 1


def test_settings_remember_defaults_and_layout(qtbot: QtBot, window: MainWindow) -> None:
    choose(window.form.region, "us")
    choose(window.form.method.method_combo, str(Method.HYPERBOLIC))
    window.form.flush()
    window.close()
    again = MainWindow()
    try:
        plan_now = again.current_plan()
        chosen = (plan_now.region, plan_now.method, plan_now.reduction_percent)
        assert chosen == ("us", Method.HYPERBOLIC, 5.0)
    finally:
        # Deleted here: left to a garbage collection, it could go mid-way through a draw.
        shiboken6.delete(again)


def test_saving_an_invalid_plan_says_so_before_any_file_name(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.form.plan_changed):
        type_into(qtbot, window.form.doses["night"], "0.3")
    dialogs.save_path = str(tmp_path / "bad.taper.json")
    window.save_action.trigger()  # the clinician cancels the offer of a draft
    assert not list(tmp_path.glob("bad*"))
    assert len(dialogs.draft_offers) == 1 and "0.3" in dialogs.draft_offers[0]
    assert dialogs.messages == []  # never a file dialog followed by "not saved"


def test_opening_a_plan_from_a_file_replaces_the_history(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "slow.taper.json"
    save_plan(BASE_PLAN.replace(interval_days=28), path)
    assert window.open_path(path) is None
    assert window.undo_stack.count() == 0
    assert window.form.interval.value() == 28

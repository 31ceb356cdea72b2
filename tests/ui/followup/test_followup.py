"""The follow-up loop: record a check-in in its dialog, see the re-planned rest and the history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.files.planfile import load_plan
from planner.model import CheckIn, FollowUpAction, StepKind
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW, START, Dialogs
from tests.ui.form.test_typed_values import wheel
from tests.ui.helpers import choose, type_into
from tests.ui.monkey_actions import input_state, inputs_in
from ui.followup import actions as followup_actions
from ui.followup.checkin_dialog import CheckInDialog, short_name
from ui.schedule.chart_points import main_points
from ui.window.main_window import MainWindow

pytestmark = SHOWS_WINDOW
CHECKIN_DAY = START + dt.timedelta(days=20)  # within step 2 of BASE_PLAN


@pytest.fixture
def urgent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window shows with QMessageBox.critical (replaced)."""
    shown: list[str] = []
    monkeypatch.setattr(followup_actions, "urgent_review", lambda _parent, text: shown.append(text))
    return shown


def open_dialog(window: MainWindow) -> CheckInDialog:
    window.followup.record_action.trigger()
    dialog = window.followup.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.date.set_date(CHECKIN_DAY)
    return dialog


def record(qtbot: QtBot, window: MainWindow, dialog: CheckInDialog) -> None:
    with qtbot.waitSignal(window.schedule_shown):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_the_dialog_defaults_to_today_and_never_goes_past_it(
    window: MainWindow, fixed_today: dt.date
) -> None:
    window.followup.record_action.trigger()
    dialog = window.followup.dialog
    assert dialog is not None
    assert dialog.date_range == (START, fixed_today)
    assert dialog.date.date() == fixed_today
    assert dialog.action.findData(str(FollowUpAction.RESUME)) == -1  # nothing is paused
    assert dialog.hold_days.isHidden()
    choose(dialog.action, str(FollowUpAction.HOLD))
    assert not dialog.hold_days.isHidden()
    dialog.reject()
    assert window.current_plan().checkins == ()


def test_a_hold_is_recorded_and_the_rest_replanned(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    dialog = open_dialog(window)
    type_into(qtbot, dialog.severities["insomnia"], "2")
    choose(dialog.action, str(FollowUpAction.HOLD))
    type_into(qtbot, dialog.hold_days, "21")
    qtbot.keyClicks(dialog.note, "sleeping badly")
    record(qtbot, window, dialog)
    (checkin,) = window.current_plan().checkins
    assert checkin == CheckIn(
        CHECKIN_DAY, (("insomnia", 2),), (), FollowUpAction.HOLD, 21, "sleeping badly"
    )
    schedule = window.current_schedule()
    assert schedule is not None
    hold = next(step for step in schedule.steps if step.start == CHECKIN_DAY)
    assert (hold.kind, hold.days) == (StepKind.HOLD, 21)
    before = plan(BASE_PLAN).steps
    assert schedule.steps[0] == before[0]  # what was taken stays as it was
    history = window.guidance.text()
    assert "Follow-up history" in history and "24 Jan 2027" in history
    assert history.index("Follow-up history") < history.index("Findings")
    chart = window.pane.chart
    assert chart.original_line.get_visible()
    assert chart.original_line.get_xydata().tolist() == [
        list(point) for point in zip(*main_points(plan(BASE_PLAN), False), strict=True)
    ]
    assert "Original plan" in window.pane.compare.text()
    assert window.followup.remove_action.isEnabled()

    dialogs.save_path = str(tmp_path / "followed.taper.json")
    window.save_action.trigger()
    assert load_plan(tmp_path / "followed.taper.json").checkins == (checkin,)
    window.new_action.trigger()
    assert window.current_plan().checkins == ()
    assert not chart.original_line.get_visible()
    assert window.open_path(tmp_path / "followed.taper.json") is None
    assert window.current_plan().checkins == (checkin,)
    assert chart.original_line.get_visible()


def test_undo_removes_a_check_in(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(window)
    choose(dialog.action, str(FollowUpAction.SLOW_INTERVAL))
    record(qtbot, window, dialog)
    assert len(window.current_plan().checkins) == 1
    with qtbot.waitSignal(window.schedule_shown):
        window.undo_action.trigger()
    assert window.current_plan().checkins == ()
    assert "Follow-up history" not in window.guidance.text()
    assert not window.pane.chart.original_line.get_visible()


def test_a_red_flag_pauses_the_taper_for_urgent_review(
    qtbot: QtBot, window: MainWindow, urgent: list[str]
) -> None:
    dialog = open_dialog(window)
    assert dialog.urgent.isHidden()
    qtbot.mouseClick(dialog.red_flags["seizures"], Qt.MouseButton.LeftButton)
    assert not dialog.urgent.isHidden()
    assert "urgent medical review, not a schedule change" in dialog.urgent.text()
    assert not dialog.action.isEnabled()
    record(qtbot, window, dialog)
    assert len(urgent) == 1 and "urgent medical review" in urgent[0]
    assert "seizures" in urgent[0]
    schedule = window.current_schedule()
    assert schedule is not None
    last = schedule.steps[-1]
    assert (last.kind, last.days, last.start) == (StepKind.MAINTAIN, 0, CHECKIN_DAY)
    assert any(f.rule == "red-flag" and f.severity == "error" for f in schedule.findings)


def test_remove_last_check_in(qtbot: QtBot, window: MainWindow) -> None:
    checkin = CheckIn(CHECKIN_DAY, action=FollowUpAction.HOLD)
    window.start_plan(BASE_PLAN.replace(checkins=(checkin,)), None)
    assert window.followup.remove_action.isEnabled()
    with qtbot.waitSignal(window.schedule_shown):
        window.followup.remove_action.trigger()
    assert window.current_plan().checkins == ()
    assert not window.followup.remove_action.isEnabled()


def test_symptom_names_stay_short_in_the_grid() -> None:
    assert short_name("Insomnia (difficulty sleeping)") == "Insomnia"
    long_name = "Heightened sensitivity of the senses (sensory hypersensitivity)"
    assert short_name(long_name) == "Sensory hypersensitivity"
    assert short_name("Tremor") == "Tremor"


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("date", "2027-02-30", "February 2027 has 28 days"),
        ("date", "2099-01-01", "is after today: a check-in records a visit"),
        ("date", "2020-01-01", "is too early: a check-in comes after the start"),
        ("hold", "999", "from 1 to 365 days"),
        ("hold", "0", "from 1 to 365 days"),
        ("severity", "5", "from 0 to 3"),
        ("severity", "x", "is not a whole number"),
    ],
)
def test_a_check_in_that_cannot_be_read_stays_as_typed_and_says_what_to_correct(
    qtbot: QtBot, window: MainWindow, field: str, typed: str, says: str
) -> None:
    dialog = open_dialog(window)
    choose(dialog.action, str(FollowUpAction.HOLD))
    box = {"date": dialog.date, "hold": dialog.hold_days}.get(field, dialog.severities["insomnia"])
    type_into(qtbot, box, typed)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # nothing recorded from a value no one meant
    assert box.text() == typed  # not clamped, not refused key by key
    assert says in dialog.error.text() and not dialog.error.isHidden()
    assert window.current_plan().checkins == ()
    type_into(qtbot, box, {"date": CHECKIN_DAY.isoformat(), "hold": "21"}.get(field, "2"))
    record(qtbot, window, dialog)
    assert [c.date for c in window.current_plan().checkins] == [CHECKIN_DAY]


def test_a_wheel_over_the_check_in_dialog_changes_nothing(window: MainWindow) -> None:
    dialog = open_dialog(window)
    inputs = inputs_in(dialog)
    assert dialog.severities["insomnia"] in inputs and dialog.action in inputs
    assert dialog.date in inputs and dialog.hold_days in inputs
    before = [input_state(box) for box in inputs]
    for box in inputs:
        box.clearFocus()
        wheel(box, -1)
        wheel(box, 2)
    assert [input_state(box) for box in inputs] == before
    assert all(box.focusPolicy() == Qt.FocusPolicy.StrongFocus for box in inputs)

"""A plan under way in the window: edits apply from a date, the past stays, pauses last."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import CheckIn, FollowUpAction, StepKind
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from tests.ui.helpers import choose, type_into
from ui.followup import actions as followup_actions
from ui.window.main_window import MainWindow

pytestmark = SHOWS_WINDOW


def daily_on(schedule, day: dt.date) -> float:
    step = [s for s in schedule.steps if s.start <= day][-1]
    return round(sum(step.daily_mg.values()), 6)


def test_an_edit_applies_from_today_and_says_so(
    qtbot: QtBot, window: MainWindow, fixed_today: dt.date
) -> None:
    bar = window.changes_bar
    assert bar.isVisibleTo(window)
    assert bar.label.text() == (
        f"Changes apply from {fixed_today:%-d %b %Y}; the steps before stay as taken."
    )
    before = window.current_schedule()
    with qtbot.waitSignal(window.schedule_shown):
        window.form.interval.setValue(28)
    edited = window.current_plan()
    assert [c.date for c in edited.changes] == [fixed_today]
    after = window.current_schedule()
    days = (fixed_today - BASE_PLAN.start).days
    for offset in range(days):
        day = BASE_PLAN.start + dt.timedelta(offset)
        assert daily_on(after, day) == daily_on(before, day)
    assert after.history[-1].kind == "change"
    assert "interval days 14 → 28" in window.guidance.text()
    with qtbot.waitSignal(window.schedule_shown):
        window.undo_action.trigger()
    assert window.current_plan() == BASE_PLAN


def test_another_date_can_be_chosen_but_not_before_the_last_revision(
    qtbot: QtBot, window: MainWindow, fixed_today: dt.date
) -> None:
    checkin_day = fixed_today - dt.timedelta(days=5)
    window.start_plan(BASE_PLAN.replace(checkins=(CheckIn(checkin_day),)), None)
    bar = window.changes_bar
    earlier = fixed_today - dt.timedelta(days=3)
    type_into(qtbot, bar.date, earlier.isoformat())
    assert f"Changes apply from {earlier:%-d %b %Y}" in bar.label.text()
    with qtbot.waitSignal(window.schedule_shown):
        window.form.interval.setValue(21)
    assert [c.date for c in window.current_plan().changes] == [earlier]


@pytest.mark.parametrize(
    ("days", "says"),
    [(-6, "too early: they apply after the start"), (1, "after today"), (None, "not a date")],
)
def test_a_changes_from_date_outside_the_record_stays_as_typed_and_says_so(
    qtbot: QtBot, window: MainWindow, fixed_today: dt.date, days: int | None, says: str
) -> None:
    checkin_day = fixed_today - dt.timedelta(days=5)
    window.start_plan(BASE_PLAN.replace(checkins=(CheckIn(checkin_day),)), None)
    bar = window.changes_bar
    typed = "2026-02-30" if days is None else (fixed_today + dt.timedelta(days=days)).isoformat()
    type_into(qtbot, bar.date, typed)
    assert bar.date.text() == typed  # not clamped to the range, not refused key by key
    assert says in bar.error.text() and not bar.error.isHidden()
    window.form.interval.setValue(21)
    qtbot.waitUntil(lambda: says in window.statusBar().currentMessage())
    assert window.schedule_is_stale()
    assert window.current_plan().changes == ()  # nothing applied from a date no one meant
    with qtbot.waitSignal(window.schedule_shown):  # the edit refused applies once corrected
        type_into(qtbot, bar.date, checkin_day.isoformat())
    assert bar.error.isHidden()
    assert [c.date for c in window.current_plan().changes] == [checkin_day]


def test_the_start_of_a_plan_under_way_cannot_change(qtbot: QtBot, window: MainWindow) -> None:
    window.form.start.set_date(BASE_PLAN.start + dt.timedelta(days=3))
    window.form.flush()
    assert "under way" in window.statusBar().currentMessage()
    assert window.current_plan() == BASE_PLAN


def test_a_plan_not_started_is_edited_freely(qtbot: QtBot, window: MainWindow) -> None:
    future = BASE_PLAN.replace(start=BASE_PLAN.start + dt.timedelta(days=365))
    window.start_plan(future, None)
    assert not window.changes_bar.isVisibleTo(window)
    with qtbot.waitSignal(window.schedule_shown):
        window.form.interval.setValue(7)
    assert window.current_plan() == future.replace(interval_days=7)


def test_a_future_check_in_is_refused_and_a_pause_needs_resume(
    qtbot: QtBot,
    window: MainWindow,
    fixed_today: dt.date,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused: list[str] = []
    monkeypatch.setattr(followup_actions, "cannot_record", lambda _p, text: refused.append(text))
    monkeypatch.setattr(followup_actions, "urgent_review", lambda *_: None)
    flagged = CheckIn(fixed_today - dt.timedelta(days=3), red_flags=("psychosis",))
    window.start_plan(BASE_PLAN.replace(checkins=(flagged,)), None)
    # The window's edit of interval cannot turn the pause into a cut.
    with qtbot.waitSignal(window.schedule_shown):
        window.form.interval.setValue(7)
    schedule = window.current_schedule()
    assert schedule.steps[-1].kind is StepKind.MAINTAIN
    window.followup.record_action.trigger()
    dialog = window.followup.dialog
    assert [dialog.action.itemData(i) for i in range(dialog.action.count())] == ["resume"]
    assert not dialog.paused_note.isHidden() and "paused" in dialog.paused_note.text()
    choose(dialog.action, str(FollowUpAction.RESUME))
    with qtbot.waitSignal(window.schedule_shown):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    resumed = window.current_schedule()
    assert resumed.steps[-1].kind is StepKind.STOP
    assert all(b.days == 7 for b in resumed.steps if b.start > fixed_today and b.days)
    # A dialog whose date was pushed past today is refused with the reason.
    window.followup.record_action.trigger()
    dialog = window.followup.dialog
    dialog.date_range = (dialog.date_range[0], fixed_today + dt.timedelta(days=30))
    dialog.date.set_date(fixed_today + dt.timedelta(days=10))
    dialog.accept()
    assert refused and "after today" in refused[-1]
    assert plan(window.current_plan()) == resumed


def test_successive_edits_and_a_check_in_between_keep_the_past(
    qtbot: QtBot, window: MainWindow, fixed_today: dt.date
) -> None:
    before = window.current_schedule()
    for interval in (28, 21):
        with qtbot.waitSignal(window.schedule_shown):
            window.form.interval.setValue(interval)
    edited = window.current_plan()
    assert len(edited.changes) == 1 and edited.changes[0].previous.interval_days == 14
    checkin = CheckIn(fixed_today, (("anxiety", 2),), action=FollowUpAction.HOLD)
    with qtbot.waitSignal(window.schedule_shown):
        window.edit_plan(edited.replace(checkins=(checkin,)))
    assert window.current_plan().checkins == (checkin,)
    with qtbot.waitSignal(window.schedule_shown):
        window.form.interval.setValue(35)
    final = window.current_plan()
    assert final.checkins == (checkin,) and len(final.changes) == 1
    assert final.interval_days == 35
    after = window.current_schedule()
    for offset in range((fixed_today - BASE_PLAN.start).days):
        day = BASE_PLAN.start + dt.timedelta(offset)
        assert daily_on(after, day) == daily_on(before, day)
    hold = next(s for s in after.steps if s.start == fixed_today)
    assert hold.kind is StepKind.HOLD and daily_on(after, fixed_today) == daily_on(
        before, fixed_today - dt.timedelta(days=1)
    )


def test_the_original_plan_is_planned_once_for_its_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    planned: list[object] = []
    make = followup_actions.make_schedule

    def counted(settings: object, **options: bool) -> object:
        planned.append(settings)
        return make(settings, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(followup_actions, "make_schedule", counted)
    followup_actions._planned_original.cache_clear()
    checkin = CheckIn(date=BASE_PLAN.start + dt.timedelta(days=20), action=FollowUpAction.HOLD)
    under_way = BASE_PLAN.replace(checkins=(checkin,))
    first = followup_actions.original_schedule(under_way)
    later = CheckIn(date=checkin.date + dt.timedelta(days=14), action=FollowUpAction.CONTINUE)
    again = followup_actions.original_schedule(under_way.replace(checkins=(checkin, later)))
    assert first is not None and again is first and len(planned) == 1
    assert first.plan == BASE_PLAN  # the settings before any revision
    assert followup_actions.original_schedule(BASE_PLAN) is None  # nothing revised

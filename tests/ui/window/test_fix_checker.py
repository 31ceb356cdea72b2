"""An edit shows its schedule at once; the one-click fixes follow once each has been tried."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import Regimen, TaperPlan
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import type_into
from ui.followup import clock
from ui.window.main_window import MainWindow

# Tablets, 25% cuts every 3 days: findings whose fixes take several re-plans to decide.
RISKY = BASE_PLAN.replace(
    drug="lorazepam",
    regimen=Regimen(morning_mg=1.0, night_mg=1.0),
    reduction_percent=25.0,
    interval_days=3,
)


def test_fixes_follow_the_schedule_and_match_the_planner(qtbot: QtBot, window: MainWindow) -> None:
    window.start_plan(RISKY, None)
    assert window.fix_checker.pending()
    assert window.guidance.fix_links() == []  # nothing offered before it has been tried
    with qtbot.waitSignal(window.fix_checker.checked, timeout=20_000):
        pass
    assert window.guidance.fix_links()
    assert window.pane.schedule() == plan(RISKY)  # the same fixes the command line gives


def test_a_new_edit_drops_the_old_trials(qtbot: QtBot, window: MainWindow) -> None:
    window.start_plan(RISKY, None)
    assert window.fix_checker.pending()
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.interval, "4")
    with qtbot.waitSignal(window.fix_checker.checked, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].plan.interval_days == 4
    assert window.pane.schedule() == plan(window.current_plan())


def test_a_trial_waits_while_an_edit_is_pending(qtbot: QtBot, window: MainWindow) -> None:
    # A re-plan costs up to 100 ms on a long plan: it must not hold up an edit already typed.
    window.start_plan(RISKY, None)
    window.form.debounce.setInterval(60_000)  # the edit stays pending for the test's length
    stepped: list[int] = []
    step = window.fix_checker._step

    def counted() -> bool:
        stepped.append(1)
        return step()

    window.fix_checker._step = counted  # type: ignore[method-assign]
    window.form.interval.setValue(4)
    assert window.form.debounce.isActive()
    window.fix_checker.on_timer_timeout()  # its timer comes due
    assert not stepped and window.fix_checker.pending()
    window.form.debounce.stop()
    window.fix_checker.on_timer_timeout()
    assert stepped


def test_printing_gets_the_tried_fixes_at_once(window: MainWindow) -> None:
    window.start_plan(RISKY, None)
    assert window.fix_checker.pending()
    assert window.current_schedule() == plan(RISKY)
    assert not window.fix_checker.pending()
    assert window.guidance.fix_links()


def test_an_invalid_edit_stops_the_trials(qtbot: QtBot, window: MainWindow) -> None:
    window.start_plan(RISKY, None)
    assert window.fix_checker.pending()
    with qtbot.waitSignal(window.form.input_rejected):
        type_into(qtbot, window.form.interval, "0")
    assert not window.fix_checker.pending()


def _under_way(drug: str, percent: float, interval_days: int, switch: bool) -> TaperPlan:
    """A plan that started ten days ago (today by the window's clock)."""
    return BASE_PLAN.replace(
        drug=drug,
        regimen=Regimen(morning_mg=1.0, night_mg=1.0),
        reduction_percent=percent,
        interval_days=interval_days,
        start=clock.today() - dt.timedelta(days=10),
        switch_to="diazepam" if switch else None,
    )


def test_a_plan_under_way_is_offered_only_fixes_that_work_from_today(
    qtbot: QtBot, window: MainWindow
) -> None:
    # 3-day steps already taken stay 3-day steps: lengthening the interval from today
    # cannot remove the finding about them, so no such fix is offered (the whole plan
    # re-planned with 14-day steps, as the command line tries it, would lose it).
    taken = _under_way("lorazepam", 30.0, 3, switch=False)
    assert any(f.rule == "short-interval" and f.fix for f in plan(taken).findings)
    window.start_plan(taken, None)
    window.fix_checker.finish()
    assert window.changes_bar.isVisibleTo(window)
    assert not [f for f in window.pane.schedule().findings if f.rule == "short-interval" and f.fix]


def test_every_fix_offered_for_a_plan_under_way_removes_its_finding(
    qtbot: QtBot, window: MainWindow
) -> None:
    taken = _under_way("lorazepam", 25.0, 7, switch=True)
    window.start_plan(taken, None)
    window.fix_checker.finish()
    offered = [f for f in window.pane.schedule().findings if f.fix]
    assert offered
    for finding in offered:
        window.start_plan(taken, None)
        with qtbot.waitSignal(window.schedule_shown) as blocker:
            window.followup.on_fix_requested(finding)
        assert not window.pane.is_stale(), finding.rule
        after = blocker.args[0].findings
        assert not any(f.rule == finding.rule and f.severity == finding.severity for f in after)

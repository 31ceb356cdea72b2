"""An edit shows its schedule at once; the one-click fixes follow once each has been tried."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import Regimen
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import type_into
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

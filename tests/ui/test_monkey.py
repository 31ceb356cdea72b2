"""Monkey test: thousands of random, seeded clinician actions must never break the window.

Each run prints its seed; a failure names the seed, the action it failed on and the last
actions before it. Replay one seed with ``MONKEY_SEED=<n>``; change how many actions each
seed makes with ``MONKEY_ACTIONS=<n>`` (a longer session: ``MONKEY_ACTIONS=5000``, or loop
over other seeds). After a hard crash the actions so far are in the log file named at start.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import traceback
import types
from pathlib import Path
from types import TracebackType

import pytest
from matplotlib.backends import backend_qt
from PySide6.QtCore import QtMsgType
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SHOWS_WINDOW, START, Dialogs
from tests.ui.monkey_actions import Monkey
from ui.followup import actions as followup_actions
from ui.followup import checkin_dialog, clock
from ui.schedule import chart
from ui.window import main_window
from ui.window.main_window import MainWindow

pytestmark = [
    SHOWS_WINDOW,
]
SEEDS = (1, 2, 3, 4)
ACTIONS_PER_SEED = 600
REPORTED_ACTIONS = 20
QT_PROBLEMS = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
TODAY = START + dt.timedelta(days=30)


class FrozenDate(dt.date):
    """``date.today()`` fixed, so a seed replays the same on any day (New, chart, check-in)."""

    @classmethod
    def today(cls) -> FrozenDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def seeds() -> tuple[int, ...]:
    chosen = os.environ.get("MONKEY_SEED")
    return (int(chosen),) if chosen else SEEDS


def report(seed: int, number: int, monkey: Monkey, problem: str) -> str:
    recent = monkey.log[-REPORTED_ACTIONS:]
    first = len(monkey.log) - len(recent) + 1
    lines = "\n".join(f"  {first + i:5d}. {text}" for i, text in enumerate(recent))
    return (
        f"MONKEY FAILURE, seed {seed}, action {number}: {problem}\n"
        f"Replay: MONKEY_SEED={seed} MONKEY_ACTIONS={number} "
        f"python -m pytest tests/ui/test_monkey.py -q\n"
        f"Last {len(recent)} actions:\n{lines}"
    )


def unseen_problem(
    exceptions: list[tuple[type[BaseException], BaseException, TracebackType]],
    draw_errors: list[str],
    qtlog: QtLoggingPlugin,
) -> str:
    """What went wrong out of sight during the last action: in a slot, a draw, or Qt."""
    if exceptions:
        return "exception in a Qt slot or event handler:\n" + "".join(
            "".join(traceback.format_exception(value)) for _, value, _ in exceptions
        )
    if draw_errors:
        return "exception while drawing the chart:\n" + "".join(draw_errors)
    warnings = [r for r in qtlog.records if r.type in QT_PROBLEMS and not r.ignored]
    if warnings:
        return "Qt warning: " + "; ".join(r.message for r in warnings)
    return ""


@pytest.mark.parametrize("seed", seeds())
def test_random_actions_never_break_the_window(
    seed: int,
    qtbot: QtBot,
    window: MainWindow,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtlog: QtLoggingPlugin,
    capsys: pytest.CaptureFixture[str],
) -> None:
    count = int(os.environ.get("MONKEY_ACTIONS", ACTIONS_PER_SEED))
    log_path = tmp_path / "monkey-actions.log"
    print(f"monkey seed {seed}, {count} actions", flush=True)
    # A crash (say a segfault) shows no captured output: name the seed and the log outside it.
    with capsys.disabled():
        print(f"\n[monkey seed {seed}: MONKEY_SEED={seed} replays it; actions in {log_path}]")
    frozen = types.SimpleNamespace(date=FrozenDate, timedelta=dt.timedelta)
    for module in (main_window, chart, checkin_dialog):
        monkeypatch.setattr(module, "dt", frozen)
    monkeypatch.setattr(clock, "today", FrozenDate.today)
    monkey = Monkey(qtbot, window, dialogs, tmp_path, random.Random(seed), log_path)
    monkeypatch.setattr(
        followup_actions, "urgent_review", lambda _parent, text: monkey.urgent.append(text)
    )
    monkeypatch.setattr(
        followup_actions, "cannot_record", lambda _parent, text: monkey.refused.append(text)
    )
    # The chart draws when Qt is idle, and matplotlib prints (not raises) what goes wrong there.
    draw_errors: list[str] = []
    monkeypatch.setattr(
        backend_qt,
        "traceback",
        types.SimpleNamespace(print_exc=lambda: draw_errors.append(traceback.format_exc())),
    )
    window.show()
    qtbot.waitExposed(window)
    monkey.wheel_over_every_input()  # every input at least once, whatever the seed picks
    try:
        with qtbot.capture_exceptions() as exceptions:
            for number in range(1, count + 1):
                try:
                    monkey.step()
                    monkey.check_invariants()
                except Exception as error:  # re-raised with the seed and the actions before it
                    problem = "".join(traceback.format_exception(error))
                    raise AssertionError(report(seed, number, monkey, problem)) from error
                problem = unseen_problem(exceptions, draw_errors, qtlog)
                if problem:
                    pytest.fail(report(seed, number, monkey, problem), pytrace=False)
    finally:
        monkey.close()
    print(
        f"monkey seed {seed}: {count} actions, {len(monkey.urgent)} urgent reviews, "
        f"{len(monkey.refused)} check-ins refused, {len(dialogs.messages)} messages",
        flush=True,
    )

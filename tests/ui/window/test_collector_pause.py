"""Start-up: the garbage collector waits for the window's first paint, then runs as before."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from ui.window import collector_pause
from ui.window.app import main
from ui.window.collector_pause import CollectorPause
from ui.window.main_window import MainWindow


class Painted(QObject):
    done = Signal()


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    """Whatever a test does, the collector is on for the next one, and nothing is set aside."""
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_off_until_resumed_once() -> None:
    pause = CollectorPause()
    assert not gc.isenabled() and pause.is_paused()
    pause.resume()
    assert gc.isenabled() and not pause.is_paused()
    gc.disable()  # a later resume does nothing: it turns nothing back on
    pause.resume()
    assert not gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    pause = CollectorPause()
    pause.resume()
    assert not gc.isenabled()


class Cycle:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


def test_settling_collects_the_garbage_then_sets_the_survivors_aside() -> None:
    pause = CollectorPause()
    kept = Cycle()
    dropped = weakref.ref(Cycle())  # garbage made during the start-up
    pause.settle()
    assert dropped() is None  # collected, not kept for ever
    assert gc.get_freeze_count() > 0 and gc.isenabled() and not pause.is_paused()
    # Set aside: no later collection walks it (get_objects lists what collections walk).
    assert all(tracked is not kept for tracked in gc.get_objects())
    frozen = gc.get_freeze_count()
    pause.settle()  # once only: a second call neither collects nor sets anything aside
    assert gc.get_freeze_count() == frozen


def test_settling_after_a_resume_sets_nothing_aside() -> None:
    pause = CollectorPause()
    pause.resume()
    pause.settle()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_it_settles_just_after_the_paint_not_in_it(qtbot: QtBot) -> None:
    painted = Painted()
    pause = CollectorPause()
    pause.resume_after(painted.done)
    painted.done.emit()
    assert not gc.isenabled()  # queued: the paint is not held up by a collection
    qtbot.waitUntil(gc.isenabled, timeout=1000)
    assert gc.get_freeze_count() > 0


def test_it_resumes_even_if_nothing_paints(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector_pause, "LATEST_MS", 50)
    never_painted = Painted()
    pause = CollectorPause()
    pause.resume_after(never_painted.done)
    qtbot.waitUntil(gc.isenabled, timeout=2000)


@SHOWS_WINDOW
def test_the_window_resumes_the_collector_after_its_chart_first_paints(qtbot: QtBot) -> None:
    pause = CollectorPause()
    window = MainWindow(plan=BASE_PLAN)
    qtbot.addWidget(window)
    pause.resume_after(window.pane.chart.canvas.first_painted)
    assert not gc.isenabled()
    window.resize(1024, 600)
    window.show()
    qtbot.waitUntil(window.pane.chart.canvas.has_painted, timeout=5000)
    qtbot.waitUntil(gc.isenabled, timeout=1000)


@SHOWS_WINDOW
def test_the_app_leaves_the_collector_on_however_it_ends(tmp_path: Path) -> None:
    assert main(["--no-such-option"]) == 2
    assert gc.isenabled()
    assert main(["--demo", "--screenshot", str(tmp_path / "shot.png")]) == 0
    assert gc.isenabled()

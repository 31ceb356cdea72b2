"""Fixtures for the window tests: settings kept in a temporary folder, dialogs replaced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from planner.model import Regimen, TaperPlan
from ui.followup import clock
from ui.printing import actions as export_actions
from ui.schedule.chart import ScheduleChart
from ui.window import drafts, main_window
from ui.window.main_window import MainWindow

# The offscreen platform warns that it cannot pass size hints whenever a window is shown.
SHOWS_WINDOW = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
START = dt.date(2027, 1, 4)
# Clonazepam 0.5 mg morning + 1 mg night, UK tablets, 10% of the current dose every 14 days.
BASE_PLAN = TaperPlan(start=START, regimen=Regimen(morning_mg=0.5, night_mg=1.0))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: QApplication) -> Iterator[Path]:
    """Point every QSettings at a temporary folder so no test touches a real user's settings."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QCoreApplication.setOrganizationName("Taper Planner Tests")
    QCoreApplication.setApplicationName("Taper Planner Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(folder))
    yield folder


class Dialogs:
    """Stand-ins for the window's dialogs: answers set by the test, messages recorded."""

    def __init__(self) -> None:
        self.unsaved_answer = QMessageBox.StandardButton.Discard
        self.asked: list[str] = []
        self.open_path = ""
        self.save_path = ""
        self.messages: list[str] = []
        self.draft_answer = False  # "Save Draft…" (True) or Cancel when a plan is invalid
        self.draft_offers: list[str] = []
        self.confirmed: list[str] = []  # "This plan has N errors …, print anyway?" (answered yes)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Replace every modal dialog of the main window."""
    fake = Dialogs()

    def ask(_parent: object, name: str) -> QMessageBox.StandardButton:
        fake.asked.append(name)
        return fake.unsaved_answer

    monkeypatch.setattr(main_window, "ask_unsaved_changes", ask)
    monkeypatch.setattr(main_window, "choose_open_path", lambda *_: fake.open_path)
    monkeypatch.setattr(main_window, "choose_save_path", lambda *_: fake.save_path)

    def offer(_parent: object, problem: str) -> bool:
        fake.draft_offers.append(problem)
        return fake.draft_answer

    monkeypatch.setattr(drafts, "ask_save_draft", offer)
    monkeypatch.setattr(
        main_window, "tell_user", lambda _parent, _title, message: fake.messages.append(message)
    )

    def confirm(_parent: object, message: str) -> bool:
        fake.confirmed.append(message)
        return True

    # A modal question offscreen would wait for ever; tests that care replace it again.
    monkeypatch.setattr(export_actions, "confirm", confirm)
    return fake


@pytest.fixture
def window(qtbot: QtBot, dialogs: Dialogs) -> Iterator[MainWindow]:
    """A main window showing BASE_PLAN, with the debounce at 0 ms."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.form.debounce.setInterval(0)
    win.start_plan(BASE_PLAN, None)
    yield win
    dialogs.unsaved_answer = QMessageBox.StandardButton.Discard


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """A fixed "today" for the follow-up features: four weeks before BASE_PLAN starts.

    tests/ui/followup overrides it with a day when BASE_PLAN is under way.
    """
    today = START - dt.timedelta(days=28)
    monkeypatch.setattr(clock, "today", lambda: today)
    return today


@pytest.fixture
def shown_chart(qtbot: QtBot) -> ScheduleChart:
    """A chart on screen (offscreen) at 700 × 350, its canvas sized, nothing drawn yet."""
    widget = ScheduleChart()
    qtbot.addWidget(widget)
    widget.resize(700, 350)
    widget.show()
    qtbot.waitExposed(widget)
    return widget

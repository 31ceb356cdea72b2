"""Starting the app: its options, the demo plan, and a screenshot taken offscreen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from tests.fresh_process import run_offscreen
from tests.ui.conftest import SHOWS_WINDOW
from ui.window.app import build_parser, demo_plan, main, open_window
from ui.window.pyside_hook import FEATURE_MODULE

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_bad_options_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-such-option"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "unrecognized arguments: --no-such-option" in error


def test_a_screenshot_must_be_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--screenshot", str(tmp_path / "shot.jpg")]) == 2
    assert "png" in capsys.readouterr().err


def test_the_demo_plan_is_a_meaningful_taper() -> None:
    schedule = plan(demo_plan(dt.date(2027, 1, 1)))
    assert schedule.plan.formulation == "liquid"
    assert schedule.start_date == dt.date(2026, 12, 4)
    assert len(schedule.steps) > 8
    # It shows the follow-up loop and a caution: one check-in (a hold), one patient factor.
    assert [entry.date for entry in schedule.history] == [dt.date(2026, 12, 29)]
    assert any(
        step.kind == "hold" and step.start == dt.date(2026, 12, 29) for step in schedule.steps
    )
    assert schedule.plan.factors


@SHOWS_WINDOW
def test_screenshot_of_the_demo_in_process(tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    assert main(["--demo", "--screenshot", str(shot)]) == 0
    assert shot.read_bytes().startswith(PNG_MAGIC)


@SHOWS_WINDOW
def test_a_refused_plan_file_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.taper.json"
    broken.write_text('{"format": 99}', encoding="utf-8")
    shot = tmp_path / "shot.png"
    assert main([str(broken), "--screenshot", str(shot)]) == 0
    assert "broken.taper.json" in capsys.readouterr().err
    assert shot.exists()


def test_screenshot_through_main_py_offscreen(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    done = run_offscreen(tmp_path, "main.py", "--demo", "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(PNG_MAGIC)


# PySide6 builds a Qt type, and every enum in it, when it is first imported or returned:
# QStyle alone took 15 ms of a start-up, a message box 4 ms. None is needed to paint.
LATER_TYPES = (
    "QStyle",  # the style's standard icons (the table draws its own marks)
    "QMessageBox",
    "QFileDialog",
    "QInputDialog",
    "QCalendarWidget",  # a date field's calendar, made when first opened
    "QDateEdit",
)


def test_the_window_paints_without_later_types_and_with_the_faster_hook(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from ui.window.app import main\n"
        f"code = main(['--demo', '--screenshot', {str(tmp_path / 'shot.png')!r}])\n"
        "import PySide6.QtWidgets as widgets\n"
        f"made = [name for name in {LATER_TYPES!r} if name in widgets.__dict__]\n"
        f"feature = sys.modules[{FEATURE_MODULE!r}]\n"
        "print(code, made, feature._mod_uses_pyside.reads_file_directly)\n"
    )
    done = run_offscreen(tmp_path, "-c", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "[]", "True"]


@SHOWS_WINDOW
def test_the_window_opens_with_the_form_in_focus_not_the_changes_date(qtbot: QtBot) -> None:
    # The demo is under way: the "changes apply from" date is first in the tab order, and
    # typing at once would change it.
    options = build_parser().parse_args(["--demo", "--screenshot", "x.png"])  # no safety net
    window, _refused, _safety = open_window(options)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.form_scroll
    assert not window.changes_bar.date.hasFocus()

"""Ctrl+C on the schedule table copies steps as TSV and an HTML table; the plan as text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.report.letter import plan_letter
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from tests.ui.schedule.test_table_model import two_drug_schedule
from ui.schedule.table_model import ScheduleModel
from ui.schedule.table_view import ScheduleView
from ui.window.main_window import MainWindow

pytestmark = SHOWS_WINDOW


def _view(qtbot: QtBot) -> ScheduleView:
    view = ScheduleView(ScheduleModel())
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    return view


def test_ctrl_c_with_nothing_selected_copies_the_whole_plan(qtbot: QtBot) -> None:
    view = _view(qtbot)
    schedule = two_drug_schedule()
    view.model().set_schedule(schedule)  # type: ignore[attr-defined]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasText() and data.hasHtml()
    lines = data.text().splitlines()
    assert len(lines) == 1 + len(schedule.steps)
    assert lines[0].split("\t")[:3] == ["Step", "Kind", "From"]
    assert "diazepam" in lines[-2]  # a switch names each drug
    assert data.html().count("<tr>") == 1 + len(schedule.steps)


def test_ctrl_c_copies_the_selected_rows_only(qtbot: QtBot) -> None:
    view = _view(qtbot)
    schedule = plan(BASE_PLAN)
    view.model().set_schedule(schedule)  # type: ignore[attr-defined]
    view.selectRow(1)
    view.selectionModel().select(
        view.model().index(3, 0),
        view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
    )
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    rows = [line.split("\t") for line in data.text().splitlines()]
    assert [row[0] for row in rows[1:]] == ["2", "4"]
    assert rows[1][2] == schedule.steps[1].start.isoformat()
    assert "<td>2</td>" in data.html() and "<td>4</td>" in data.html()
    assert view.selected_row() == 1  # the chart follows the first selected step


def test_edit_copy_plan_as_text_gives_the_letter(window: MainWindow) -> None:
    window.form.flush()
    schedule = window.current_schedule()
    assert schedule is not None
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    action = next(a for a in edit.actions() if a.text() == "Copy Plan as &Text")
    action.trigger()
    assert QGuiApplication.clipboard().text() == plan_letter(schedule)


def test_compare_menu_switches_the_chart_axis_to_percent(window: MainWindow) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Compare")
    action = next(a for a in menu.actions() if a.text() == "Chart Axis in % of &Start")
    action.trigger()
    assert window.pane.chart.percent
    action.trigger()
    assert not window.pane.chart.percent

"""A window that fits common screens: a switch plan's table, one-line texts, method and pace."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from planner.model import CheckIn, FollowUpAction, Regimen, TaperPlan
from tests.ui.conftest import SHOWS_WINDOW, START
from tests.ui.schedule.test_table_view import cell_margins
from ui.elided_label import ElidedLabel
from ui.window.main_window import MainWindow
from ui.window.screen_fit import FRAME_ALLOWANCE_PX

pytestmark = SHOWS_WINDOW

# Screens (width, height); the window gets what a maximized one has: the height less the
# title bar and panel (as show_fitted sizes it).
SCREENS = [(1024, 600), (1366, 768), (1920, 1080)]
# Lorazepam 1 mg three times a day, switched to diazepam night first (Ashton): every step
# of the switch has two drugs at some time of day, so every dose cell names its drug.
SWITCH_PLAN = TaperPlan(
    drug="lorazepam",
    regimen=Regimen(morning_mg=1.0, midday_mg=1.0, night_mg=1.0),
    switch_to="diazepam",
    start=START,
)


def shown(qtbot: QtBot, plan: TaperPlan, screen: tuple[int, int]) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.form.debounce.setInterval(0)
    window.start_plan(plan, None)
    window.resize(screen[0], screen[1] - FRAME_ALLOWANCE_PX)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the layouts run
    return window


def one_line(label: QLabel) -> bool:
    return label.height() < 2 * label.fontMetrics().lineSpacing()


def inside(widget: QWidget, viewport: QWidget) -> bool:
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= viewport.height()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_column_of_a_three_dose_switch_is_readable_without_scrolling_sideways(
    qtbot: QtBot, screen: tuple[int, int]
) -> None:
    window = shown(qtbot, SWITCH_PLAN, screen)
    table, model = window.pane.table, window.pane.model
    header = table.horizontalHeader()
    columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    assert len(columns) == 10  # step, from, to, days, three doses, mg/day, change, % of start
    assert sum(header.sectionSize(c) for c in columns) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    metrics = table.fontMetrics()
    for column in columns:
        # No word of any cell is wider than its column (Qt would cut it with '…').
        words = {
            w
            for r in range(model.rowCount())
            for w in model.text(r, column).replace("\n", " ").split(" ")
        }
        widest = max(metrics.horizontalAdvance(word) for word in words)
        assert widest + cell_margins(table) <= header.sectionSize(column), model.headerData(
            column, header.orientation()
        )


@pytest.mark.parametrize("screen", SCREENS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_summary_and_comparison_lines_stay_on_one_line(
    qtbot: QtBot, screen: tuple[int, int]
) -> None:
    long_name = "Bartholomew Fitzwilliam-Montgomery-Smythe, ward 12, bed 4"
    plan = SWITCH_PLAN.replace(patient=dataclasses.replace(SWITCH_PLAN.patient, name=long_name))
    window = shown(qtbot, plan, screen)
    window.on_pin_triggered()  # a third part of the comparison line
    for label in (window.summary, window.pane.compare):
        assert isinstance(label, ElidedLabel)
        assert one_line(label), label.text()
        if label.shown_text() != label.text():  # cut: the whole text is in the tooltip
            assert "…" in label.shown_text() and label.toolTip() == label.text()
    assert window.summary.text().startswith(long_name)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_method_and_pace_show_without_scrolling_the_form(
    qtbot: QtBot, screen: tuple[int, int]
) -> None:
    window = shown(qtbot, SWITCH_PLAN, screen)
    viewport = window.form_scroll.viewport()
    form = window.form
    for widget in (form.method.method_combo, form.interval, form.start, form.policy):
        assert inside(widget, viewport), (screen, widget.accessibleName())


def test_a_plan_under_way_at_1024_by_600(qtbot: QtBot) -> None:
    today = START + dt.timedelta(days=40)
    plan = SWITCH_PLAN.replace(
        checkins=(CheckIn(START + dt.timedelta(days=30), action=FollowUpAction.HOLD),)
    )
    from ui.followup import clock

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: today)
        window = shown(qtbot, plan, SCREENS[0])
    assert window.changes_bar.isVisible()
    assert one_line(window.pane.compare) and "Original plan" in window.pane.compare.text()
    table = window.pane.table
    assert table.horizontalScrollBar().maximum() == 0
    viewport = window.form_scroll.viewport()
    assert inside(window.form.method.method_combo, viewport)
    assert inside(window.form.sections["pace"].button, viewport)
    # The table shows more than one step under the chart.
    assert table.rowAt(table.viewport().height() - 1) != table.rowAt(0)

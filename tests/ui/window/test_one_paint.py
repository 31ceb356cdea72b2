"""An edit is laid out and drawn before the window paints: one paint shows the new plan."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from planner.model import Regimen
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from ui.window.main_window import MainWindow

pytestmark = SHOWS_WINDOW


def test_an_edit_sizes_the_rows_and_draws_the_chart_before_the_next_paint(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.pane.chart.draw_now()
    qtbot.wait(20)
    chart, table = window.pane.chart, window.pane.table
    before = np.asarray(chart.canvas.buffer_rgba()).copy()
    liquid = BASE_PLAN.replace(
        drug="diazepam", formulation="liquid", regimen=Regimen(morning_mg=30, night_mg=30)
    )
    # The form's plan handler, called directly: no turn of the event loop (no paint) after it.
    window.on_form_plan_changed(liquid)
    assert not np.array_equal(np.asarray(chart.canvas.buffer_rgba()), before)
    last = table.rowAt(table.viewport().height() - 1)
    rows = range(table.rowAt(0), last + 1)
    assert len(rows) > 3
    assert [table.rowHeight(r) for r in rows] == [table.sizeHintForRow(r) for r in rows]
    assert max(table.rowHeight(r) for r in rows) > table.verticalHeader().defaultSectionSize()

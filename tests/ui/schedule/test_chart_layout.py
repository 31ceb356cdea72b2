"""The chart's layout: run again only when needed, and never lets a label fall off the figure."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import Regimen, TaperPlan
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from ui.schedule.chart import ScheduleChart
from ui.schedule.chart_layout import y_tick_key

pytestmark = SHOWS_WINDOW


@pytest.fixture
def chart(shown_chart: ScheduleChart) -> ScheduleChart:
    return shown_chart


def with_dose(night_mg: float) -> TaperPlan:
    return dataclasses.replace(
        BASE_PLAN, drug="diazepam", regimen=Regimen(night_mg=night_mg), formulation="liquid"
    )


def drawn_labels(chart: ScheduleChart) -> list[Text]:
    labels: list[Text] = []
    for axes in (chart.axes, chart.eq_axes):
        low, high = sorted(axes.get_ylim())
        if axes.yaxis.get_visible():
            labels += [
                label
                for location, label in zip(
                    axes.yaxis.get_majorticklocs(), axes.yaxis.get_ticklabels(), strict=True
                )
                if low <= location <= high
            ]
            labels.append(axes.yaxis.label)
    return labels + [label for label in chart.axes.xaxis.get_ticklabels() if label.get_text()]


def test_labels_stay_inside_the_figure_whatever_the_doses(
    chart: ScheduleChart, qtbot: QtBot
) -> None:
    # Doses whose y ranges put labels at the top edge, widen them ("100") or shorten them.
    for night_mg in (40.0, 45.0, 50.0, 8.0, 80.0, 2.0, 32.0, 0.5, 40.0):
        with qtbot.waitSignal(chart.blit.drawn):
            chart.set_schedule(plan(with_dose(night_mg)))
        renderer = chart.canvas.get_renderer()
        figure_box = chart.figure.bbox
        for label in drawn_labels(chart):
            box: Bbox = label.get_window_extent(renderer)
            inside = (
                box.x0 >= figure_box.x0 - 0.5
                and box.x1 <= figure_box.x1 + 0.5
                and box.y0 >= figure_box.y0 - 0.5
                and box.y1 <= figure_box.y1 + 0.5
            )
            assert inside, (night_mg, label.get_text(), box, figure_box)


def test_the_key_counts_only_drawn_labels_by_shape(chart: ScheduleChart, qtbot: QtBot) -> None:
    with qtbot.waitSignal(chart.blit.drawn):
        chart.set_schedule(plan(with_dose(45.0)))  # y up to 56.25: ticks 0-60, 60 not drawn
    visible, shapes, at_top, at_bottom = y_tick_key(chart.axes)
    assert visible and shapes == ("0", "00")
    assert not at_top and at_bottom  # "0" sits on the bottom edge
    with qtbot.waitSignal(chart.blit.drawn):
        chart.set_schedule(plan(with_dose(40.0)))  # y up to 50: the "50" label is at the top
    assert y_tick_key(chart.axes)[2]

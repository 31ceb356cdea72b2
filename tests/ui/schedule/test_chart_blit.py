"""Blitting: an edit redraws only what moved, and paints exactly what a full draw paints."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.layout_engine import ConstrainedLayoutEngine
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import CustomStep, Method, Regimen, TaperPlan
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW, START
from ui.schedule.chart import ScheduleChart
from ui.schedule.chart_layout import date_offset_shown

pytestmark = SHOWS_WINDOW


class Drawn:
    """Counts the chart's full draws."""

    def __init__(self, chart: ScheduleChart) -> None:
        self.full = 0
        chart.canvas.mpl_connect("draw_event", self.on_draw)

    def on_draw(self, _event: object) -> None:
        self.full += 1


@pytest.fixture
def chart(shown_chart: ScheduleChart) -> ScheduleChart:
    shown_chart.set_schedule(plan(BASE_PLAN))
    shown_chart.draw_now()
    return shown_chart


def picture(chart: ScheduleChart) -> np.ndarray:
    return np.asarray(chart.canvas.buffer_rgba()).copy()


def full_draw_picture(chart: ScheduleChart) -> np.ndarray:
    chart.draw_now()
    return picture(chart)


def test_an_edit_that_keeps_the_y_range_redraws_only_what_moved(
    chart: ScheduleChart, qtbot: QtBot
) -> None:
    drawn = Drawn(chart)
    before = picture(chart)
    with qtbot.waitSignal(chart.blit.drawn):
        chart.set_schedule(plan(BASE_PLAN.replace(interval_days=28)))
    assert drawn.full == 0
    updated = picture(chart)
    assert not np.array_equal(updated, before)  # the line and the dates moved
    assert np.array_equal(updated, full_draw_picture(chart))


def test_y_labels_of_a_new_shape_redraw_everything(chart: ScheduleChart, qtbot: QtBot) -> None:
    # 1.5 → 3 mg/day: the ticks go from 0.00–1.75 to 0.0–3.5, so the layout is done again.
    drawn = Drawn(chart)
    doubled = dataclasses.replace(BASE_PLAN, regimen=Regimen(morning_mg=1.0, night_mg=2.0))
    with qtbot.waitSignal(chart.blit.drawn):
        chart.set_schedule(plan(doubled))
    assert drawn.full == 1
    assert chart.axes.get_ylim()[1] > 3.0
    labels = [label.get_text() for label in chart.axes.yaxis.get_ticklabels()]
    assert "3.0" in labels or "3.00" in labels


@pytest.mark.parametrize(
    ("switch", "percent", "doses_mg"),
    [
        # From 1.5 mg/day: ticks 0.00–1.75, 0.00–2.00 and back (same shapes, new places).
        (False, False, ((0.5, 1.25), (0.5, 1.0))),
        (False, True, ((0.5, 1.25), (0.5, 1.0))),
        # A switch: the left axis in diazepam mg (ticks 0–35, 0–40, 0–30).
        (True, False, ((0.5, 1.25), (0.5, 1.0), (0.25, 1.0))),
        (True, True, ((0.5, 1.25), (0.5, 1.0), (0.25, 1.0))),
    ],
)
def test_a_dose_edit_in_the_same_layout_redraws_the_y_axes_and_paints_a_full_draw(
    shown_chart: ScheduleChart,
    qtbot: QtBot,
    switch: bool,
    percent: bool,
    doses_mg: tuple[tuple[float, float], ...],
) -> None:
    from tests.planner.helpers import switch_plan

    start = switch_plan() if switch else BASE_PLAN
    shown_chart.set_percent_axis(percent)
    shown_chart.set_schedule(plan(start))
    shown_chart.draw_now()
    drawn = Drawn(shown_chart)
    for morning_mg, night_mg in doses_mg:
        high = shown_chart.axes.get_ylim()[1]
        taper = start.replace(regimen=Regimen(morning_mg=morning_mg, night_mg=night_mg))
        with qtbot.waitSignal(shown_chart.blit.drawn):
            shown_chart.set_schedule(plan(taper))
        assert shown_chart.axes.get_ylim()[1] != high
        assert drawn.full == 0
        assert np.array_equal(picture(shown_chart), full_draw_picture(shown_chart))
        drawn.full = 0  # the comparison's own full draw


# Diazepam steps written by hand: a new starting dose keeps every date.
CUSTOM_PLAN = TaperPlan(
    drug="diazepam",
    regimen=Regimen(morning_mg=12.0, night_mg=10.0),
    method=Method.CUSTOM,
    custom_steps=tuple(CustomStep(mg) for mg in (18.0, 16.0, 14.0, 12.0, 10.0, 6.0, 2.0, 0.0)),
    interval_days=14,
    start=START,
)


@pytest.mark.parametrize("percent", [False, True])
@pytest.mark.parametrize("interval_days", [14, 3])  # 3: the dates have an offset line
def test_a_dose_edit_keeping_the_dates_copies_them_and_paints_a_full_draw(
    shown_chart: ScheduleChart,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    percent: bool,
    interval_days: int,
) -> None:
    start = CUSTOM_PLAN.replace(interval_days=interval_days)
    shown_chart.set_percent_axis(percent)
    shown_chart.set_schedule(plan(start))
    shown_chart.draw_now()
    drawn = Drawn(shown_chart)
    dates_drawn: list[int] = []
    artists = shown_chart.dates.artists

    def counted() -> list[object]:
        dates_drawn.append(1)
        return list(artists())

    monkeypatch.setattr(shown_chart.dates, "artists", counted)
    xlim = shown_chart.axes.get_xlim()
    for morning_mg in (11.0, 13.0, 12.0):  # y ranges 0–26.25, 0–28.75, 0–27.5
        high = shown_chart.axes.get_ylim()[1]
        taper = start.replace(regimen=Regimen(morning_mg=morning_mg, night_mg=10.0))
        with qtbot.waitSignal(shown_chart.blit.drawn):
            shown_chart.set_schedule(plan(taper))
        assert shown_chart.axes.get_ylim()[1] != high and shown_chart.axes.get_xlim() == xlim
        assert drawn.full == 0 and not dates_drawn
        assert np.array_equal(picture(shown_chart), full_draw_picture(shown_chart))
        drawn.full = 0  # the comparison's own full draw
        dates_drawn.clear()


@pytest.mark.parametrize("interval_days", [1, 3, 14, 60])
def test_the_dates_draw_only_inside_their_band(
    shown_chart: ScheduleChart, interval_days: int
) -> None:
    # A copied band holds only its strip: a date inked above it would be lost in the copy.
    shown_chart.set_schedule(plan(CUSTOM_PLAN.replace(interval_days=interval_days)))
    shown_chart.draw_now()
    renderer = shown_chart.canvas.get_renderer()
    renderer.clear()  # transparent: what the dates ink is what is not
    for artist in shown_chart.dates.artists():
        shown_chart.figure.draw_artist(artist)
    region = shown_chart.dates.region()
    assert region is not None
    ink = picture(shown_chart)[..., 3] > 0
    height = ink.shape[0]
    assert ink[height - int(region.y1) :].any()
    assert not ink[: height - int(region.y1)].any()
    shown_chart.draw_now()


def test_hover_stale_and_selection_paint_what_a_full_draw_paints(
    chart: ScheduleChart, qtbot: QtBot
) -> None:
    drawn = Drawn(chart)
    x, _ = chart.drug_lines[0].get_xydata()[3]
    px, py = chart.axes.transData.transform((x + 1, 0.5))
    with qtbot.waitSignal(chart.blit.drawn):
        chart.canvas.callbacks.process(
            "motion_notify_event", MouseEvent("motion_notify_event", chart.canvas, px, py)
        )
        chart.highlight_step(2)
        chart.set_stale(True)
    assert chart.tooltip.get_visible()
    assert drawn.full == 0
    assert np.array_equal(picture(chart), full_draw_picture(chart))


def test_after_a_resize_the_background_is_taken_again(chart: ScheduleChart, qtbot: QtBot) -> None:
    chart.resize(500, 300)
    qtbot.waitUntil(lambda: chart.canvas.get_width_height() == (500, 300))
    with qtbot.waitSignal(chart.blit.drawn):
        chart.set_schedule(plan(BASE_PLAN.replace(interval_days=21)))
    width, height = chart.canvas.get_width_height(physical=True)
    assert picture(chart).shape[:2] == (height, width)
    assert np.array_equal(picture(chart), full_draw_picture(chart))


def test_when_the_dates_gain_an_offset_line_the_picture_is_still_a_full_draw(
    chart: ScheduleChart, qtbot: QtBot
) -> None:
    # Steps of 2 or 3 days fit in weeks and show "2027-Feb" below the dates; 60-day steps
    # span years and show none. The layout makes room for that line. Found by the monkey test:
    # a full draw for a new dose laid out with the old (no) offset, and the next full draw
    # moved the axes 0.004 px from the blitted picture.
    doubled = Regimen(morning_mg=1.0, night_mg=2.0)
    steps = (
        BASE_PLAN.replace(interval_days=60),  # no offset line
        BASE_PLAN.replace(interval_days=3, regimen=doubled),  # new y range and an offset
        BASE_PLAN.replace(interval_days=2, regimen=doubled),  # blitted
    )
    chart.set_pinned(plan(steps[2]))  # a legend: its text shows a fraction of a pixel
    shown = []
    for taper in steps:
        with qtbot.waitSignal(chart.blit.drawn):
            chart.set_schedule(plan(taper))
        shown.append(date_offset_shown(chart.axes))
    assert shown == [False, True, True]
    assert np.array_equal(picture(chart), full_draw_picture(chart))


def test_percent_axis_reads_the_left_axis_as_percent_of_start_and_blits_exactly(
    chart: ScheduleChart,
) -> None:
    chart.set_percent_axis(True)
    chart.draw_now()
    high = chart.axes.get_ylim()[1]
    right_high = chart.eq_axes.get_ylim()[1]
    assert right_high == pytest.approx(high / 1.5 * 100)  # BASE_PLAN starts at 1.5 mg/day
    assert chart.eq_axes.get_ylabel() == "% of starting dose"
    assert chart.eq_axes.yaxis.get_visible()
    blitted = picture(chart)
    chart.canvas.draw()
    assert np.array_equal(blitted, picture(chart))


def test_percent_axis_in_a_switch_uses_diazepam_equivalents(chart: ScheduleChart) -> None:
    from tests.planner.helpers import switch_plan

    chart.set_schedule(plan(switch_plan()))
    chart.set_percent_axis(True)
    chart.draw_now()
    assert chart.in_diazepam and chart.eq_axes.yaxis.get_visible()
    start_eq = 1.5 * 20  # clonazepam 1.5 mg/day, 0.5 mg = 10 mg diazepam (Ashton)
    assert chart.eq_axes.get_ylim()[1] == pytest.approx(chart.axes.get_ylim()[1] / start_eq * 100)
    assert "diazepam" in chart.eq_axes.get_ylabel()
    chart.set_percent_axis(False)
    chart.draw_now()
    assert not chart.eq_axes.yaxis.get_visible()


def plain_draw_strips(chart: ScheduleChart) -> tuple[np.ndarray, np.ndarray]:
    """Left and right of the axes as matplotlib alone draws them.

    Nothing is animated and the constrained layout runs afresh. The layers draw the lines
    over the grid on purpose, so inside the axes a plain draw differs; beside them are the
    y tick labels and the axis labels, which must not.
    """
    figure = chart.figure
    animated = [artist for artist in figure.findobj() if artist.get_animated()]
    engine = figure.get_layout_engine()
    for artist in animated:
        artist.set_animated(False)
    figure.set_layout_engine(ConstrainedLayoutEngine())
    try:
        with chart.canvas.callbacks.blocked(signal="draw_event"):
            renderer = chart.canvas.get_renderer()
            renderer.clear()
            figure.draw(renderer)
        return y_strips(chart)
    finally:
        for artist in animated:
            artist.set_animated(True)
        figure.set_layout_engine(engine)


def y_strips(chart: ScheduleChart) -> tuple[np.ndarray, np.ndarray]:
    """The picture beside the axes (left and right), over the axes' height."""
    image = picture(chart)
    height = image.shape[0]
    box = chart.axes.bbox
    top, bottom = round(height - box.y1), round(height - box.y0)  # image rows run downwards
    return image[top:bottom, : round(box.x0) - 1], image[top:bottom, round(box.x1) + 2 :]


@pytest.mark.parametrize("percent", [False, True])
def test_the_y_labels_are_where_a_plain_draw_puts_them(
    shown_chart: ScheduleChart, qtbot: QtBot, percent: bool
) -> None:
    # The axis labels are drawn into the base, placed once after each full draw: a label
    # placed before the layout's last move of the axes would stand off its tick labels.
    shown_chart.set_percent_axis(percent)
    shown_chart.set_schedule(plan(BASE_PLAN))
    shown_chart.draw_now()
    for night_mg in (1.25, 1.0, 2.0, 12.0, 4.0):  # same layout, then new label shapes
        taper = BASE_PLAN.replace(regimen=Regimen(morning_mg=0.5, night_mg=night_mg))
        with qtbot.waitSignal(shown_chart.blit.drawn):
            shown_chart.set_schedule(plan(taper))
        left, right = y_strips(shown_chart)
        plain_left, plain_right = plain_draw_strips(shown_chart)
        assert left.shape[1] > 20 and right.shape[1] > 20
        assert np.array_equal(left, plain_left)
        assert np.array_equal(right, plain_right)
        shown_chart.draw_now()  # the layered picture again (and the layout engine's key)

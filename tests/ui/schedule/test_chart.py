"""The chart: a step line of the planner's doses, holds shaded, a pinned plan, clicks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import matplotlib.dates as mdates
import pytest
from matplotlib.backend_bases import MouseEvent
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import CustomStep, Method, StepKind
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from tests.ui.schedule.test_table_model import two_drug_schedule
from ui.schedule.chart import ScheduleChart, lead_start, tail_days
from ui.schedule.chart_points import num


@pytest.fixture
def chart(qtbot: QtBot) -> ScheduleChart:
    widget = ScheduleChart()
    qtbot.addWidget(widget)
    widget.resize(700, 350)
    return widget


def day(value: object) -> float:
    return float(mdates.date2num(value))


def click(chart: ScheduleChart, x: float, name: str = "button_press_event") -> None:
    chart.draw_now()
    px, py = chart.axes.transData.transform((x, 0.5))
    chart.canvas.callbacks.process(name, MouseEvent(name, chart.canvas, px, py, button=1))


def test_the_line_steps_through_the_planners_daily_doses(chart: ScheduleChart) -> None:
    schedule = plan(BASE_PLAN)
    chart.set_schedule(schedule)
    line = chart.drug_lines[0]
    assert line.get_drawstyle() == "steps-post"
    xy = line.get_xydata()
    expected_x = [day(lead_start(schedule)), *(day(s.start) for s in schedule.steps)]
    assert list(xy[:-1, 0]) == expected_x
    assert list(xy[:, 1]) == [1.5, 1.25, 1.0, 0.75, 0.5, 0.25, 0.0, 0.0]
    assert not chart.drug_lines[1].get_visible()
    assert not chart.eq_line.get_visible()
    _low, high = chart.eq_axes.get_ylim()
    assert high == pytest.approx(chart.axes.get_ylim()[1] * 20)  # Ashton: 0.5 mg = 10 mg


def test_the_same_artists_are_reused(chart: ScheduleChart) -> None:
    chart.set_schedule(plan(BASE_PLAN))
    artists = (id(chart.drug_lines[0]), len(chart.axes.lines), len(chart.axes.collections))
    chart.set_schedule(plan(BASE_PLAN.replace(interval_days=28)))
    assert artists == (id(chart.drug_lines[0]), len(chart.axes.lines), len(chart.axes.collections))


def test_holds_are_shaded(chart: ScheduleChart) -> None:
    schedule = plan(dataclasses.replace(BASE_PLAN, stabilise_days=14))
    chart.set_schedule(schedule)
    assert schedule.steps[0].kind is StepKind.STABILISE
    (span,) = chart.hold_spans.get_paths()
    xs = sorted({round(x, 6) for x, _ in span.vertices})
    assert xs == [day(schedule.steps[0].start), day(schedule.steps[1].start)]


def test_a_run_of_held_steps_is_one_span(chart: ScheduleChart) -> None:
    levels = (1.25, 1.25, 1.25, 1.0, 0.0)  # a repeated level is a hold step
    custom = tuple(CustomStep(mg, 7) for mg in levels)
    schedule = plan(dataclasses.replace(BASE_PLAN, method=Method.CUSTOM, custom_steps=custom))
    kinds = [step.kind for step in schedule.steps]
    assert kinds[:3] == [StepKind.REDUCE, StepKind.HOLD, StepKind.HOLD]
    chart.set_schedule(schedule)
    (span,) = chart.hold_spans.get_paths()
    xs = sorted({round(x, 6) for x, _ in span.vertices})
    assert xs == [day(schedule.steps[1].start), day(schedule.steps[3].start)]


def inside(fill: object, x: float, y: float) -> bool:
    return any(path.contains_point((x, y)) for path in fill.get_paths())  # type: ignore[attr-defined]


def test_a_switch_is_drawn_in_diazepam_with_each_drugs_share(chart: ScheduleChart) -> None:
    schedule = two_drug_schedule()
    chart.set_schedule(schedule)
    assert chart.axes.get_ylabel() == "Diazepam eq. (mg/day)"
    assert not any(line.get_visible() for line in chart.drug_lines)
    # Today 1.5 mg clonazepam = 30 mg; the switch step 15 + 5 mg; then nothing.
    assert list(chart.eq_line.get_xydata()[:, 1]) == [30.0, 20.0, 0.0, 0.0]
    clonazepam, diazepam = chart.share_fills
    assert clonazepam.get_visible() and diazepam.get_visible()
    switch_day = day(schedule.steps[0].start) + 3
    assert inside(clonazepam, switch_day, 7.5) and not inside(clonazepam, switch_day, 17.5)
    assert inside(diazepam, switch_day, 17.5) and not inside(diazepam, switch_day, 7.5)
    assert inside(clonazepam, day(lead_start(schedule)) + 1, 25.0)
    labels = [text.get_text() for text in chart.axes.get_legend().get_texts()]
    assert labels == ["clonazepam, as diazepam", "diazepam", "total, as diazepam"]
    chart.set_schedule(plan(BASE_PLAN))
    assert not clonazepam.get_visible() and chart.drug_lines[0].get_visible()
    assert chart.axes.get_ylabel() == "Daily dose (mg/day)"


def test_the_original_plan_is_a_faint_line_beside_the_revised_one(chart: ScheduleChart) -> None:
    original, revised = plan(BASE_PLAN), plan(BASE_PLAN.replace(interval_days=28))
    chart.set_schedule(revised, original)
    assert chart.original_line.get_visible()
    assert list(chart.original_line.get_xydata()[:, 1]) == [1.5, 1.25, 1.0, 0.75, 0.5, 0.25, 0, 0]
    assert "original plan" in chart.original_line.get_label()
    chart.set_schedule(revised, None)
    assert not chart.original_line.get_visible()


def test_pinning_draws_a_second_line(chart: ScheduleChart) -> None:
    first = plan(BASE_PLAN)
    chart.set_schedule(first)
    chart.set_pinned(first)
    chart.set_schedule(plan(BASE_PLAN.replace(interval_days=28)))
    assert chart.pinned_line.get_visible()
    pinned_end = chart.pinned_line.get_xydata()[-1, 0]
    assert pinned_end == day(first.end_date) + tail_days(first)
    assert chart.drug_lines[0].get_xydata()[-1, 0] > pinned_end
    chart.set_pinned(None)
    assert not chart.pinned_line.get_visible()


def test_clicking_a_step_reports_its_row_and_hover_shows_it(
    qtbot: QtBot, chart: ScheduleChart
) -> None:
    schedule = plan(BASE_PLAN)
    chart.set_schedule(schedule)
    third = schedule.steps[2]
    with qtbot.waitSignal(chart.step_clicked) as blocker:
        click(chart, day(third.start) + 3)
    assert blocker.args == [2]
    click(chart, day(third.start) + 3, "motion_notify_event")
    assert chart.tooltip.get_visible()
    text = chart.tooltip.get_text()
    assert "Step 3 (reduce): 1 Feb 2027 – 14 Feb 2027, 14 days" in text
    assert "Morning: 0.25 mg: ½ × 0.5 mg tablet" in text
    assert "Daily: 0.75 mg (≈ 15 mg diazepam)" in text


def test_the_hover_label_names_diazepam_after_a_switch(chart: ScheduleChart) -> None:
    schedule = plan(dataclasses.replace(BASE_PLAN, switch_to="diazepam"))
    chart.set_schedule(schedule)
    step = next(s for s in schedule.steps[5:] if s.doses)
    click(chart, day(step.start) + 1, "motion_notify_event")
    text = chart.tooltip.get_text()
    assert "Night: diazepam 20 mg: 2 × 10 mg tablet" in text
    assert f"Daily: diazepam {step.daily_mg['diazepam']:g} mg" in text


@SHOWS_WINDOW
@pytest.mark.parametrize("fraction", [0.35, 0.45, 0.55, 0.9])
def test_the_hover_label_is_never_cut_off(
    qtbot: QtBot, chart: ScheduleChart, fraction: float
) -> None:
    chart.resize(380, 300)  # a narrow chart: the label is wider than half of it
    chart.show()
    qtbot.waitUntil(lambda: chart.canvas.get_width_height() == (380, 300))
    chart.set_schedule(plan(dataclasses.replace(BASE_PLAN, formulation="liquid")))
    low, high = chart.axes.get_xlim()
    click(chart, low + (high - low) * fraction, "motion_notify_event")
    chart.draw_now()
    renderer = chart.canvas.get_renderer()
    patch = chart.tooltip.get_bbox_patch()
    assert chart.tooltip.get_visible() and patch is not None
    box, edges = patch.get_window_extent(renderer), chart.figure.bbox
    assert box.width < edges.width
    assert edges.x0 <= box.x0 + 0.5 and box.x1 <= edges.x1 + 0.5


def test_highlight_marks_the_selected_step(chart: ScheduleChart) -> None:
    schedule = plan(BASE_PLAN)
    chart.set_schedule(schedule)
    chart.highlight_step(1)
    assert chart.highlight.get_visible()
    assert chart.highlight.get_x() == day(schedule.steps[1].start)
    assert chart.highlight.get_width() == 14
    chart.highlight_step(-1)
    assert not chart.highlight.get_visible()


@pytest.mark.parametrize("date", [dt.date(1970, 1, 1), dt.date(2027, 1, 4), dt.date(2099, 12, 31)])
def test_date_numbers_are_matplotlibs(date: dt.date) -> None:
    assert num(date) == day(date)


def test_a_schedule_and_its_original_are_scaled_and_given_a_legend_once(
    chart: ScheduleChart, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = plan(BASE_PLAN)
    made: list[object] = []
    legend = chart.axes.legend

    def counted(*args: object, **kwargs: object) -> object:
        made.append(kwargs.get("handles"))
        return legend(*args, **kwargs)

    monkeypatch.setattr(chart.axes, "legend", counted)
    chart.set_schedule(plan(BASE_PLAN.replace(interval_days=28)), original)
    assert len(made) == 1 and chart.original_line in made[0]
    assert list(chart.original_line.get_xydata()[:, 1]) == [1.5, 1.25, 1.0, 0.75, 0.5, 0.25, 0, 0]
    chart.set_schedule(plan(BASE_PLAN))  # a plan without check-ins has no original
    assert not chart.original_line.get_visible()

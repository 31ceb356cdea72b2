"""The schedule chart: daily dose over calendar dates, built once and updated in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import matplotlib.dates as mdates
from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.model import TIMES_OF_DAY, Schedule, Step, StepKind, format_mg
from ui.schedule_model import daily_text, dose_text

DRUG_COLOURS = ("#1f5fa8", "#c75b12")
HOLD_COLOUR = "#cfe0f3"
SHADED_KINDS = (StepKind.STABILISE, StepKind.HOLD, StepKind.MAINTAIN)
# How far past the final step the line runs, so the last drop is visible.
MIN_TAIL_DAYS = 7
# Today is shown when it falls at most this long before the start.
TODAY_LEAD_DAYS = 60
HEADROOM = 1.25


def _num(day: dt.date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def tail_days(schedule: Schedule) -> int:
    """Days drawn after the final step's start: a tenth of the plan, at least a week."""
    return max(MIN_TAIL_DAYS, schedule.total_days // 10)


def lead_start(schedule: Schedule) -> dt.date:
    """Where the line starts: today's regimen is drawn for a short while before the plan."""
    return schedule.start_date - dt.timedelta(days=tail_days(schedule))


def step_points(schedule: Schedule, drug: str) -> tuple[list[float], list[float]]:
    """(x, y) for a steps-post line of ``drug``'s daily mg, from today's regimen to the end."""
    xs = [_num(step.start) for step in schedule.steps]
    ys = [step.daily_mg.get(drug, 0.0) for step in schedule.steps]
    if drug == schedule.plan.drug:
        xs.insert(0, _num(lead_start(schedule)))
        ys.insert(0, schedule.plan.regimen.daily_mg)
    xs.append(_num(schedule.end_date + dt.timedelta(days=tail_days(schedule))))
    ys.append(ys[-1])
    return xs, ys


def eq_points(schedule: Schedule) -> tuple[list[float], list[float]]:
    """(x, y) for the daily diazepam-equivalent total, as the planner gives it."""
    xs = [_num(step.start) for step in schedule.steps]
    ys = [step.daily_diazepam_eq_mg for step in schedule.steps]
    xs.append(_num(schedule.end_date + dt.timedelta(days=tail_days(schedule))))
    return xs, [*ys, ys[-1]]


def schedule_drugs(schedule: Schedule) -> list[str]:
    """Every drug in the schedule, in the order it first appears (the plan's drug first)."""
    drugs = [schedule.plan.drug]
    for step in schedule.steps:
        drugs += [drug for drug in step.daily_mg if drug not in drugs]
    return drugs


def date_text(day: dt.date) -> str:
    """'1 Feb 2027'."""
    return f"{day.day} {day:%b %Y}"


def step_tooltip(step: Step) -> str:
    """Dates, doses with units and the daily total of one step, for the hover box."""
    dates = f"{date_text(step.start)} – {date_text(step.end)}, {step.days} days"
    if not step.days:
        dates = f"from {date_text(step.start)}"
    lines = [f"Step {step.index} ({step.kind}): {dates}"]
    lines += [f"{t.title()}: {dose_text(step, t)}" for t in TIMES_OF_DAY if step.doses_at(t)]
    daily = daily_text(step).replace("\n", " + ")
    lines.append(f"Daily: {daily} (≈ {format_mg(step.daily_diazepam_eq_mg)} mg diazepam)")
    return "\n".join(lines)


class ScheduleChart(QWidget):
    """A step line of the daily dose, today's date, shaded holds, a pinned plan to compare.

    Signals:
        step_clicked(int): the row (0-based) of the step the clinician clicked.
    """

    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(6.0, 3.0), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.setMinimumHeight(180)
        self.canvas.setAccessibleName("Schedule chart: daily dose over time")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.schedule: Schedule | None = None
        self.pinned: Schedule | None = None
        self._build_artists()
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("figure_leave_event", self._on_leave)

    def _build_artists(self) -> None:
        axes = self.axes = self.figure.add_subplot()
        self.eq_axes = axes.twinx()
        axes.set_ylabel("Daily dose (mg/day)")
        self.eq_axes.set_ylabel("Diazepam equivalent (mg/day)", color="#666666")
        axes.grid(True, axis="y", color="#e4e4e4")
        axes.set_axisbelow(True)
        locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(formatter)
        band = axes.get_xaxis_transform()
        self.hold_spans = PolyCollection(
            [], transform=band, facecolor=HOLD_COLOUR, edgecolor="none", zorder=0
        )
        axes.add_collection(self.hold_spans, autolim=False)
        self.highlight = Rectangle(
            (0, 0), 0, 1, transform=band, facecolor="#ffd54f", alpha=0.45, visible=False
        )
        axes.add_patch(self.highlight)
        self.pinned_line: Line2D = axes.plot(
            [], [], drawstyle="steps-post", color="#888888", alpha=0.6, lw=2.5, ls="--",
            visible=False,
        )[0]  # fmt: skip
        self.drug_lines: list[Line2D] = [
            axes.plot([], [], drawstyle="steps-post", color=colour, lw=2.2, visible=False)[0]
            for colour in DRUG_COLOURS
        ]
        self.eq_line: Line2D = self.eq_axes.plot(
            [], [], drawstyle="steps-post", color="#555555", lw=1.2, ls=":", visible=False
        )[0]
        self.today_line = axes.axvline(0.0, color="#c62828", lw=1.2, ls="-.", visible=False)
        self.today_text = axes.text(
            0, 1.0, " today", transform=band, color="#c62828", va="top", fontsize="small"
        )
        self.stale_text = axes.text(
            0.5, 0.5, "Out of date", transform=axes.transAxes, ha="center", va="center",
            fontsize=20, color="#9e9e9e", visible=False, zorder=20,
        )  # fmt: skip
        # On the twin (top) axes so nothing is drawn over it; y is a fraction of the height.
        self.tooltip = self.eq_axes.annotate(
            "", xy=(0, 0), xycoords=self.eq_axes.get_xaxis_transform(), xytext=(12, 12),
            textcoords="offset points", fontsize="small", va="center",
            bbox={"boxstyle": "round", "fc": "#fffde7", "ec": "#999999"}, visible=False,
            zorder=30, annotation_clip=False,
        )  # fmt: skip

    # ------------------------------------------------------------ updates
    def set_schedule(self, schedule: Schedule) -> None:
        """Draw a new schedule in the existing artists."""
        self.schedule = schedule
        drugs = schedule_drugs(schedule)
        for number, line in enumerate(self.drug_lines):
            if number < len(drugs):
                line.set_data(*step_points(schedule, drugs[number]))
                line.set_label(f"{drugs[number]} (mg/day)")
            line.set_visible(number < len(drugs))
        self.eq_line.set_data(*eq_points(schedule))
        self.eq_line.set_visible(len(drugs) > 1)
        self.hold_spans.set_verts(
            [self._span(step, schedule) for step in schedule.steps if step.kind in SHADED_KINDS]
        )
        self.tooltip.set_visible(False)
        self.highlight.set_visible(False)
        self._rescale()

    def set_pinned(self, pinned: Schedule | None) -> None:
        """Show (or with None, remove) a pinned schedule as a faint line."""
        self.pinned = pinned
        if pinned is not None:
            self.pinned_line.set_data(*step_points(pinned, pinned.plan.drug))
            self.pinned_line.set_label(f"pinned, ends {date_text(pinned.end_date)}")
        self.pinned_line.set_visible(pinned is not None)
        self._rescale()

    def set_stale(self, stale: bool) -> None:
        """Grey the chart out while the form holds input the planner refused."""
        for line in (*self.drug_lines, self.eq_line):
            line.set_alpha(0.3 if stale else 1.0)
        self.stale_text.set_visible(stale)
        self._redraw()

    def highlight_step(self, row: int) -> None:
        """Mark the step on ``row`` (or nothing for -1)."""
        if self.schedule is None or not 0 <= row < len(self.schedule.steps):
            self.highlight.set_visible(False)
        else:
            start, end = self._step_range(self.schedule, row)
            self.highlight.set_x(start)
            self.highlight.set_width(end - start)
            self.highlight.set_visible(True)
        self._redraw()

    def _step_range(self, schedule: Schedule, row: int) -> tuple[float, float]:
        step = schedule.steps[row]
        days = step.days or tail_days(schedule)
        return _num(step.start), _num(step.start + dt.timedelta(days=days))

    def _span(self, step: Step, schedule: Schedule) -> Sequence[tuple[float, float]]:
        start, end = self._step_range(schedule, step.index - 1)
        return [(start, 0.0), (end, 0.0), (end, 1.0), (start, 1.0)]

    def _rescale(self) -> None:
        if self.schedule is None:
            return
        shown = [s for s in (self.schedule, self.pinned) if s is not None]
        today = dt.date.today()
        first = min(lead_start(s) for s in shown)
        last = max(s.end_date + dt.timedelta(days=tail_days(s)) for s in shown)
        if first - dt.timedelta(days=TODAY_LEAD_DAYS) <= today <= last:
            first = min(first, today)
        self.today_line.set_xdata([_num(today), _num(today)])
        self.today_line.set_visible(first <= today <= last)
        self.today_text.set_x(_num(today))
        self.today_text.set_visible(first <= today <= last)
        self.axes.set_xlim(_num(first), _num(last))
        for axes in (self.axes, self.eq_axes):
            axes.relim(visible_only=True)
            axes.autoscale_view(scalex=False)
            # Head room above the highest dose keeps the legend and labels off the line.
            axes.set_ylim(0, axes.dataLim.y1 * HEADROOM if axes.dataLim.y1 > 0 else 1)
        if not self.eq_line.get_visible():
            # One drug: the right axis reads the left one in diazepam mg, by the planner's factor.
            factor = self.schedule.steps[0].diazepam_eq_factor.get(self.schedule.plan.drug, 0.0)
            low, high = self.axes.get_ylim()
            self.eq_axes.set_ylim(low * factor, high * factor)
        handles = [line for line in (*self.drug_lines, self.pinned_line) if line.get_visible()]
        if len(handles) > 1:
            self.axes.legend(handles=handles, loc="upper right", fontsize="small")
        elif (legend := self.axes.get_legend()) is not None:
            legend.remove()
        self._redraw()

    def _redraw(self) -> None:
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def draw_now(self) -> None:
        """Draw at once rather than when Qt is next idle (for screenshots)."""
        self.canvas.draw()  # type: ignore[no-untyped-call]

    # ------------------------------------------------------------ mouse
    def row_at(self, x: float) -> int:
        """The row of the step drawn at chart x (matplotlib date number), or -1."""
        if self.schedule is None:
            return -1
        rows = [row for row, s in enumerate(self.schedule.steps) if _num(s.start) <= x]
        return rows[-1] if rows else -1

    def _on_motion(self, event: Event) -> None:
        if not isinstance(event, MouseEvent) or self.schedule is None:
            return
        x = event.xdata
        row = -1 if event.inaxes is None or x is None else self.row_at(x)
        if row < 0 or x is None:
            self._on_leave(event)
            return
        step = self.schedule.steps[row]
        height = float(self.axes.transAxes.inverted().transform((event.x, event.y))[1])
        self.tooltip.xy = (x, min(max(height, 0.25), 0.75))
        right_half = event.x > self.canvas.width() * self.canvas.devicePixelRatioF() / 2
        self.tooltip.set_horizontalalignment("right" if right_half else "left")
        self.tooltip.xyann = (-12 if right_half else 12, 0)
        self.tooltip.set_text(step_tooltip(step))
        self.tooltip.set_visible(True)
        self._redraw()

    def _on_press(self, event: Event) -> None:
        if isinstance(event, MouseEvent) and event.inaxes is not None and event.xdata is not None:
            row = self.row_at(event.xdata)
            if row >= 0:
                self.step_clicked.emit(row)

    def _on_leave(self, _event: Event) -> None:
        if self.tooltip.get_visible():
            self.tooltip.set_visible(False)
            self._redraw()

"""The schedule chart: daily dose over calendar dates, built once and updated in place."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
from matplotlib.artist import Artist
from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.collections import FillBetweenPolyCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.model import Schedule, StepKind
from ui.schedule.chart_axis import EQ_LABEL, scale_right_axis
from ui.schedule.chart_blit import BlitLayer, ChartCanvas, connect_while_alive
from ui.schedule.chart_dates import DateBand
from ui.schedule.chart_layout import (
    LayoutOnChange,
    axes_placement,
    date_offset_shown,
    placed_y_labels,
    still_artists,
    still_children,
)
from ui.schedule.chart_points import (
    date_text,
    lead_start,
    main_points,
    schedule_drugs,
    shaded_runs,
    share_points,
    step_points,
    step_range,
    step_tooltip,
    tail_days,
    total_eq_points,
)
from ui.schedule.chart_points import num as _num
from ui.schedule.layout_memory import LayoutMemory

DRUG_COLOURS = ("#1f5fa8", "#c75b12")
HOLD_COLOUR = "#cfe0f3"
HOLD_ALPHA = 0.75
SHADED_KINDS = (StepKind.STABILISE, StepKind.HOLD, StepKind.MAINTAIN)
# Today is shown when it falls at most this long before the start.
TODAY_LEAD_DAYS = 60
HEADROOM = 1.25
MG_LABEL = "Daily dose (mg/day)"
ORIGINAL_COLOUR = "#7b5ea7"
TOOLTIP_OFFSET_PT = 12
TOOLTIP_MARGIN_PX = 2


class ScheduleChart(QWidget):
    """A step line of the daily dose, today's date, shaded holds, a pinned plan to compare.

    During a switch to diazepam the chart is in diazepam equivalents: each drug's share
    is a stacked area under the total line. After check-ins the original plan is a faint
    line beside the revised one.

    Signals:
        step_clicked(int): the row (0-based) of the step the clinician clicked.
    """

    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(6.0, 3.0), layout=LayoutOnChange(LayoutMemory()))
        self.canvas = ChartCanvas(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.setMinimumHeight(180)
        self.canvas.setAccessibleName("Schedule chart: daily dose over time")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.schedule: Schedule | None = None
        self.pinned: Schedule | None = None
        self.original: Schedule | None = None
        self.in_diazepam = False
        self.percent = False  # the right axis in % of the starting dose (set_percent_axis)
        self._names_drugs = False
        self._build_artists()
        self.dates = DateBand(self.axes)
        apart = self._drawn_apart()
        for artist in (*apart, *still_children((self.axes, self.eq_axes), apart)):
            artist.set_animated(True)
        # An edit moves the lines and the dates, a dose edit the y axes too: only those are
        # redrawn, over a picture of the rest, as long as the layout stands.
        self.blit = BlitLayer(
            self.canvas, self._moving_artists, self._still_key, self._y_artists,
            lambda just_drawn: axes_placement(self.figure, just_drawn),
            lambda: placed_y_labels((self.axes, self.eq_axes)),
            self.dates,
        )  # fmt: skip
        events = ("motion_notify_event", "button_press_event", "figure_leave_event")
        handlers = (self._on_motion, self._on_press, self._on_leave)
        connect_while_alive(self, self.canvas, dict(zip(events, handlers, strict=True)))

    def _build_artists(self) -> None:
        axes = self.axes = self.figure.add_subplot()
        self.eq_axes = axes.twinx()
        axes.set_ylabel(MG_LABEL)
        self.eq_axes.set_ylabel(EQ_LABEL, color="#666666")
        axes.grid(True, axis="y", color="#e4e4e4")
        axes.set_axisbelow(True)
        # minticks=3: with the default, no interval fits some widths (e.g. 4 or 1308–1825 days).
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(formatter)
        # No x label: fixed coordinates spare each redraw measuring the tick labels to place it.
        axes.xaxis.set_label_coords(0.5, 0.0)
        band = axes.get_xaxis_transform()
        # Translucent: drawn over the y grid (see _moving_artists), which shows through.
        self.hold_spans = PolyCollection(
            [], transform=band, facecolor=HOLD_COLOUR, alpha=HOLD_ALPHA, edgecolor="none", zorder=0
        )
        axes.add_collection(self.hold_spans, autolim=False)
        self.highlight = Rectangle(
            (0, 0), 0, 1, transform=band, facecolor="#ffd54f", alpha=0.45, visible=False
        )
        axes.add_patch(self.highlight)
        # Each drug's share of a switch, stacked, in diazepam mg (updated with set_data).
        self.share_fills: list[FillBetweenPolyCollection] = [
            axes.fill_between(
                [], [], [], step="post", color=colour, alpha=0.28, lw=0, visible=False
            )
            for colour in DRUG_COLOURS
        ]
        self.pinned_line: Line2D = axes.plot(
            [], [], drawstyle="steps-post", color="#888888", alpha=0.6, lw=2.5, ls="--",
            visible=False,
        )[0]  # fmt: skip
        self.original_line: Line2D = axes.plot(
            [], [], drawstyle="steps-post", color=ORIGINAL_COLOUR, alpha=0.55, lw=1.6, ls=":",
            visible=False, label="original plan",
        )[0]  # fmt: skip
        self.drug_lines: list[Line2D] = [
            axes.plot([], [], drawstyle="steps-post", color=colour, lw=2.2, visible=False)[0]
            for colour in DRUG_COLOURS
        ]
        # The diazepam-equivalent total of a switch, on the left axis like its shares.
        self.eq_line: Line2D = axes.plot(
            [], [], drawstyle="steps-post", color="#333333", lw=2.0, visible=False,
            label="total, as diazepam",
        )[0]  # fmt: skip
        self.today_line = axes.axvline(0.0, color="#c62828", lw=1.2, ls="-.", visible=False)
        # Over the legend (zorder 5): in a narrow chart the legend spans today's date.
        self.today_text = axes.text(
            0, 1.0, " today", transform=band, color="#c62828", va="top", fontsize="small",
            zorder=6,
        )  # fmt: skip
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
        self.tooltip.set_in_layout(False)  # a hover label must never move the axes

    def _moving_artists(self) -> list[Artist]:
        """What a new plan, a hover or a selection can change: all but the axes and labels.

        The date axis's tick marks are here; its dates are the blit's band (see DateBand).
        """
        moving: list[Artist] = [
            *self.dates.marks(),
            self.hold_spans,
            self.highlight,
            *self.share_fills,
            self.pinned_line,
            self.original_line,
            *self.drug_lines,
            self.eq_line,
            self.today_line,
            self.today_text,
            self.stale_text,
            self.tooltip,
        ]
        if (legend := self.axes.get_legend()) is not None:
            moving.append(legend)
        return moving

    def _drawn_apart(self) -> list[Artist]:
        """What the y axes' picture leaves out: the date axis (its parts) and the moving."""
        return [self.axes.xaxis, *self._moving_artists()]

    def _y_artists(self) -> list[Artist]:
        return still_artists((self.axes, self.eq_axes), self._drawn_apart())

    def _still_key(self) -> tuple[object, ...]:
        """What the y axes' picture depends on; the y tick labels follow from the y ranges.

        Read after the dates are brought up to date, so their offset (a line below them,
        which the layout makes room for) is current.
        """
        return (
            tuple(self.figure.bbox.size),
            self.axes.get_ylim(),
            self.eq_axes.get_ylim(),
            self.axes.get_ylabel(),
            self.eq_axes.get_ylabel(),
            self.eq_axes.yaxis.get_visible(),
            date_offset_shown(self.axes),
        )

    # ------------------------------------------------------------ updates
    def set_schedule(self, schedule: Schedule, original: Schedule | None = None) -> None:
        """Draw a new schedule in the existing artists, with the plan before its check-ins.

        Both at once: the axes are scaled and the legend made once for the two (a plan
        under way changes both with each edit).
        """
        self.schedule = schedule
        self.original = original
        self._names_drugs = schedule.names_drugs
        drugs = schedule_drugs(schedule)
        self.in_diazepam = len(drugs) > 1
        for number, line in enumerate(self.drug_lines):
            shown = number < len(drugs) and not self.in_diazepam
            if shown:
                line.set_data(*step_points(schedule, drugs[number]))
                line.set_label(f"{drugs[number]} (mg/day)")
            line.set_visible(shown)
        self._set_shares(schedule, drugs)
        self.eq_line.set_visible(self.in_diazepam)
        if self.in_diazepam:
            self.eq_line.set_data(*total_eq_points(schedule))
        self.axes.set_ylabel(EQ_LABEL if self.in_diazepam else MG_LABEL)
        self.hold_spans.set_verts(
            [
                [(start, 0.0), (end, 0.0), (end, 1.0), (start, 1.0)]
                for start, end in shaded_runs(schedule, SHADED_KINDS)
            ]
        )
        self.tooltip.set_visible(False)
        self.highlight.set_visible(False)
        self._set_reference_lines()

    def _set_shares(self, schedule: Schedule, drugs: list[str]) -> None:
        if not self.in_diazepam:
            for fill in self.share_fills:
                fill.set_visible(False)
            return
        xs, shares = share_points(schedule)
        below = [0.0] * len(xs)
        for number, fill in enumerate(self.share_fills):
            shown = self.in_diazepam and number < len(drugs)
            if shown:
                above = [low + share for low, share in zip(below, shares[number], strict=True)]
                fill.set_data(xs, below, above)
                name = drugs[number]
                fill.set_label(name if name == "diazepam" else f"{name}, as diazepam")
                below = above
            fill.set_visible(shown)

    def set_percent_axis(self, percent: bool) -> None:
        """Show the right axis as % of the starting dose (True) or in diazepam mg (False)."""
        self.percent = percent
        self._rescale()

    def set_pinned(self, pinned: Schedule | None) -> None:
        """Show (or with None, remove) a pinned schedule as a faint line."""
        if pinned is None and self.pinned is None:
            return
        self.pinned = pinned
        self._set_reference_lines()

    def _set_reference_lines(self) -> None:
        for line, schedule, label in (
            (self.pinned_line, self.pinned, "pinned"),
            (self.original_line, self.original, "original plan"),
        ):
            if schedule is not None:
                line.set_data(*main_points(schedule, self.in_diazepam))
                line.set_label(f"{label}, ends {date_text(schedule.end_date)}")
            line.set_visible(schedule is not None)
        self._rescale()

    def set_stale(self, stale: bool) -> None:
        """Grey the chart out while the form holds input the planner refused."""
        for line in (*self.drug_lines, self.eq_line):
            line.set_alpha(0.3 if stale else 1.0)
        for fill in self.share_fills:
            fill.set_alpha(0.1 if stale else 0.28)
        self.stale_text.set_visible(stale)
        self._redraw()

    def highlight_step(self, row: int) -> None:
        """Mark the step on ``row`` (or nothing for -1)."""
        if self.schedule is None or not 0 <= row < len(self.schedule.steps):
            self.highlight.set_visible(False)
        else:
            start, end = step_range(self.schedule, row)
            self.highlight.set_x(start)
            self.highlight.set_width(end - start)
            self.highlight.set_visible(True)
        self._redraw()

    def _rescale(self) -> None:
        # The dates change under a still mouse: a label for an old step would point nowhere.
        self.tooltip.set_visible(False)
        if self.schedule is None:
            return
        shown = [s for s in (self.schedule, self.pinned, self.original) if s is not None]
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
        scale_right_axis(self.axes, self.eq_axes, self.schedule, self.in_diazepam, self.percent)
        artists = (*self.drug_lines, *self.share_fills, self.eq_line)
        handles = [a for a in (*artists, self.pinned_line, self.original_line) if a.get_visible()]
        if len(handles) > 1:
            legend = self.axes.legend(handles=handles, loc="upper right", fontsize="small")
            legend.set_animated(True)  # over the lines, like them (see _moving_artists)
        elif (old := self.axes.get_legend()) is not None:
            old.remove()
        self._redraw()

    def _redraw(self) -> None:
        self.blit.request()

    def draw_now(self) -> None:
        """Draw at once rather than when Qt is next idle (for screenshots)."""
        self.blit.draw_now()

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
        self.tooltip.set_text(step_tooltip(step, self._names_drugs))
        self.tooltip.set_visible(True)
        self._keep_tooltip_inside(-TOOLTIP_OFFSET_PT if right_half else TOOLTIP_OFFSET_PT)
        self._redraw()

    def _keep_tooltip_inside(self, offset_pt: float) -> None:
        """Place the hover label ``offset_pt`` beside the mouse, shifted so none of it is cut."""
        self.tooltip.xyann = (offset_pt, 0)
        renderer = self.canvas.get_renderer()  # type: ignore[no-untyped-call]
        self.tooltip.update_positions(renderer)
        self.tooltip.update_bbox_position_size(renderer)
        patch = self.tooltip.get_bbox_patch()
        box = (patch or self.tooltip).get_window_extent(renderer)
        left, right = (
            self.figure.bbox.x0 + TOOLTIP_MARGIN_PX,
            self.figure.bbox.x1 - TOOLTIP_MARGIN_PX,
        )
        # Past the left edge: shift right; else past the right edge: shift left.
        shift_px = max(left - box.x0, 0.0) or min(right - box.x1, 0.0)
        if shift_px:
            self.tooltip.xyann = (offset_pt + shift_px * 72 / self.figure.dpi, 0)

    def _on_press(self, event: Event) -> None:
        if isinstance(event, MouseEvent) and event.inaxes is not None and event.xdata is not None:
            row = self.row_at(event.xdata)
            if row >= 0:
                self.step_clicked.emit(row)

    def _on_leave(self, _event: Event) -> None:
        if self.tooltip.get_visible():
            self.tooltip.set_visible(False)
            self._redraw()

"""The handout's dose chart: a matplotlib Figure (no pyplot) drawn as SVG, so it stays vector."""

from __future__ import annotations

import datetime as dt
import io
import re

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from planner.dosing.daily import drugs_in
from planner.model import EQUIVALENCE_TITLES, Schedule

LINE_COLOUR = "#19508c"
# matplotlib writes a glyph with no outline (the space) as a <path> without "d";
# Qt SVG rejects it and every <use> of it with a warning, though nothing is drawn.
_EMPTY_GLYPH = re.compile(rb'<path id="([^"]+)" transform="[^"]*"/>')


def _without_empty_glyphs(svg: bytes) -> bytes:
    for glyph_id in set(_EMPTY_GLYPH.findall(svg)):
        svg = re.sub(rb'\s*<use xlink:href="#' + re.escape(glyph_id) + rb'"[^>]*/>', b"", svg)
    return _EMPTY_GLYPH.sub(b"", svg)


def chart_points(schedule: Schedule) -> tuple[list[dt.date], list[float], str]:
    """The step line's dates and values, and the y-axis label.

    One drug: its mg per day. Two drugs (a switch): the total in diazepam
    equivalents by the plan's table, since mg of different drugs do not add up.
    """
    plan = schedule.plan
    mixed = len(drugs_in(schedule)) > 1
    dates: list[dt.date] = []
    values: list[float] = []
    for step in schedule.steps:
        dates.append(step.start)
        values.append(step.daily_diazepam_eq_mg if mixed else sum(step.daily_mg.values()))
    last = schedule.steps[-1]
    tail = last.start + dt.timedelta(days=max(last.days, 7))
    dates.append(tail)
    values.append(values[-1])
    if mixed:
        label = f"mg a day, as diazepam ({EQUIVALENCE_TITLES[plan.equivalence]})"
    else:
        label = f"{plan.drug} mg a day"
    return dates, values, label


def chart_svg(schedule: Schedule, width_mm: float, height_mm: float) -> bytes:
    """The dose chart as SVG, sized in millimetres, text drawn as paths."""
    dates, values, label = chart_points(schedule)
    days = [float(date2num(date)) for date in dates]  # type: ignore[no-untyped-call]
    figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), layout="constrained")
    axes = figure.add_subplot()
    axes.plot(days, values, drawstyle="steps-post", color=LINE_COLOUR, linewidth=1.8)
    axes.fill_between(days, values, step="post", color=LINE_COLOUR, alpha=0.08, linewidth=0)
    axes.set_ylabel(label, fontsize=8)
    axes.set_ylim(bottom=0, top=max(values) * 1.1 if max(values) > 0 else 1)
    axes.set_xlim(days[0], days[-1])
    locator = AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.tick_params(labelsize=7.5)
    axes.grid(True, color="#dddddd", linewidth=0.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _without_empty_glyphs(buffer.getvalue())


def draw_chart(painter: QPainter, svg: bytes, target: QRectF) -> None:
    """Draw SVG bytes into a rectangle of the page, keeping it vector."""
    renderer = QSvgRenderer(QByteArray(svg))
    renderer.render(painter, target)

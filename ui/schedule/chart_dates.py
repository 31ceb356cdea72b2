"""The chart's date axis drawn as parts: its tick marks with the lines, its dates as a band."""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Tick
from matplotlib.transforms import Bbox

# Room around the dates' ink: antialiasing reaches a pixel past a glyph's box.
INK_MARGIN_PX = 2


class DateBand:
    """The date axis of ``axes`` in two parts, for the chart's blitting (see BlitLayer).

    The dates (and their offset line, e.g. "2027") are the band: a strip below the axes that
    no y axis draws in, so a dose edit, which changes the y axes but not the dates, copies
    the band's pixels from the last picture instead of drawing the dates again. The tick
    marks touch the axes' bottom edge: they are drawn with the lines, each time.

    ``Axis.draw`` also measures every date to place the axis label (fixed on this chart)
    and the offset line; here the dates are measured only when there is an offset line.
    """

    def __init__(self, axes: Axes) -> None:
        self._axes = axes
        self._ticks: list[Tick] = []

    def artists(self) -> list[Artist]:
        """The dates and their offset line, brought up to date with the x limits.

        What ``Axis.draw`` draws of them, in the same order; the marks follow these ticks.
        """
        axis = self._axes.xaxis
        if not axis.get_visible():
            self._ticks = []
            return []
        # Private, but it is what Axis.draw draws (the ticks in view, brought up to date);
        # the blit tests compare the picture with a plain draw's, pixel for pixel.
        self._ticks = axis._update_ticks()  # type: ignore[attr-defined]
        offset = axis.offsetText
        offset.set_text(axis.get_major_formatter().get_offset())
        if offset.get_text():  # placed below the dates, as Axis.draw places it
            renderer = self._axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
            boxes = axis._get_ticklabel_bboxes(self._ticks, renderer)  # type: ignore[attr-defined]
            axis._update_offset_text_position(*boxes)  # type: ignore[attr-defined]
        labels = [label for tick in self._ticks for label in (tick.label1, tick.label2)]
        return [*labels, offset]

    def marks(self) -> list[Artist]:
        """The tick marks (and grid lines, if shown) of the dates last brought up to date."""
        return [
            line for tick in self._ticks for line in (tick.gridline, tick.tick1line, tick.tick2line)
        ]

    def key(self) -> tuple[object, ...]:
        """What the band's picture depends on: the x limits, where the axes are, the dpi."""
        return (self._axes.get_xlim(), tuple(self._axes.bbox.bounds), self._axes.figure.dpi)

    def region(self) -> Bbox | None:
        """The strip the dates are drawn in, whole pixels: the figure's width, below the marks.

        None when there are no dates, or they are not below the axes (ticks on top).
        """
        if not self._ticks:
            return None
        label = self._ticks[0].label1
        if not label.get_visible() or label.get_verticalalignment() != "top":
            return None
        # The dates hang from this height (their tops), below the tick marks and their pad.
        top = float(label.get_transform().transform(label.get_position())[1])
        width = float(self._axes.figure.bbox.width)
        return Bbox.from_extents(0, 0, math.ceil(width), math.ceil(top + INK_MARGIN_PX))

"""The chart's layout, run again only when needed, and the artists a new y range redraws."""

from __future__ import annotations

from collections.abc import Sequence
from operator import methodcaller

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ui.schedule.text_shape import digit_shape


def y_tick_key(axes: Axes) -> tuple[object, ...]:
    """What an axes' y tick labels bring to the layout: their shapes and any label at an edge.

    Only the labels drawn count (matplotlib also makes ticks just outside the y range), and
    only their shapes: "10" to "50" take the room "20" to "70" do.
    """
    axis = axes.yaxis
    low, high = sorted(axes.get_ylim())
    labels = axis.get_ticklabels()
    # A label closer to the top or bottom than half its height sticks out past the axes:
    # the layout makes room for it.
    half_label_px = (float(labels[0].get_fontsize()) if labels else 0.0) * axes.figure.dpi / 72 / 2
    margin = (high - low) * half_label_px / max(axes.bbox.height, 1.0)
    shown = [
        (location, label.get_text())
        for location, label in zip(axis.get_majorticklocs(), labels, strict=True)
        if low <= location <= high
    ]
    return (
        axis.get_visible(),
        frozenset(digit_shape(text) for _, text in shown),
        any(location > high - margin for location, _ in shown),
        any(location < low + margin for location, _ in shown),
    )


def layout_key(figure: Figure) -> tuple[object, ...]:
    """What the constrained layout depends on here: the size, the labels, the y tick labels.

    The x tick labels are one line of the same height whatever the dates, and the legend sits
    inside the axes, so neither moves the axes; the date offset text below them can.
    """
    key: list[object] = [figure.bbox.width, figure.bbox.height]
    for axes in figure.axes:
        key += [axes.get_visible(), axes.get_ylabel(), y_tick_key(axes)]
    main_axes = figure.axes[0]
    main_axes.xaxis.get_ticklabels()  # the formatter works out the dates' offset
    key.append(date_offset_shown(main_axes))
    return tuple(key)


def date_offset_shown(axes: Axes) -> bool:
    """True when the date axis shows an offset line below its dates (e.g. '2027').

    Read from the formatter, which has it as soon as the ticks are made: the offset text
    artist is only brought up to date when the axis is drawn, and on this chart the date
    axis is drawn after the layout (see ui/chart_blit.py).
    """
    return bool(axes.xaxis.get_major_formatter().get_offset())


class LayoutOnChange(ConstrainedLayoutEngine):
    """Constrained layout that runs again only when what it depends on has changed.

    A constrained layout measures every tick label of both axes: more than a whole redraw.
    From one edit to the next the figure's size and the y tick labels' shapes rarely change,
    so the last layout stands.
    """

    def __init__(self) -> None:
        super().__init__()
        self._key: tuple[object, ...] | None = None

    def execute(self, fig: Figure) -> None:
        key = layout_key(fig)
        if key != self._key:
            super().execute(fig)
            self._key = key

    def is_current(self, fig: Figure) -> bool:
        """True when drawing ``fig`` now would keep the last layout (not run it again)."""
        return self._key is not None and layout_key(fig) == self._key


def still_artists(axes_drawn: Sequence[Axes], moving: Sequence[Artist]) -> list[Artist]:
    """What each axes draws besides its background and ``moving``, in a full draw's order.

    The y axes with their grid and labels, and what is drawn over them in the same axes (the
    spines cover the ends of the grid lines): all that a new y range changes. The axes come
    in the order they are drawn (a twin after its main axes), each one's artists by zorder.
    """
    moved = set(moving)
    artists: list[Artist] = []
    for axes in axes_drawn:
        children = [a for a in axes.get_children() if a is not axes.patch and a not in moved]
        artists += sorted(children, key=methodcaller("get_zorder"))
    return artists


def axes_placement(figure: Figure, just_drawn: bool = False) -> tuple[object, ...] | None:
    """Where the axes are, or None when drawing the figure now would lay it out again.

    Right after a full draw (``just_drawn``) the layout that draw ran is current: measuring
    every tick label again to confirm it cost a tenth of a start-up's first draw.
    """
    engine = figure.get_layout_engine()
    if not isinstance(engine, LayoutOnChange):
        return None
    if not just_drawn and not engine.is_current(figure):
        return None
    return tuple(tuple(axes.bbox.bounds) for axes in figure.axes)

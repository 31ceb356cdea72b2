"""The chart's layout, run again only when needed, and the artists a new y range redraws."""

from __future__ import annotations

from collections.abc import Sequence
from operator import methodcaller

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.transforms import Bbox

from ui.schedule.layout_memory import LayoutMemory, Placement, record_key
from ui.schedule.text_shape import digit_shape


def y_tick_key(axes: Axes) -> tuple[object, ...]:
    """What an axes' y tick labels bring to the layout: their shapes and any label at an edge.

    Only the labels drawn count (matplotlib also makes ticks just outside the y range), and
    only their shapes: "10" to "50" take the room "20" to "70" do. The texts come from the
    locator and formatter directly: the tick artists are brought up to date when drawn.
    """
    axis = axes.yaxis
    low, high = sorted(axes.get_ylim())
    locations = axis.get_majorticklocs()
    texts = axis.get_major_formatter().format_ticks(list(locations))
    # A label closer to the top or bottom than half its height sticks out past the axes:
    # the layout makes room for it.
    font_pt = axis.get_major_ticks(1)[0].label1.get_fontsize() if len(locations) else 0.0
    half_label_px = float(font_pt) * axes.figure.dpi / 72 / 2
    margin = (high - low) * half_label_px / max(axes.bbox.height, 1.0)
    shown = [
        (location, text)
        for location, text in zip(locations, texts, strict=True)
        if low <= location <= high
    ]
    return (
        axis.get_visible(),
        # Sorted, not a set: the key is kept between runs by its text (see LayoutMemory), and
        # a set of strings is listed in an order that differs from process to process.
        tuple(sorted({digit_shape(text) for _, text in shown})),
        any(location > high - margin for location, _ in shown),
        any(location < low + margin for location, _ in shown),
    )


def layout_key(figure: Figure, date_offset: bool) -> tuple[object, ...]:
    """What the constrained layout depends on here: the size, the labels, the y tick labels.

    The x tick labels are one line of the same height whatever the dates, and the legend sits
    inside the axes, so neither moves the axes; the date offset text below them can
    (``date_offset``: see dates_offset).
    """
    key: list[object] = [figure.bbox.width, figure.bbox.height]
    for axes in figure.axes:
        key += [axes.get_visible(), axes.get_ylabel(), y_tick_key(axes)]
    key.append(date_offset)
    return tuple(key)


def dates_offset(axes: Axes) -> bool:
    """True when the dates of ``axes`` x limits need an offset line below them (e.g. '2027').

    Worked out from the locator and formatter, as drawing the date axis would.
    """
    axis = axes.xaxis
    axis.get_major_formatter().format_ticks(list(axis.get_majorticklocs()))
    return date_offset_shown(axes)


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

    def __init__(self, memory: LayoutMemory | None = None) -> None:
        super().__init__()
        self._key: tuple[object, ...] | None = None
        self._memory = memory  # layouts made in earlier runs (see LayoutMemory)
        # The date offset of the last x limits: it follows from them alone (the locator
        # picks its interval from the range), and working it out cost a dose edit 3 ms.
        self._dates: tuple[tuple[float, float], bool] | None = None

    def execute(self, fig: Figure) -> None:
        key = self._layout_key(fig)
        if key == self._key:
            return
        remembered = record_key(fig, key)
        placements = None
        if self._memory is not None:
            placements = self._memory.recall(remembered, len(fig.axes))
        if placements is None:
            super().execute(fig)
            if self._memory is not None:
                self._memory.keep(remembered, [placement(axes) for axes in fig.axes])
        else:
            for axes, (original, active) in zip(fig.axes, placements, strict=True):
                # Private, but it is what the constrained layout calls to place an axes.
                axes._set_position(Bbox.from_bounds(*original), "original")  # type: ignore[attr-defined]
                axes._set_position(Bbox.from_bounds(*active), "active")  # type: ignore[attr-defined]
        self._key = key

    def is_current(self, fig: Figure) -> bool:
        """True when drawing ``fig`` now would keep the last layout (not run it again)."""
        return self._key is not None and self._layout_key(fig) == self._key

    def _layout_key(self, fig: Figure) -> tuple[object, ...]:
        main_axes = fig.axes[0]
        limits = main_axes.get_xlim()
        if self._dates is None or self._dates[0] != limits:
            self._dates = (limits, dates_offset(main_axes))
        return layout_key(fig, self._dates[1])


def still_children(axes_drawn: Sequence[Axes], moving: Sequence[Artist]) -> list[Artist]:
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


def still_artists(axes_drawn: Sequence[Axes], moving: Sequence[Artist]) -> list[Artist]:
    """``still_children`` as they are drawn over the base: an axis as its parts (axis_parts)."""
    artists: list[Artist] = []
    for child in still_children(axes_drawn, moving):
        artists += axis_parts(child) if isinstance(child, Axis) else [child]
    return artists


def axis_parts(axis: Axis) -> list[Artist]:
    """What drawing ``axis`` draws but its label (see placed_y_labels), in the same order.

    ``Axis.draw`` measures every tick label of the axis and of its twin to place the axis
    label: a third of a dose edit's redraw. Within one layout the label does not move (the
    tick labels keep their shapes: see layout_key), so it is drawn into the base instead.
    """
    if not axis.get_visible():
        return []
    # Private, but it is what Axis.draw draws (the ticks in view, brought up to date); the
    # blit tests compare the picture with a plain draw's, pixel for pixel.
    ticks: list[Artist] = axis._update_ticks()  # type: ignore[attr-defined]
    axis.offsetText.set_text(axis.get_major_formatter().get_offset())
    return [*ticks, axis.offsetText]


def placement(axes: Axes) -> Placement:
    """Where ``axes`` is in its figure: its original and active bounds, as fractions."""
    original = axes.get_position(original=True).bounds
    active = axes.get_position(original=False).bounds
    return (
        (float(original[0]), float(original[1]), float(original[2]), float(original[3])),
        (float(active[0]), float(active[1]), float(active[2]), float(active[3])),
    )


def placed_y_labels(axes_drawn: Sequence[Axes]) -> list[Artist]:
    """The shown y axes' labels, each placed beside its tick labels as the layout left them.

    The layout places a label before it moves the axes for the last time, and drawing the
    axis places it again; here it is placed once after a full draw (the axes and their tick
    labels stay where they are until the next one).
    """
    labels: list[Artist] = []
    for axes in axes_drawn:
        if axes.get_visible() and axes.yaxis.get_visible():
            renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
            axes.yaxis._update_label_position(renderer)  # type: ignore[attr-defined]
            # The offset line above the ticks ("1e6", never seen with doses) too: a y axis
            # places it from the axes' box alone, so it needs no tick label boxes.
            axes.yaxis._update_offset_text_position([], [])  # type: ignore[attr-defined]
            labels.append(axes.yaxis.label)
    return labels


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

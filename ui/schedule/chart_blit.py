"""Blitting for the chart: redraw only the artists a new plan moves, over a saved background."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from operator import methodcaller
from typing import Protocol

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backend_bases import Event
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.transforms import Bbox
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QPaintEvent


class ChartCanvas(FigureCanvasQTAgg):
    """The chart's canvas: a draw keeps its window alive until the draw has finished.

    A window nobody refers to any more (a closed dialog's, a test's) is freed by Python's
    cycle collector, which may run in the middle of a draw; Qt then deletes the canvas under
    the draw, and its last step raises "Internal C++ object already deleted". Holding the
    window for the length of the draw moves its deletion to after the draw.

    Signals:
        first_painted(): the canvas has been painted for the first time (emitted once).
    """

    first_painted = Signal()
    _painted = False  # set by the first paint

    def draw_idle(self) -> None:
        """Draw soon; before the first paint, in that paint.

        Showing a window resizes it more than once before it is first painted (shown, then
        maximized), and each resize asked for a draw at a size about to change: at
        start-up the chart was drawn twice, the first time for nothing. Until the first
        paint a request only marks the draw as pending; the paint then draws once, at
        the size it shows.
        """
        if self._painted:
            super().draw_idle()  # type: ignore[no-untyped-call]
            return
        self._draw_pending = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        first = not self._painted
        self._painted = True
        super().paintEvent(event)  # type: ignore[no-untyped-call]
        if first:
            self.first_painted.emit()

    def has_painted(self) -> bool:
        """True once the canvas has been painted (before that, draws wait for the paint)."""
        return self._painted

    def draw(self) -> None:
        """Render the figure and queue a repaint, the window held meanwhile."""
        window = self.window()
        try:
            super().draw()  # type: ignore[no-untyped-call]
        finally:
            del window


def connect_while_alive(
    owner: QObject, canvas: FigureCanvasQTAgg, callbacks: Mapping[str, Callable[[Event], None]]
) -> None:
    """Connect matplotlib canvas callbacks that stop when ``owner`` is destroyed.

    matplotlib keeps a callback as long as its Python object lives; a Qt object's Python
    side can outlive its C++ side (a window collected while a draw is pending), and a
    callback then touching it raises "Internal C++ object already deleted". Disconnecting
    on ``destroyed`` ends the callbacks with the widgets they belong to.
    """
    registry = canvas.callbacks
    ids = [
        canvas.mpl_connect(event, callback)  # type: ignore[call-overload]
        for event, callback in callbacks.items()
    ]

    def disconnect(*_args: object) -> None:
        for callback_id in ids:
            registry.disconnect(callback_id)

    owner.destroyed.connect(disconnect)


class Band(Protocol):
    """Artists drawn over the still picture in a strip of their own (e.g. a date axis's dates).

    When only the still picture changes (a new y range), the band's pixels are copied from
    the last picture instead of drawn again, provided no still artist draws in its strip.
    """

    def artists(self) -> Sequence[Artist]:
        """The band's artists, brought up to date, in drawing order."""

    def key(self) -> Hashable:
        """What the band's picture depends on."""

    def region(self) -> Bbox | None:
        """The strip (whole pixels) the artists draw in, or None when there is none."""


class BlitLayer(QObject):
    """Keeps pictures of the still part of a figure and draws the moving artists over them.

    Four layers, drawn in this order: the base (whatever is not animated: the figure's
    and the axes' backgrounds, then the settled artists: the y axis labels, which stay put
    while the layout stands), the still artists (the y axes' ticks: they follow the y range),
    the band (the dates: they follow the x range) and the moving artists (lines, tick
    marks). Settled, still, band and moving artists are marked animated, so a full draw
    paints only the backgrounds; right after each full draw the layer draws the settled
    artists and saves the base, draws the still artists, saves that picture (the
    background) with a key of what it shows, draws the band and saves its strip, then draws
    the moving artists on top.

    A later update whose key is unchanged restores the background, puts the band back
    (copied, or drawn when its own key has changed) and draws the moving artists: a few
    milliseconds instead of a full redraw. When only the key has changed (a new y range)
    but the base has not (same size, same layout), it restores the base and draws the still
    artists before the band and the moving artists. Otherwise it redraws everything.

    Every layer is drawn in the same order over the same pixels in a full draw as in an
    update, so the two look the same.

    Args:
        canvas: the canvas to draw on.
        moving: returns the artists to draw over the background, each marked animated.
        key: returns what the background depends on; read after the moving artists are drawn.
        still: returns the artists to draw over the base, in drawing order, each animated.
        settled: returns the artists drawn into the base after each full draw, each animated
            (they may be placed by the call; they overlap no still artist).
        base_key: returns what the base depends on (the layout), or None when a full draw
            would change it (lay the figure out again); called with True right after a
            full draw, when the layout it just ran is current by construction.
        band: the band, or None for none; its artists are marked animated.

    Signals:
        drawn(): the canvas's picture is up to date (its repaint is queued).
    """

    drawn = Signal()

    def __init__(
        self,
        canvas: FigureCanvasQTAgg,
        moving: Callable[[], Sequence[Artist]],
        key: Callable[[], Hashable],
        still: Callable[[], Sequence[Artist]] = tuple,
        base_key: Callable[[bool], Hashable] = lambda _just_drawn: None,
        settled: Callable[[], Sequence[Artist]] = tuple,
        band: Band | None = None,
    ) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._moving = moving
        self._key = key
        self._still = still
        self._settled = settled
        self._base_key = base_key
        self._base: object | None = None
        self._base_key_drawn: Hashable = None
        self._background: object | None = None
        self._background_key: Hashable = None
        self._background_size = (0.0, 0.0)
        self._still_drawn: Sequence[Artist] = ()
        self._band = band
        self._band_picture: object | None = None  # the band's strip, over the background
        self._band_region: Bbox | None = None
        self._band_key_drawn: Hashable = None
        # Zero delay: a burst of changes in one event-loop pass is drawn once.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.on_timer_timeout)
        connect_while_alive(self, canvas, {"draw_event": self._on_draw})

    def request(self) -> None:
        """Redraw soon (once, however often this is called before the event loop runs)."""
        self._timer.start()

    def flush(self) -> None:
        """Do a requested redraw now, so the window's next paint shows it.

        Left to its timer, the redraw came after the window had painted the old picture,
        and the window painted a second time.
        """
        if self._timer.isActive():
            self._timer.stop()
            self.update()

    def draw_now(self) -> None:
        """Draw the whole figure at once."""
        self._timer.stop()
        self._canvas.draw()  # type: ignore[no-untyped-call]

    @Slot()
    def on_timer_timeout(self) -> None:
        # Held for the length of the update, as in ChartCanvas.draw: a collection in the
        # middle of it could otherwise free a window nobody refers to and delete the canvas
        # under the update's last step ("Internal C++ object already deleted").
        window = self._canvas.window()
        try:
            self.update()
        finally:
            del window

    def update(self) -> None:
        """Draw the moving artists over the saved background, or everything when it is stale."""
        if self._canvas.width() <= 0 or self._canvas.height() <= 0:
            return  # nothing on screen; showing it resizes it, and a resize draws everything
        if isinstance(self._canvas, ChartCanvas) and not self._canvas.has_painted():
            self._canvas.draw_idle()  # the first paint draws everything, once
            return
        stale = self._background is None or self._size() != self._background_size
        if stale:
            self.draw_now()
            return
        if self._key() == self._background_key:
            self._canvas.restore_region(self._background)  # type: ignore[no-untyped-call]
            self._put_band(still_drawn=False)
        elif self._base_is_current():
            # A new y range in the same layout: the y axes are drawn again over the base.
            self._canvas.restore_region(self._base)  # type: ignore[no-untyped-call]
            self._draw_still()
            self._background_key = self._key()
            self._put_band(still_drawn=True)
        else:  # a new layout: labels of another shape, a date offset line
            self.draw_now()
            return
        self._draw_moving()
        if self._key() != self._background_key:
            # Drawing the new dates changed the still part too (their offset line appeared).
            self.draw_now()
            return
        self._canvas.update()
        self.drawn.emit()

    def _base_is_current(self) -> bool:
        base_key = self._base_key(False)
        return self._base is not None and base_key is not None and base_key == self._base_key_drawn

    def _size(self) -> tuple[float, float]:
        width, height = self._canvas.figure.bbox.size
        return float(width), float(height)

    def _on_draw(self, _event: Event) -> None:
        if self._canvas.is_saving():
            return  # a savefig draws elsewhere: the screen's picture is not this one
        self._timer.stop()  # this draw shows every change requested so far (e.g. on a resize)
        self._draw_in_order(self._settled())
        self._base = self._copy()
        self._background_size = self._size()
        self._draw_still()
        self._draw_band()
        self._draw_moving()
        self._background_key = self._key()
        self._base_key_drawn = self._base_key(True)
        self.drawn.emit()

    def _copy(self) -> object:
        return self._canvas.copy_from_bbox(self._canvas.figure.bbox)  # type: ignore[no-untyped-call]

    def _draw_still(self) -> None:
        """Draw the still artists over the base, in their order, and keep the picture."""
        self._still_drawn = self._still()
        self._draw_in_order(self._still_drawn)
        self._background = self._copy()

    def _put_band(self, still_drawn: bool) -> None:
        """Put the band back over the background: its last strip when still current, or drawn.

        Over newly drawn still artists (``still_drawn``) the strip is copied only when they
        left it as the base has it, as the ones under the copy did (see _draw_band).
        """
        band, region = self._band, self._band_region
        if band is None:
            return
        if (
            self._band_picture is not None
            and region is not None
            and band.key() == self._band_key_drawn
            and (not still_drawn or self._strip_is_base(region))
        ):
            self._canvas.restore_region(self._band_picture)  # type: ignore[no-untyped-call]
            return
        self._draw_band()

    def _draw_band(self) -> None:
        """Draw the band over the background; keep its strip when no still artist is in it."""
        band = self._band
        if band is None:
            return
        artists = band.artists()
        region = band.region()
        clear = region is not None and self._strip_is_base(region)
        self._draw_in_order(artists)
        self._band_key_drawn = band.key()
        if region is None or not clear:
            self._band_region = self._band_picture = None
            return
        self._band_region = region
        self._band_picture = self._canvas.copy_from_bbox(region)  # type: ignore[no-untyped-call]

    def _strip_is_base(self, region: Bbox) -> bool:
        """True when the canvas shows the base in ``region``: no still artist drew there.

        Compared pixel for pixel, so the copy is exact whatever the shapes of the labels.
        """
        if self._base is None:
            return False
        shown = np.asarray(self._canvas.buffer_rgba())  # type: ignore[no-untyped-call]
        base = np.asarray(self._base)
        if shown.shape != base.shape:
            return False
        height = shown.shape[0]
        rows = slice(height - int(region.y1), height - int(region.y0))
        columns = slice(int(region.x0), int(region.x1))
        return np.array_equal(shown[rows, columns], base[rows, columns])

    def _draw_moving(self) -> None:
        self._draw_in_order(sorted(self._moving(), key=methodcaller("get_zorder")))

    def _draw_in_order(self, artists: Sequence[Artist]) -> None:
        figure = self._canvas.figure
        for artist in artists:
            if artist.get_visible():
                figure.draw_artist(artist)

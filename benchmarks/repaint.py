"""Edit → repaint: a form edit until the chart and table show the new plan, beside a bare redraw."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

from benchmarks.plans import daily_2_years, weekly_52
from benchmarks.qt import application
from benchmarks.report import Floor, Measurement, median, ms, percentile

if TYPE_CHECKING:
    from planner.model import TaperPlan
    from ui.window.main_window import MainWindow

# Measured for the record: the target is the ratio to the floor (an absolute figure does not
# survive a slower machine; this one's floor is 4 × the last one's).
P95_TARGET_MS: float | None = None
FLOOR_RATIO_TARGET = 2.0
DOSE_FLOOR_RATIO_TARGET = 2.5
LONG_FLOOR_RATIO_TARGET = 3.0
WINDOW_SIZE = (1366, 768)
TIMEOUT_MS = 10_000


class _Repainted(QObject):
    """Ends ``loop`` once the new schedule is drawn and both chart and table have painted."""

    def __init__(self, window: MainWindow, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.canvas = window.pane.chart.canvas
        self.viewport = window.pane.table.viewport()
        self.reset = self.drawn = self.canvas_painted = self.table_painted = False
        window.pane.model.modelReset.connect(self.on_model_reset)
        window.pane.chart.blit.drawn.connect(self.on_drawn)
        self.canvas.installEventFilter(self)
        self.viewport.installEventFilter(self)

    def start(self) -> None:
        """Forget the last edit's progress."""
        self.reset = self.drawn = self.canvas_painted = self.table_painted = False

    def on_model_reset(self) -> None:
        self.reset = True

    def on_drawn(self) -> None:
        if self.reset:
            self.drawn = True
            self._maybe_done()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.reset:
            if watched is self.canvas:
                self.canvas_painted = True
            elif watched is self.viewport:
                self.table_painted = True
            self._maybe_done()
        return False

    def _maybe_done(self) -> None:
        if self.drawn and self.canvas_painted and self.table_painted:
            # The filter sees a paint before it happens: stop after it (and the flush) is done.
            QTimer.singleShot(0, self.loop.quit)


def _wait(loop: QEventLoop, what: str) -> None:
    timer = QTimer()
    timer.setSingleShot(True)
    timed_out: list[bool] = []

    def give_up() -> None:
        timed_out.append(True)
        loop.quit()

    timer.timeout.connect(give_up)
    timer.start(TIMEOUT_MS)
    loop.exec()
    timer.stop()
    if timed_out:
        raise RuntimeError(f"{what}: no repaint within {TIMEOUT_MS} ms")


class FloorCanvas:
    """The floor: a bare ``FigureCanvasQTAgg`` with one step line, redrawn with ``draw()``."""

    def __init__(self, size: tuple[int, int], points: int) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        figure = Figure()
        axes = figure.add_subplot()
        xs = list(range(points))
        axes.plot(xs, xs[::-1], drawstyle="steps-post")
        self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        self.canvas.resize(*size)
        self.canvas.show()
        application().processEvents()
        self.redraw()

    def redraw(self) -> float:
        """Seconds for one full redraw."""
        started = time.perf_counter()
        self.canvas.draw()  # type: ignore[no-untyped-call]
        return time.perf_counter() - started

    def close(self) -> None:
        """Hide and delete the canvas."""
        self.canvas.hide()
        self.canvas.deleteLater()
        application().processEvents()


def change_interval(window: MainWindow, number: int) -> None:
    """Lengthen or shorten every step by a day (7 ↔ 8 days): the pace, the edit made most."""
    window.form.interval.setValue(8 if number % 2 == 0 else 7)


def change_dose(window: MainWindow, number: int) -> None:
    """Today's morning dose 25 ↔ 30 mg: a new starting dose, so a new y range on the chart."""
    window.form.doses["morning"].setValue(25.0 if number % 2 == 0 else 30.0)


def edit_latencies(
    edits: int,
    change: Callable[[MainWindow, int], None] = change_interval,
    shown: TaperPlan | None = None,
) -> tuple[list[float], list[float]]:
    """Seconds from a form edit to the repainted chart and table, per edit.

    The window shows ``shown`` (by default a year of weekly steps); each ``change`` makes a
    new plan, a new table and a new line. After each edit the floor canvas, of the chart's
    size, is redrawn once, so noise from a shared machine falls on both alike.

    Returns:
        The edits' latencies and the floor's redraw times, in seconds.
    """
    from ui.window.collector_pause import CollectorPause
    from ui.window.main_window import MainWindow

    app = application()
    pause = CollectorPause()  # as the app starts: no collection until its window has painted
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.form.debounce.setInterval(0)
    window.show()
    shown = shown or weekly_52()
    window.start_plan(shown, None)
    loop = QEventLoop()
    watcher = _Repainted(window, loop)
    app.processEvents()
    window.pane.chart.draw_now()
    app.processEvents()
    pause.settle()  # then, as the app does after its first paint (see CollectorPause.settle)
    canvas = window.pane.chart.canvas
    floor = FloorCanvas((canvas.width(), canvas.height()), len(shown.custom_steps))
    latencies: list[float] = []
    redraws: list[float] = []
    for number in range(edits):
        watcher.start()
        started = time.perf_counter()
        change(window, number)
        _wait(loop, "edit")
        latencies.append(time.perf_counter() - started)
        redraws.append(floor.redraw())
    floor.close()
    # Hidden, not closed: closing would ask about unsaved changes and save settings.
    window.hide()
    window.deleteLater()
    app.processEvents()
    gc.unfreeze()  # the window's life is over: the next measurement starts as this one did
    return latencies, redraws


def timed_edits(
    edits: int,
    change: Callable[[MainWindow, int], None] = change_interval,
    shown: TaperPlan | None = None,
) -> dict[str, float]:
    """p50, p95 and max of ``edits`` edits → repaint, and the floor's p50 and p95, in ms."""
    seconds, floor_seconds = edit_latencies(edits, change, shown)
    latencies, floor = ms(seconds), ms(floor_seconds)
    return {
        "p50_ms": median(latencies),
        "p95_ms": percentile(latencies, 95),
        "max_ms": max(latencies),
        "floor_p50_ms": median(floor),
        "floor_p95_ms": percentile(floor, 95),
        "edits": edits,
    }


def measure(edits: int) -> list[Measurement]:
    """p50/p95 of pace and dose edits → repaint, each beside the floor's p95 redraw."""
    details = timed_edits(edits)
    p50, p95 = details["p50_ms"], details["p95_ms"]
    floor_p50, floor_p95 = details["floor_p50_ms"], details["floor_p95_ms"]
    dose_edits = max(2, edits // 3)
    dose_details = timed_edits(dose_edits, change_dose)
    dose_p95, dose_floor_p95 = dose_details["p95_ms"], dose_details["floor_p95_ms"]
    long_edits = max(2, edits // 15)
    long_details = timed_edits(long_edits, change_dose, daily_2_years())
    long_p95, long_floor_p95 = long_details["p95_ms"], long_details["floor_p95_ms"]
    return [
        Measurement(
            "edit_repaint_p95",
            "Edit → repaint p95, 52-step plan",
            p95,
            "ms",
            P95_TARGET_MS,
            details,
            f"p50 {p50:.1f} ms over {edits} edits of the interval",
        ),
        Measurement(
            "edit_repaint_vs_floor",
            "Edit → repaint p95 ÷ bare canvas.draw() p95",
            p95 / floor_p95,
            "×",
            FLOOR_RATIO_TARGET,
            details,
            f"floor p50 {floor_p50:.1f} ms, p95 {floor_p95:.1f} ms, same size, interleaved",
            Floor("bare canvas.draw() of the chart's size, interleaved (p95)", floor_p95),
        ),
        Measurement(
            "dose_edit_repaint_p95",
            "Dose edit (new y range) → repaint p95",
            dose_p95,
            "ms",
            None,
            dose_details,
            f"p50 {dose_details['p50_ms']:.1f} ms over {dose_edits} edits of the starting dose",
        ),
        Measurement(
            "dose_edit_vs_floor",
            "Dose edit p95 ÷ bare canvas.draw() p95",
            dose_p95 / dose_floor_p95,
            "×",
            DOSE_FLOOR_RATIO_TARGET,
            dose_details,
            f"floor p50 {dose_details['floor_p50_ms']:.1f} ms, p95 {dose_floor_p95:.1f} ms, "
            "interleaved",
            Floor("bare canvas.draw() of the chart's size, interleaved (p95)", dose_floor_p95),
        ),
        Measurement(
            "daily_2y_edit_repaint_p95",
            "Dose edit → repaint p95, 2 years of daily steps",
            long_p95,
            "ms",
            None,
            long_details,
            f"p50 {long_details['p50_ms']:.1f} ms over {long_edits} edits; 730 steps",
        ),
        Measurement(
            "daily_2y_edit_vs_floor",
            "Dose edit p95 ÷ floor p95, 2 years of daily steps",
            long_p95 / long_floor_p95,
            "×",
            LONG_FLOOR_RATIO_TARGET,
            long_details,
            f"floor (730-point line) p50 {long_details['floor_p50_ms']:.1f} ms, "
            f"p95 {long_floor_p95:.1f} ms",
            Floor("bare canvas.draw() of a 730-point line, interleaved (p95)", long_floor_p95),
        ),
    ]

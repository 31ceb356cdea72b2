"""Start-up child process: the app (or the floor window) prints its clock on the first paint.

Run as ``python -m benchmarks.child app|floor SETTINGS [ARGS…]``. The parent reads the
monotonic clock before it starts the process; this process prints the same clock
(system-wide on Linux and macOS) once the chart canvas has painted, then its peak resident
memory, and exits at once, so tear-down is not timed.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import TYPE_CHECKING, Any

from ui.window.pyside_hook import read_sources_directly

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QWidget

FLOOR_SIZE = (1366, 768)  # the size the app opens at without saved settings


def report_after_first_paint() -> None:
    """On the first paint of a matplotlib canvas (the floor's or the app's), report and exit.

    The canvas class's own paint handler is wrapped: an application-wide event filter would
    run Python for every event of the start-up (6 000 in the app's, 550 in the floor's),
    which the app never does, and charged the app ~50 ms more than the floor.
    """
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from PySide6.QtCore import QTimer

    paint = FigureCanvasQTAgg.paintEvent

    def paint_then_report(canvas: FigureCanvasQTAgg, event: QPaintEvent) -> None:
        paint(canvas, event)
        # Reported once the paint (and the rest of the window's flush) is done.
        QTimer.singleShot(0, report)

    FigureCanvasQTAgg.paintEvent = paint_then_report  # type: ignore[method-assign]


def report() -> None:
    """Print the clock and peak memory (KiB on Linux), then leave without tear-down.

    The settings are written first, untimed, as a closing app writes them (the chart's
    layout is kept there for the next start: see ui.schedule.layout_memory).
    """
    from PySide6.QtCore import QSettings

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(f"{time.monotonic()!r} {peak}\n")
    sys.stdout.flush()
    QSettings().sync()
    os._exit(0)


def floor_window() -> QWidget:
    """The floor: a bare window with a matplotlib canvas, a few line edits and a table view."""
    # PySide6 is imported first (at the top), so matplotlib's Qt backend binds to it.
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QFormLayout,
        QHBoxLayout,
        QLineEdit,
        QTableView,
        QVBoxLayout,
        QWidget,
    )

    window = QWidget()
    form = QFormLayout()
    for name in ("Patient", "Drug", "Dose", "Percent", "Interval"):
        form.addRow(name, QLineEdit())
    figure = Figure(figsize=(6.0, 3.0))
    figure.add_subplot().plot([0, 1, 2, 3], [4, 3, 2, 1], drawstyle="steps-post")
    model = QStandardItemModel(20, 8, window)
    for row in range(20):
        for column in range(8):
            model.setItem(row, column, QStandardItem(f"{row}.{column}"))
    table = QTableView()
    table.setModel(model)
    right = QVBoxLayout()
    right.addWidget(FigureCanvasQTAgg(figure), 1)  # type: ignore[no-untyped-call]
    right.addWidget(table, 1)
    layout = QHBoxLayout(window)
    layout.addLayout(form)
    layout.addLayout(right, 1)
    window.resize(*FLOOR_SIZE)
    return window


def main(argv: list[str]) -> int:
    """``app [options…]`` starts the app as ``main.py`` does; ``floor`` shows the floor window."""
    mode, settings, rest = argv[0], argv[1], argv[2:]
    # The app's recovery file and logs go under the run's own folder, never the user's: a
    # recovery file left there would stop every later run at the restore dialog.
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[variable] = os.path.join(settings, variable.lower())
    if mode == "floor":
        return run_floor(settings)
    return run_app(settings, rest)


def run_floor(settings: str) -> int:
    """Show the floor window as the app shows itself, and run it until it reports."""
    # As the app does before it loads Qt (see ui.window.pyside_hook), and for the floor as
    # well: it is what any program on PySide6 can save, not something the app adds.
    read_sources_directly()
    from PySide6.QtWidgets import QApplication

    from benchmarks.qt import isolate_settings
    from ui.window.screen_fit import show_fitted

    app = QApplication(["taper-planner"])
    isolate_settings(settings)
    report_after_first_paint()
    window = floor_window()
    show_fitted(window, restored=False)  # shown as the app shows itself on this screen
    return app.exec()


def run_app(settings: str, args: list[str]) -> int:
    """Start the app through ``main.run``, in the order ``python main.py ARGS`` starts it.

    Nothing of Qt or matplotlib is loaded before the app loads it: the app's own start-up
    (its hook for PySide6's imports, then the collector's pause, then Qt) covers them as it
    does for a clinician. Only when the window is about to be built are its settings kept in
    the run's folder and its first paint watched.
    """
    import main as entry
    import ui.window.app as app_module

    open_window = app_module.open_window

    def open_watched_window(*args: Any, **kwargs: Any) -> Any:
        from benchmarks.qt import settings_in

        settings_in(settings)  # the app has named itself: only where its settings go changes
        report_after_first_paint()
        return open_window(*args, **kwargs)

    app_module.open_window = open_watched_window
    return entry.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

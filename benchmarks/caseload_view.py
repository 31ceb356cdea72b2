"""The caseload window at scale: a search keystroke, a page of scrolling, a first read's pauses."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.qt import application
from planner.caseload.index import CaseloadIndex
from planner.caseload.reading import IndexedFile

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from ui.caseload.view import CaseloadWindow

WINDOW_SIZE = (1366, 768)  # a laptop's screen, as in the screenshots
SEARCHES = ("d", "di", "dia", "diaz", "")


def _window(index: CaseloadIndex) -> CaseloadWindow:
    app = application()
    from ui.caseload.view import CaseloadWindow

    window = CaseloadWindow(index)
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()
    return window


def _shown(entries: list[IndexedFile], today: dt.date) -> CaseloadWindow:
    from ui.caseload.model import prepare

    window = _window(CaseloadIndex(None))
    window.model.set_prepared([prepare(entry.row(today)) for entry in entries])
    window.model.sort(window.sort_column, window.sort_order)
    application().processEvents()
    return window


def filter_and_scroll_ms(
    entries: list[IndexedFile], today: dt.date, runs: int
) -> tuple[list[float], list[float], list[float]]:
    """Search keystrokes and page scrolls, each until the table has painted the result (ms).

    Returns:
        The keystrokes, the pages, and the floor: a page of the same words scrolled and
        painted from Qt's own item model (no Python called while painting).
    """
    window = _shown(entries, today)
    viewport = window.table.viewport()
    searches, scrolls = [], []
    for _ in range(runs):
        for text in SEARCHES:
            started = time.perf_counter()
            window.search.setText(text)  # filters and recounts, as typing does
            viewport.repaint()
            searches.append(1000 * (time.perf_counter() - started))
        scrolls.extend(_pages(window.table))
    floor = _floor_pages(window, runs)
    window.close()
    window.deleteLater()
    return searches, scrolls, floor


def _pages(table: QTableView, pages: int = 10) -> list[float]:
    bar = table.verticalScrollBar()
    bar.setValue(0)
    samples = []
    for _page in range(pages):
        started = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        table.viewport().repaint()
        samples.append(1000 * (time.perf_counter() - started))
    return samples


def _floor_pages(window: CaseloadWindow, runs: int) -> list[float]:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = window.model
    words = QStandardItemModel(model.rowCount(), model.columnCount())
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            words.setItem(row, column, QStandardItem(model.index(row, column).data()))
    table = QTableView()
    table.setModel(words)
    table.resize(window.table.size())
    for column in range(model.columnCount()):
        table.setColumnWidth(column, window.table.columnWidth(column))
    table.verticalHeader().setDefaultSectionSize(window.table.verticalHeader().defaultSectionSize())
    table.show()
    application().processEvents()
    samples = [sample for _ in range(runs) for sample in _pages(table)]
    table.close()
    table.deleteLater()
    return samples


def first_read_pauses_ms(folder: Path, data: Path) -> tuple[list[float], float]:
    """Read ``folder`` from scratch in the window: each wait of its event loop, and the read.

    Returns:
        The time between two turns of the event loop (ms), and the whole read (s).
    """
    from PySide6.QtCore import QTimer

    app = application()
    window = _window(CaseloadIndex(data))
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(1000 * (now - last[0]))
        last[0] = now

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(0)
    started = last[0] = time.perf_counter()
    window.open_folder(folder)
    while window.reading:
        app.processEvents()
        time.sleep(0.001)  # as an idle event loop would: wait, not spin
    total_s = time.perf_counter() - started
    heartbeat.stop()
    beat()  # the end of the read (showing the rows) counts too
    window.close()
    window.index.close()
    window.deleteLater()
    return gaps, total_s

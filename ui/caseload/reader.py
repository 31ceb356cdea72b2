"""Reading a caseload folder a slice at a time between events, so the window never freezes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal, Slot

from planner.caseload.collector import objects_set_aside
from planner.caseload.index import CaseloadIndex
from planner.caseload.locks import open_by
from planner.caseload.reading import IndexedFile
from ui.caseload.model import Prepared, prepare

# A slice of reading this long, then the window paints and takes clicks and keys (a plan
# file takes about 1-4 ms to plan, a row under 0.5 ms to prepare).
SLICE_MS = 25
Progress = tuple[str, int, int]  # what is being done, how many done, of how many
Steps = Generator[Progress, None, list[Prepared]]


class FolderReader(QObject):
    """Re-reads a folder through the index and prepares its rows, in slices.

    Rows of files that did not change since the last read (the same entry, the same day,
    the same holder) are kept as they were prepared: returning to the window re-checks
    the folder without working out thousands of rows again.

    Signals:
        progressed(str, int, int): how far the read is: in words, done, of how many.
        finished(list): the prepared rows, in the folder's order.
    """

    progressed = Signal(str, int, int)
    finished = Signal(list)

    def __init__(self, index: CaseloadIndex, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self._steps: Steps | None = None
        self._kept: dict[str, tuple[IndexedFile, Prepared]] = {}
        self.timer = QTimer(self)  # 0 ms: the next slice as soon as events are handled
        self.timer.timeout.connect(self.on_timeout)

    @property
    def busy(self) -> bool:
        """True while a read is under way."""
        return self._steps is not None

    def start(self, folder: Path, today: dt.date) -> None:
        """Start reading ``folder`` for ``today``; its progress and rows come as signals.

        Raises:
            PlanError: at once, when the folder cannot be listed.
        """
        self.cancel()
        steps = self._read(folder, today)
        try:
            first = next(steps)  # lists the folder: one that is gone fails here
        except StopIteration as done:  # an empty folder
            self.finished.emit(done.value)
            return
        self._steps = steps
        self.progressed.emit(_words(first), first[1], first[2])
        self.timer.start(0)

    def cancel(self) -> None:
        """Stop a read part-way; the index keeps what it had (it is written only at the end)."""
        self.timer.stop()
        steps, self._steps = self._steps, None
        if steps is not None:
            steps.close()

    def finish_now(self) -> None:
        """Read the rest at once, without returning to the event loop (a screenshot)."""
        self._slice(None)

    @Slot()
    def on_timeout(self) -> None:
        self._slice(SLICE_MS)

    def _slice(self, budget_ms: int | None) -> None:
        steps = self._steps
        if steps is None:
            return
        clock = QElapsedTimer()
        clock.start()
        try:
            progress = next(steps)
            while budget_ms is None or clock.elapsed() < budget_ms:
                progress = next(steps)
        except StopIteration as done:
            self.timer.stop()
            self._steps = None
            self.finished.emit(done.value)
            return
        except Exception:
            self.cancel()  # a read that failed is over; the next one starts afresh
            raise
        self.progressed.emit(_words(progress), progress[1], progress[2])

    def _read(self, folder: Path, today: dt.date) -> Steps:
        # A full garbage collection stopped the window for 100-180 ms (see objects_set_aside).
        with objects_set_aside():
            return (yield from self._read_frozen(folder, today))

    def _read_frozen(self, folder: Path, today: dt.date) -> Steps:
        refreshing = self.index.refreshing(folder)
        try:
            while True:
                try:
                    reading = next(refreshing)
                except StopIteration as done:
                    entries: list[IndexedFile] = done.value
                    break
                if reading.to_read:
                    yield "Reading plan files", reading.read, reading.to_read
                else:
                    yield "Checking plan files", reading.checked, reading.files
        finally:
            refreshing.close()  # closed part-way: nothing is written to the index
        holders = open_by(folder)
        kept, self._kept = self._kept, {}
        prepared: list[Prepared] = []
        for number, entry in enumerate(entries, 1):
            holder = holders.get(entry.name, "")
            earlier = kept.get(entry.name)
            if earlier is not None and earlier[0] is entry and _same_day(earlier[1], today, holder):
                item = earlier[1]
            else:
                item = prepare(entry.row(today, holder))
            prepared.append(item)
            self._kept[entry.name] = (entry, item)
            yield "Showing plans", number, len(entries)
        return prepared


def _same_day(item: Prepared, today: dt.date, holder: str) -> bool:
    return item.row.today == today and item.row.open_by == holder


def _words(progress: Progress) -> str:
    what, done, total = progress
    return f"{what}: {done} of {total}…"


"""Python's cyclic garbage collector waits while the window is built and first painted."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

# Should the window never paint (hidden or minimised at start), collection resumes anyway.
LATEST_MS = 5000


class CollectorPause:
    """Holds Python's cyclic garbage collector off from start-up to the window's first paint.

    Start-up makes over 100 000 objects (modules, Qt wrappers, the chart's artists, the
    plan) and keeps nearly all of them. Measured with ``gc.callbacks``, the collector ran
    about 250 times before the first paint, for about 90 ms in all (20 ms of it after
    PySide6 and matplotlib were loaded), and found almost nothing to free. Reference
    counting still frees every object as soon as it is unused. Only reference cycles
    wait, and only until just after the first paint (LATEST_MS at most), when the pause
    settles (see ``settle``). A collector that was already off (the caller's choice) is left
    off.

    Made before Qt is loaded (this module loads none of it until ``resume_after``): loading
    PySide6 and matplotlib alone ran the collector about 150 times, for about 65 ms.
    """

    def __init__(self) -> None:
        self._paused = gc.isenabled()
        gc.disable()

    def is_paused(self) -> bool:
        """True until ``resume``; False when the collector was off before the pause."""
        return self._paused

    def resume(self) -> None:
        """Turn the collector back on (once; later calls do nothing)."""
        if self._paused:
            self._paused = False
            gc.enable()

    def settle(self) -> None:
        """Collect the start-up's garbage, set aside what survives, then resume (once).

        Of the ~145 000 objects the collector tracks at the first paint, this collection
        frees ~45 000 (the start-up's garbage in reference cycles: none of it is kept). What
        survives (modules, Qt's wrappers, the chart, the catalogue) lives as long as the app:
        ``gc.freeze`` moves it out of every later collection, so a full collection no longer
        walks it all (40–60 ms here, landing in whichever edit it falls on). Reference
        counting still frees any of it that is dropped; only a cycle of it dropped later
        stays (at most once: objects made after the first paint are collected as before).
        Does nothing when there is no pause to end (resumed already, or never paused).
        """
        if self._paused:
            gc.collect()
            gc.freeze()
        self.resume()

    def resume_after(self, painted: SignalInstance) -> None:
        """Settle just after ``painted`` (the chart's first paint), or after LATEST_MS.

        Queued, not in the paint: the collection does not hold the paint up.
        """
        from PySide6.QtCore import QTimer

        painted.connect(lambda: QTimer.singleShot(0, self.settle))
        QTimer.singleShot(LATEST_MS, self.settle)

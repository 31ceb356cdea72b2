"""One-click fixes tried after the schedule is shown, one re-plan per idle moment."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from planner.checks.fixes import ApplyFix, FixTrials, replaced
from planner.dosing.schedule import fix_trials
from planner.model import Schedule

# The first trial waits this long after the chart is drawn: the new schedule is painted
# first, and a clinician still typing cancels the trials before any has cost a re-plan.
FIRST_TRIAL_DELAY_MS = 50
# ...or this long after the schedule was planned, when no chart draws (a hidden window).
UNDRAWN_DELAY_MS = 500


def without_fixes(schedule: Schedule) -> Schedule:
    """``schedule`` offering no fix yet: a fix is shown only once it has been tried."""
    if not any(finding.fix for finding in schedule.findings):
        return schedule
    findings = tuple(dataclasses.replace(finding, fix=()) for finding in schedule.findings)
    return dataclasses.replace(schedule, findings=findings)


class FixChecker(QObject):
    """Tries a schedule's candidate fixes in the background of the event loop.

    Trying a fix re-plans the whole plan with it, and a finding may have a dozen
    candidates: done before the first paint, that made every edit of a plan with a
    warning ten times slower. The window shows the schedule at once without fixes, and
    this tries one candidate per idle moment (once the chart is drawn and painted, then by
    a zero-time timer), then emits ``checked``.
    A new schedule cancels the trials of the old one; ``finish`` completes them at once,
    for printing and export, which must carry the same fixes the CLI gives.

    Signals:
        checked(Schedule): the schedule being tried, now with only fixes that work.
    """

    checked = Signal(object)

    def __init__(
        self, parent: QObject | None = None, edit_pending: Callable[[], bool] = lambda: False
    ) -> None:
        super().__init__(parent)
        # True while an edit waits to be planned: it goes first (it makes these trials moot).
        self._edit_pending = edit_pending
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._schedule: Schedule | None = None
        self._trials: FixTrials | None = None

    def start(self, schedule: Schedule, apply: ApplyFix = replaced) -> None:
        """Try the fixes of ``schedule`` (planned unverified), each applied as a click will."""
        self.cancel()
        if not schedule.findings:
            return
        self._schedule = schedule
        self._trials = fix_trials(schedule, apply)
        self._timer.start(UNDRAWN_DELAY_MS)

    def cancel(self) -> None:
        """Forget the schedule being tried (it is no longer the one shown)."""
        self._timer.stop()
        self._schedule = None
        self._trials = None

    def pending(self) -> bool:
        """True while some fix is still being tried."""
        return self._trials is not None

    def finish(self) -> None:
        """Try every remaining fix now and emit ``checked`` (nothing pending: nothing)."""
        while self._trials is not None and not self._step():
            pass

    @Slot()
    def on_schedule_drawn(self) -> None:
        """The chart shows the new schedule: the trials begin once its paint is done."""
        if self._trials is not None and self._timer.remainingTime() > FIRST_TRIAL_DELAY_MS:
            self._timer.start(FIRST_TRIAL_DELAY_MS)

    @Slot()
    def on_timer_timeout(self) -> None:
        # A re-plan may run Python's cycle collector, which may free a window nobody refers
        # to any more (a closed one's, a test's), and with it this object's timer: holding
        # the window until the step is done moves that to after it.
        window = self.parent()
        if self._trials is not None and self._edit_pending():
            # A re-plan now would hold up the clinician's edit, already typed.
            self._timer.start(FIRST_TRIAL_DELAY_MS)
        elif self._trials is not None and not self._step():
            self._timer.start(0)  # the next trial at the next idle moment
        del window

    def _step(self) -> bool:
        """One re-plan; True (and ``checked`` emitted) when the schedule's fixes are decided."""
        assert self._trials is not None and self._schedule is not None
        if not self._trials.step():
            return False
        checked = dataclasses.replace(self._schedule, findings=self._trials.finish())
        self.cancel()
        self.checked.emit(checked)
        return True

"""Replaying a plan's revisions over its steps: check-ins and changes from a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from planner.errors import PlanError
from planner.followup.checkins import Midpoint, ReplayState, apply_checkin
from planner.model import CheckIn, Dose, Finding, HistoryEntry, Step, StepKind

# Re-plans from a tolerated dose: given the step with that dose and the days to hold it
# first, returns the steps from there on (undated). Made by planner/followup/history.py
# from planner/dosing, which owns planning.
Replan = Callable[[Step, int], list[Step]]


class Replay:
    """A plan's steps with its revisions (check-ins and changes) applied one by one.

    Every revision keeps the days before its date exactly as they were and re-plans only
    from its date on.
    """

    def __init__(self, steps: Sequence[Step]) -> None:
        self.state = ReplayState(steps[0].start, [], list(steps))
        self.history: list[HistoryEntry] = []
        self.findings: list[Finding] = []

    @property
    def paused(self) -> bool:
        """True while a red flag has paused the taper and no check-in has resumed it."""
        return self.state.paused is not None

    def steps(self) -> list[Step]:
        """The steps as revised so far, dated and numbered."""
        return [
            dataclasses.replace(step, index=number)
            for number, step in enumerate(self.state.dated(), start=1)
        ]

    def result(self) -> tuple[list[Step], list[HistoryEntry], list[Finding]]:
        """The revised steps, the history and the follow-up findings."""
        return self.steps(), self.history, self.findings

    def checkin(
        self,
        checkin: CheckIn,
        baseline: tuple[Dose, ...],
        interval_days: int,
        midpoint: Midpoint,
    ) -> None:
        """Apply one check-in (see checkins.apply_checkin)."""
        apply_checkin(
            self.state, checkin, baseline, interval_days, midpoint, self.history, self.findings
        )

    def change(self, date: dt.date, replan: Replan, wait_days: Callable[[Step, int], int]) -> str:
        """Re-plan from ``date`` with new settings; the days before stay as they were.

        ``wait_days(step, elapsed)`` says how long the dose in effect goes on from ``date``
        before the new settings' first change. While paused, only what comes after the
        resume is re-planned: no change of settings turns a pause into a cut or a stop.
        Returns the words for the history.

        Raises:
            PlanError: when the new settings cannot plan from the dose in effect.
        """
        state = self.state
        full = state.dated()
        if date <= full[0].start:
            raise PlanError(
                f"A change from {date} must come after the plan's start ({full[0].start})",
                field="changes",
            )
        index = max(i for i, step in enumerate(full) if step.start < date)
        current = full[index]
        if state.paused is not None:
            waiting = state.paused[0]
            state.paused = replan(waiting, waiting.days)
            return (
                "the taper stays paused until a check-in resumes it; the new settings apply "
                "from then"
            )
        elapsed = (date - current.start).days
        if current.days == 0 and not current.doses:
            return "the taper has already stopped; nothing is re-planned"
        wait = wait_days(current, elapsed)
        pending = replan(current, 0)
        if current.days == 0:
            # At ongoing maintenance: it goes on unless the new settings taper further.
            if not pending or pending[0].kind is StepKind.MAINTAIN:
                return "the plan stays at its maintenance dose"
            current = dataclasses.replace(current, kind=StepKind.HOLD)
        state.taken = [*full[:index], dataclasses.replace(current, days=elapsed + wait)]
        state.pending = pending
        return "re-planned from here; the steps before stay as taken"

"""The taken past is fixed: a Hypothesis state machine of check-ins, revisions, undo and files.

After every step: no day before a revision's date differs from what it was when that date
was recorded; a hold never lowers the dose; a pause lasts until a resume; the history quotes
the doses the steps have, with the drug's name; the plan ends in a stop or maintenance.

Modest in the normal suite (20 runs × 12 steps); ``HYPOTHESIS_PROFILE=thorough`` runs
5 000 × 20 = 100 000 steps.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.files.planfile import dumps, loads
from planner.followup.history import (
    is_paused,
    latest_revision,
    record_change,
    record_checkin,
    settings_after,
)
from planner.model import (
    CheckIn,
    FollowUpAction,
    Method,
    Regimen,
    StepKind,
    TaperPlan,
)
from tests.planner.followup.invariants import (
    broken_pauses,
    days_before,
    lowered_holds,
    misquoted_doses,
)

START = dt.date(2026, 10, 5)
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"

PLANS = [
    TaperPlan(start=START, formulation="liquid", method=Method.FIXED, amount_mg=0.125),
    TaperPlan(
        drug="diazepam",
        region="us",
        start=START,
        regimen=Regimen(morning_mg=5, night_mg=10),
        reduction_percent=15.0,
    ),
    TaperPlan(
        drug="lorazepam",
        region="us",
        start=START,
        regimen=Regimen(morning_mg=1, night_mg=1),
        switch_to="diazepam",
        maintenance_mg=2.0,
    ),
    TaperPlan(start=START, regimen=Regimen(night_mg=1.0), interval_days=7, stabilise_days=7),
]
SYMPTOMS = ("anxiety", "insomnia", "tremor", "headache")
RED_FLAGS = ("seizures", "confusion_delirium", "psychosis", "suicidality_self_harm")


def as_recorded(current: TaperPlan, date: dt.date, change: bool) -> TaperPlan:
    """The plan as it was when the revision dated ``date`` was recorded.

    Before a change: the changes before it and the check-ins before its date. Before a
    check-in: the changes up to its date and the check-ins before it.
    """
    if change:
        kept = [c for c in current.changes if c.date < date]
        checkins = tuple(c for c in current.checkins if c.date < date)
    else:
        kept = [c for c in current.changes if c.date <= date]
        checkins = tuple(c for c in current.checkins if c.date < date)
    base = settings_after(current, len(kept) - 1) if kept else None
    if base is None:
        base = current.changes[0].previous if current.changes else current
    return base.replace(patient=current.patient, checkins=checkins, changes=tuple(kept))


class History(RuleBasedStateMachine):
    """A clinician's record: check-ins and revisions over weeks, with undo and files."""

    def __init__(self) -> None:
        super().__init__()
        self.plan = PLANS[0]
        self.today = START
        self.undo: list[TaperPlan] = []
        self.redo: list[TaperPlan] = []
        self.schedule = plan(self.plan)

    @initialize(index=st.integers(0, len(PLANS) - 1), days=st.integers(0, 40))
    def start(self, index: int, days: int) -> None:
        self.plan = PLANS[index]
        self.today = START + dt.timedelta(days)
        self.schedule = plan(self.plan)

    def _adopt(self, revised: TaperPlan, date: dt.date) -> None:
        try:
            schedule = plan(revised)
        except PlanError:
            return  # refused with a message (e.g. a change during a switch); nothing changes
        assert days_before(schedule, date) == days_before(self.schedule, date)
        self.undo.append(self.plan)
        self.redo.clear()
        self.plan, self.schedule = revised, schedule

    @rule(days=st.integers(1, 30))
    def time_passes(self, days: int) -> None:
        self.today += dt.timedelta(days)

    @rule(
        back=st.integers(0, 3),
        action=st.sampled_from([a for a in FollowUpAction if a is not FollowUpAction.RESUME]),
        symptom=st.sampled_from(SYMPTOMS),
        severity=st.integers(0, 3),
        flag=st.none() | st.sampled_from(RED_FLAGS),
        hold_days=st.integers(1, 42),
        resume=st.booleans(),
    )
    def check_in(
        self,
        back: int,
        action: FollowUpAction,
        symptom: str,
        severity: int,
        flag: str | None,
        hold_days: int,
        resume: bool,
    ) -> None:
        date = self.today - dt.timedelta(back)
        paused = is_paused(self.schedule.findings)
        if paused and resume:
            action = FollowUpAction.RESUME
        checkin = CheckIn(date, ((symptom, severity),), (flag,) if flag else (), action, hold_days)
        try:
            revised = record_checkin(self.plan, checkin, self.today, paused)
        except PlanError as error:
            latest = latest_revision(self.plan)
            assert (
                date < self.plan.start
                or (latest is not None and date <= latest)
                or (paused and not flag)
            ), error
            return
        self._adopt(revised, date)

    @rule(
        back=st.integers(0, 10),
        interval=st.integers(3, 35),
        method=st.sampled_from([Method.PERCENT_CURRENT, Method.FIXED, Method.PERCENT_ORIGINAL]),
        percent=st.sampled_from([5.0, 10.0, 25.0]),
    )
    def revise(self, back: int, interval: int, method: Method, percent: float) -> None:
        date = self.today - dt.timedelta(back)
        amount = 0.125 if self.plan.drug == "clonazepam" else 1.0
        edited = self.plan.replace(
            interval_days=interval,
            method=method,
            reduction_percent=percent,
            amount_mg=amount if method is Method.FIXED else self.plan.amount_mg,
        )
        try:
            revised = record_change(self.plan, edited, date, self.today)
        except PlanError:
            latest = latest_revision(self.plan)
            assert date <= self.plan.start or (latest is not None and date < latest)
            return
        if edited == self.plan:
            assert revised == self.plan  # an edit that changes nothing records nothing
            return
        if revised.changes == self.plan.changes and not self.plan.changes:
            # Edited freely: the plan had not started (nothing of it lies before today).
            assert self.today <= self.plan.start
            self.undo.append(self.plan)
            self.redo.clear()
            self.plan, self.schedule = revised, plan(revised)
            return
        self._adopt(revised, date)

    @precondition(lambda self: bool(self.undo))
    @rule()
    def undo_last(self) -> None:
        self.redo.append(self.plan)
        self.plan = self.undo.pop()
        self.schedule = plan(self.plan)

    @precondition(lambda self: bool(self.redo))
    @rule()
    def redo_last(self) -> None:
        self.undo.append(self.plan)
        self.plan = self.redo.pop()
        self.schedule = plan(self.plan)

    @rule()
    def save_and_reopen(self) -> None:
        reopened = loads(dumps(self.plan))
        assert reopened == self.plan
        assert plan(reopened) == self.schedule
        self.plan = reopened

    @invariant()
    def the_past_before_each_revision_is_as_recorded(self) -> None:
        revisions = [(c.date, True) for c in self.plan.changes] + [
            (c.date, False) for c in self.plan.checkins
        ]
        for date, change in revisions:
            earlier = plan(as_recorded(self.plan, date, change))
            assert days_before(self.schedule, date) == days_before(earlier, date), date

    @invariant()
    def holds_pauses_and_quoted_doses_are_right(self) -> None:
        problems = [
            *lowered_holds(self.schedule),
            *broken_pauses(self.schedule),
            *misquoted_doses(self.schedule),
        ]
        assert not problems, problems

    @invariant()
    def the_plan_ends_in_a_stop_or_maintenance(self) -> None:
        last = self.schedule.steps[-1]
        assert last.kind in (StepKind.STOP, StepKind.MAINTAIN) and last.days == 0


History.TestCase.settings = settings(
    max_examples=5_000 if THOROUGH else 20,
    stateful_step_count=20 if THOROUGH else 12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestHistory = History.TestCase

"""Fixes tried one re-plan at a time end exactly where trying them all at once does."""

from __future__ import annotations

import dataclasses

from planner.dosing.schedule import fix_trials, plan
from planner.model import Regimen, TaperPlan
from tests.planner.helpers import START

# Tablets, 25% cuts every 3 days: a stall, and steps too short; several candidates to try.
RISKY = TaperPlan(
    drug="lorazepam",
    region="uk",
    regimen=Regimen(morning_mg=1.0, night_mg=1.0),
    reduction_percent=25.0,
    interval_days=3,
    start=START,
)


def test_stepping_gives_the_fixes_plan_gives() -> None:
    unverified = plan(RISKY, verify_fixes=False)
    trials = fix_trials(unverified)
    steps = 1
    while not trials.step():
        steps += 1
    assert steps > 1  # more than one re-plan was needed, one per step
    assert trials.finish() == plan(RISKY).findings
    assert any(finding.fix for finding in trials.finish())  # and some fix works
    assert dataclasses.replace(unverified, findings=trials.finish()) == plan(RISKY)


def test_a_schedule_without_findings_is_decided_at_once() -> None:
    schedule = plan(RISKY, verify_fixes=False)
    trials = fix_trials(dataclasses.replace(schedule, findings=()))
    assert trials.step()
    assert trials.finish() == ()

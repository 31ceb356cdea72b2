"""Invariants of a plan's follow-up record, shared by the state machine and the monkey test."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from planner.model import FollowUpAction, Schedule, StepKind

QUOTED = re.compile(r"(hold|paused at|step back to) ([a-z]+) ([\d.]+) mg/day")


def dose_on(schedule: Schedule, day: dt.date) -> tuple[tuple[str, float], ...]:
    """What is taken on a day: (drug, mg/day) pairs."""
    steps = [s for s in schedule.steps if s.start <= day]
    step = steps[-1] if steps else schedule.steps[0]
    return tuple(sorted(step.daily_mg.items()))


def days_before(schedule: Schedule, until: dt.date) -> list[tuple[tuple[str, float], ...]]:
    """Every day's doses from the start up to (not including) ``until``."""
    count = (until - schedule.steps[0].start).days
    return [dose_on(schedule, schedule.steps[0].start + dt.timedelta(d)) for d in range(count)]


def lowered_holds(schedule: Schedule) -> list[str]:
    """Hold steps whose dose is lower than the step before (a hold never lowers the dose)."""
    return [
        f"step {step.index} holds {step.daily_mg} after {before.daily_mg}"
        for before, step in itertools.pairwise(schedule.steps)
        if step.kind is StepKind.HOLD
        and step.daily_diazepam_eq_mg < before.daily_diazepam_eq_mg - 1e-6
    ]


def broken_pauses(schedule: Schedule) -> list[str]:
    """Red-flag pauses that end, or change the dose, before a check-in resumes them."""
    plan = schedule.plan
    problems = []
    for number, checkin in enumerate(plan.checkins):
        if not checkin.red_flags:
            continue
        later = plan.checkins[number + 1 :]
        resume = next((c.date for c in later if c.action is FollowUpAction.RESUME), None)
        held = dose_on(schedule, max(checkin.date - dt.timedelta(1), plan.start))
        last = resume or schedule.steps[-1].start + dt.timedelta(30)
        day = checkin.date
        while day < last:
            if dose_on(schedule, day) not in (held, ()):
                problems.append(f"the pause of {checkin.date} changes the dose on {day}")
                break
            day += dt.timedelta(1)
        if resume is None and schedule.steps[-1].days != 0:
            problems.append(f"the pause of {checkin.date} ends without a resume")
    return problems


def misquoted_doses(schedule: Schedule) -> list[str]:
    """History lines whose quoted dose is not what the steps give on that date."""
    problems = []
    for entry in schedule.history:
        on_day = dict(dose_on(schedule, entry.date))
        for _, drug, mg in QUOTED.findall(entry.text):
            if abs(on_day.get(drug, -1) - float(mg)) > 1e-6:
                problems.append(f"{entry.date}: '{entry.text}' but the steps give {on_day}")
    return problems

"""A planned schedule turned into custom steps, so the clinician can edit it step by step."""

from __future__ import annotations

from planner.errors import PlanError
from planner.model import CustomStep, Schedule, StepKind

FIELD = "custom_steps"


def custom_from_schedule(schedule: Schedule) -> tuple[CustomStep, ...]:
    """The steps on screen as custom steps: each step's daily dose and its days.

    A stabilisation step stays the plan's own (``stabilise_days``); the final stop or
    maintenance step becomes the last custom step (the plan's target). Re-planned, the
    steps give the same doses, since each daily dose is already one the patient can
    measure, and they are still rounded and checked as any custom plan is.

    Raises:
        PlanError: for a plan that switches drugs (its steps hold two drugs) or one
            already changed at follow-up (what was taken must not change); field
            ``custom_steps``.
    """
    plan = schedule.plan
    if plan.switch_to or schedule.names_drugs:
        raise PlanError(
            "Steps of a plan that switches to diazepam cannot be edited by hand: change the "
            "switch or the diazepam taper in the form instead",
            field=FIELD,
        )
    if plan.checkins:
        raise PlanError(
            "This plan is under way with check-ins: change it from a date with Follow-up → "
            "Record check-in, so that the doses already taken stay as they were",
            field=FIELD,
        )
    steps = []
    for step in schedule.steps:
        if step.kind is StepKind.STABILISE:
            continue
        daily_mg = sum(step.daily_mg.values())
        steps.append(CustomStep(round(daily_mg, 6), step.days or None))
    return tuple(steps)

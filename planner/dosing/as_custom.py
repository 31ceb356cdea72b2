"""A planned schedule turned into custom steps, so the clinician can edit it step by step."""

from __future__ import annotations

from planner.errors import PlanError
from planner.model import CustomStep, Method, Schedule, StepKind, TaperPlan

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


def as_custom_plan(schedule: Schedule) -> TaperPlan:
    """The schedule's plan with its steps as custom steps (see ``custom_from_schedule``).

    A maintenance dose the products cannot measure was held at the nearest measurable dose
    above it (a ``maintenance-rounded`` finding says so). The last custom step keeps the
    clinician's target instead, which the planner rounds the same way again: the target
    stays the one chosen, and the steps give the same doses.

    Raises:
        PlanError: as ``custom_from_schedule``.
    """
    steps = custom_from_schedule(schedule)
    plan = schedule.plan
    if steps and steps[-1].days is None and plan.maintenance_mg:
        steps = (*steps[:-1], CustomStep(plan.maintenance_mg, None))
    return plan.replace(method=Method.CUSTOM, custom_steps=steps)

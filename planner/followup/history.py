"""A plan's dated history: the first plan, then check-ins and changes from a date, replayed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from planner.catalogue import Drug
from planner.errors import PlanError
from planner.followup.checkins import Midpoint
from planner.followup.replay import Replay
from planner.model import (
    CheckIn,
    Dose,
    Finding,
    FollowUpAction,
    HistoryEntry,
    Patient,
    PlanChange,
    Regimen,
    Severity,
    Step,
    StepKind,
    TaperPlan,
    format_mg,
)

# What a change from a date cannot change: they describe what was taken from the start.
FIXED_FIELDS = ("drug", "regimen", "start")


@dataclasses.dataclass(frozen=True)
class Segment:
    """The steps of one set of settings alone, and what re-planning from them needs."""

    steps: tuple[Step, ...]
    notes: tuple[Finding, ...]
    forced: frozenset[int]
    drugs: Mapping[str, Drug]
    baseline: tuple[Dose, ...]
    midpoint: Midpoint
    smallest_mg: float
    finer: str | None


# Plans one set of settings (planner.dosing.schedule.segment, which owns planning).
Planner = Callable[[TaperPlan], Segment]


def settings(plan: TaperPlan) -> TaperPlan:
    """A plan's settings only: no patient details, check-ins or changes."""
    return plan.replace(patient=Patient(), checkins=(), changes=())


def initial_settings(plan: TaperPlan) -> TaperPlan:
    """The settings the plan started with, before any change from a date."""
    return plan.changes[0].previous if plan.changes else settings(plan)


def settings_after(plan: TaperPlan, number: int) -> TaperPlan:
    """The settings in effect from change ``number`` (0-based) until the next one."""
    if number + 1 < len(plan.changes):
        return plan.changes[number + 1].previous
    return settings(plan)


def latest_revision(plan: TaperPlan) -> dt.date | None:
    """The date of the latest check-in or change; None for a plan never revised."""
    dates = [c.date for c in plan.checkins] + [c.date for c in plan.changes]
    return max(dates) if dates else None


def is_under_way(plan: TaperPlan, today: dt.date) -> bool:
    """True once the plan started before ``today`` or has a check-in or change.

    Its edits then apply from a date.
    On its start day a plan is still edited freely: that is the visit where it is made
    (a new plan starts today), and none of its days lie in the past yet.
    """
    return plan.start < today or latest_revision(plan) is not None


def is_taken(step: Step, plan: TaperPlan) -> bool:
    """True when the step lies wholly before the latest revision date (it is history)."""
    latest = latest_revision(plan)
    return latest is not None and step.days > 0 and step.start + dt.timedelta(step.days) <= latest


def is_paused(findings: Sequence[Finding]) -> bool:
    """True while a red flag has paused the taper (an unreviewed red-flag error)."""
    return any(f.rule == "red-flag" and f.severity is Severity.ERROR for f in findings)


def changed_fields(before: TaperPlan, after: TaperPlan) -> list[str]:
    """The settings that differ between two plans, in the plan's field order."""
    old, new = settings(before), settings(after)
    return [
        field.name
        for field in dataclasses.fields(TaperPlan)
        if getattr(old, field.name) != getattr(new, field.name)
    ]


def record_checkin(plan: TaperPlan, checkin: CheckIn, today: dt.date, paused: bool) -> TaperPlan:
    """The plan with a check-in added, after the rules of the record.

    Args:
        plan: the plan as it is.
        checkin: the new check-in.
        today: the date the check-in is recorded (injected, for tests).
        paused: whether a red flag has paused the taper (``is_paused`` of its findings).

    Raises:
        PlanError: for a date after today, before the plan starts or before the latest
            revision, a resume with nothing paused, or another decision while paused.
    """
    date = checkin.date
    if date > today:
        raise PlanError(
            f"The check-in date {date} is after today ({today}): record a visit that has "
            "happened (a date can be corrected, not invented)",
            field="checkins",
        )
    if date < plan.start:
        raise PlanError(
            f"The check-in date {date} is before the plan starts ({plan.start})",
            field="checkins",
        )
    latest = latest_revision(plan)
    if plan.checkins and date <= plan.checkins[-1].date:
        raise PlanError(
            f"The check-in date {date} must come after the latest check-in "
            f"({plan.checkins[-1].date}); the record before it stands",
            field="checkins",
        )
    if latest is not None and date < latest:
        raise PlanError(
            f"The check-in date {date} is before the latest revision ({latest}); the "
            "record before it stands",
            field="checkins",
        )
    if paused and not checkin.red_flags and checkin.action is not FollowUpAction.RESUME:
        raise PlanError(
            "The taper is paused after red flags: after the review, record the decision "
            "'resume' first",
            field="checkins",
        )
    if not paused and checkin.action is FollowUpAction.RESUME:
        raise PlanError(
            "There is nothing to resume: the taper is not paused (choose continue, hold, "
            "slow-cuts, slow-interval or step-back)",
            field="checkins",
        )
    return plan.replace(checkins=(*plan.checkins, checkin))


def record_change(before: TaperPlan, after: TaperPlan, date: dt.date, today: dt.date) -> TaperPlan:
    """The edited plan ``after``, with its settings applying from ``date`` when under way.

    A plan not under way (``is_under_way``) is edited freely. A second change on the same
    date joins the first; one that puts back the settings before it removes it.

    Raises:
        PlanError: for a change of the drug, starting dose or start of a plan under way,
            or a date after today, before the latest revision or not after the start.
    """
    after = after.replace(checkins=before.checkins, changes=before.changes)
    if settings(before) == settings(after):
        return after
    if not is_under_way(before, today):
        return after
    for name in FIXED_FIELDS:
        if getattr(before, name) != getattr(after, name):
            raise PlanError(
                f"The plan is under way since {before.start}: its drug, starting dose and "
                "start date are what was taken. Start a new plan (File → New) to change them",
                field="regimen" if name == "regimen" else name,
            )
    latest = latest_revision(before)
    if date > today:
        raise PlanError(
            f"Changes apply from today ({today}) or an earlier day, not from {date}: a later "
            "date would keep check-ins before it from being recorded. Make it on that day",
            field="changes",
        )
    if date <= before.start:
        raise PlanError(
            f"Changes can apply from the day after the start ({before.start}) on; got {date}",
            field="changes",
        )
    if latest is not None and date < latest:
        raise PlanError(
            f"Changes cannot apply from {date}, before the latest revision ({latest}); "
            "the steps before it stay as taken",
            field="changes",
        )
    changes = before.changes
    if changes and changes[-1].date == date:
        # The same day's change, edited again: it keeps the settings from before that day.
        if settings(changes[-1].previous) == settings(after):
            return after.replace(changes=changes[:-1])
        return after.replace(changes=changes)
    return after.replace(changes=(*changes, PlanChange(date, settings(before))))


def continuation(params: TaperPlan, step: Step) -> TaperPlan | None:
    """The settings that plan on from the dose of ``step``: its first step is a change.

    Returns None when that dose is nothing or at or below the maintenance target (nothing
    to cut).

    Raises:
        PlanError: during a switch to diazepam (two drugs at once).
    """
    drugs = list(step.daily_mg)
    if not drugs:
        return None  # stopped: nothing to re-plan
    if len(drugs) != 1:
        raise PlanError(
            "A change cannot begin while the patient takes two drugs during the switch to "
            "diazepam; choose a date after the switch",
            field="changes",
        )
    drug = drugs[0]
    regimen = Regimen.from_times({dose.time: dose.mg for dose in step.doses})
    sub = params.replace(
        regimen=regimen, start=step.start, stabilise_days=0, checkins=(), changes=()
    )
    if drug != params.drug:
        # Switched already: the plan goes on with the drug switched to.
        sub = sub.replace(drug=drug, formulation=params.switch_formulation, switch_to=None)
    if sub.switch_to is None and regimen.daily_mg <= params.maintenance_mg + 1e-9:
        return None
    return sub


def _describe(before: TaperPlan, after: TaperPlan) -> str:
    parts = []
    for name in changed_fields(before, after):
        old, new = getattr(before, name), getattr(after, name)
        label = name.replace("_", " ")
        if isinstance(old, (str, int, float)) and isinstance(new, (str, int, float)):
            parts.append(f"{label} {_value(old)} → {_value(new)}")
        else:
            parts.append(f"{label} changed")
    return ", ".join(parts) or "no setting changed"


def _value(value: object) -> str:
    if isinstance(value, float):
        return format_mg(value)
    return str(value)


def replay(
    plan: TaperPlan, first: Segment, planner: Planner
) -> tuple[list[Step], list[HistoryEntry], list[Finding], Segment]:
    """Apply a plan's revisions in date order over its first steps.

    On one date a change comes before a check-in: the check-in then applies to the plan
    as changed. Returns the steps, the history, the follow-up findings and the segment of
    the settings in effect at the end.

    Raises:
        PlanError: when a revision cannot apply (the message names its date).
    """
    events: list[tuple[dt.date, int, int]] = [
        *((change.date, 0, number) for number, change in enumerate(plan.changes)),
        *((checkin.date, 1, number) for number, checkin in enumerate(plan.checkins)),
    ]
    replayer = Replay(first.steps)
    params, last = initial_settings(plan), first
    for date, kind, number in sorted(events):
        if kind == 1:
            replayer.checkin(
                plan.checkins[number], first.baseline, params.interval_days, last.midpoint
            )
            continue
        new = settings_after(plan, number)
        produced: list[Segment] = []

        def replan(
            step: Step, hold_days: int, new: TaperPlan = new, produced: list[Segment] = produced
        ) -> list[Step]:
            sub = continuation(new, step)
            if sub is None:
                kind = StepKind.MAINTAIN if step.doses else StepKind.STOP
                return [dataclasses.replace(step, kind=kind, days=0)]
            produced.append(planner(sub))
            held = dataclasses.replace(step, kind=StepKind.HOLD, days=hold_days)
            return [*([held] if hold_days else []), *produced[-1].steps]

        def wait_days(step: Step, elapsed: int, new: TaperPlan = new) -> int:
            return max(step.days - elapsed, new.interval_days - elapsed, 0)

        try:
            outcome = replayer.change(date, replan, wait_days)
        except PlanError as error:
            raise PlanError(f"The change from {date}: {error}", field=error.field) from error
        replayer.history.append(
            HistoryEntry(date, f"Plan changed: {_describe(params, new)}; {outcome}.", "", "change")
        )
        params = new
        if produced:
            last = produced[-1]
    steps, history, findings = replayer.result()
    return steps, history, findings, last

"""Check-ins: re-plan the rest of a taper from a follow-up visit, keeping what was taken."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Sequence

from planner import guidance
from planner.errors import PlanError
from planner.model import (
    ACTION_LABELS,
    CheckIn,
    Dose,
    Finding,
    FollowUpAction,
    HistoryEntry,
    Severity,
    Step,
    StepKind,
    format_mg,
)

JCPG_REC_11 = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Rec. 11: "
    "when symptoms appear, first hold the current dose, then make smaller or less frequent cuts"
)
JCPG_RED_FLAGS = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Table 3 "
    "and Recs. 12–15: seizures, confusion/delirium, psychosis, suicidality or self-harm need "
    "urgent medical review"
)
# Decisions with which a change of dose due that day goes ahead.
_GOES_AHEAD = (FollowUpAction.CONTINUE, FollowUpAction.RESUME)
# At or above this severity (0–3) a symptom is worth holding for rather than continuing.
NOTABLE_SEVERITY = 2

# Returns the doses half-way between two steps, or None when nothing measurable lies between.
Midpoint = Callable[[Step, Step], tuple[Dose, ...] | None]


@dataclasses.dataclass
class ReplayState:
    """Steps already taken (fixed dates) and steps still to come (dated on demand)."""

    start: dt.date
    taken: list[Step]
    pending: list[Step]
    paused: list[Step] | None = None  # what was to come when a red flag paused the taper

    def dated(self) -> list[Step]:
        date = (
            self.taken[-1].start + dt.timedelta(days=self.taken[-1].days)
            if self.taken
            else (self.start)
        )
        steps = list(self.taken)
        for step in self.pending:
            steps.append(dataclasses.replace(step, start=date))
            date += dt.timedelta(days=step.days)
        return steps


def _amounts_text(doses: Sequence[Dose]) -> str:
    """'clonazepam 1.25 mg/day', or 'clonazepam 0.5 mg/day + diazepam 20 mg/day' in a switch.

    The drug is always named, so that a history line can never be read as another drug's.

    mg of two drugs are never added up: 0.5 mg of clonazepam and 20 mg of diazepam are
    not "20.5 mg".
    """
    totals: dict[str, float] = {}
    for dose in doses:
        totals[dose.drug] = totals.get(dose.drug, 0.0) + dose.mg
    if not totals:
        return "nothing (0 mg/day)"
    return " + ".join(f"{drug} {format_mg(mg)} mg/day" for drug, mg in totals.items())


def _doubled(steps: Sequence[Step]) -> list[Step]:
    return [dataclasses.replace(step, days=step.days * 2) for step in steps]


def symptom_name(symptom_id: str) -> str:
    """A symptom's short name: 'Insomnia (difficulty sleeping)' → 'Insomnia'.

    The words before any explanation in brackets, without a qualifier such as
    ', in severe cases' ('Low, uneasy mood' keeps its comma).
    """
    for item in guidance.withdrawal_symptoms():
        if item.id == symptom_id:
            return item.text.split(" (")[0].split(", in ")[0]
    return symptom_id


def _symptoms_text(checkin: CheckIn) -> str:
    parts = [
        f"{symptom_name(symptom).lower()} {severity}/3"
        for symptom, severity in checkin.symptoms
        if severity > 0
    ]
    return ", ".join(parts) or "no withdrawal symptoms"


def _red_flag_names(checkin: CheckIn) -> str:
    return ", ".join(symptom_name(flag).lower() for flag in checkin.red_flags)


def _step_back_doses(steps: list[Step], index: int, baseline: tuple[Dose, ...]) -> tuple[Dose, ...]:
    """The last tolerated dose before step ``index``: the last one higher than it.

    Doses are compared in diazepam equivalents: mg of two drugs cannot be compared. In a
    switch the dose stays the same in a new mix of drugs, so there the step before (the
    last mix tolerated) is the one to go back to.
    """
    current = steps[index]
    for earlier in reversed(steps[:index]):
        difference = earlier.daily_diazepam_eq_mg - current.daily_diazepam_eq_mg
        other_mix = abs(difference) <= 1e-9 and earlier.daily_mg != current.daily_mg
        if difference > 1e-9 or other_mix:
            return earlier.doses
    return baseline


def _with_midpoints(chain: list[Step], midpoint: Midpoint) -> tuple[list[Step], int]:
    """Each cut in ``chain[1:]`` split in two where a measurable half-way dose exists.

    Returns the new steps and how many half-way steps were added.
    """
    result: list[Step] = []
    added = 0
    for before, after in itertools.pairwise(chain):
        if after.kind in (StepKind.REDUCE, StepKind.STOP, StepKind.MAINTAIN):
            half = midpoint(before, after)
            if half is not None:
                days = after.days or before.days
                result.append(
                    dataclasses.replace(after, kind=StepKind.REDUCE, doses=half, days=days)
                )
                added += 1
        result.append(after)
    return result, added


def _reviewed(finding: Finding, date: dt.date) -> Finding:
    """A red-flag finding once a later check-in resumed the plan: history, not an alarm."""
    if finding.rule != "red-flag" or finding.severity is not Severity.ERROR:
        return finding
    return dataclasses.replace(
        finding,
        severity=Severity.INFO,
        message=finding.message.split(" This needs")[0] + f" Reviewed; the plan resumed on {date}.",
    )


def apply_checkin(
    state: ReplayState,
    checkin: CheckIn,
    baseline: tuple[Dose, ...],
    interval_days: int,
    midpoint: Midpoint,
    history: list[HistoryEntry],
    findings: list[Finding],
) -> None:
    """Apply one check-in to the state: the days before its date stay as they were.

    Raises:
        PlanError: for a check-in before the plan starts.
    """
    full = state.dated()
    date = checkin.date
    if date < full[0].start:
        raise PlanError(
            f"The check-in on {date} is before the plan starts ({full[0].start})",
            field="checkins",
        )
    index = max(i for i, step in enumerate(full) if step.start <= date)
    current = full[index]
    elapsed = (date - current.start).days
    before_change = (
        elapsed == 0
        and state.paused is None
        and (checkin.red_flags or checkin.action not in _GOES_AHEAD)
    )
    # On the day a change of dose is due, the check-in comes first: the patient is still
    # on the dose of the day before, the one they tolerate (the safer reading).
    if before_change and index > 0 and full[index - 1].doses != current.doses:
        index -= 1
        current = full[index]
        elapsed = current.days
    elif before_change and index == 0 and current.doses != baseline:
        # On the start day: the dose before the plan, today's regimen.
        full = [dataclasses.replace(current, doses=baseline, kind=StepKind.HOLD, days=0), *full]
        current = full[0]
    taken = full[:index]
    if elapsed > 0:
        # The part of the current step already taken (after a stop: the drug-free days).
        kind = StepKind.HOLD if state.paused is not None else current.kind
        taken.append(dataclasses.replace(current, days=elapsed, kind=kind))
    if state.paused is not None and not checkin.red_flags:
        # Resuming after a review: what was to come when the taper was paused. (Files of
        # format 1 resumed with any check-in without red flags; new ones need "resume".)
        rest, state.paused = state.paused, None
        findings[:] = [_reviewed(finding, date) for finding in findings]
    else:
        rest = [
            dataclasses.replace(current, days=max(current.days - elapsed, 0)),
            *full[index + 1 :],
        ]
    after = rest[1:]
    length = current.days or interval_days
    hold = dataclasses.replace(current, kind=StepKind.HOLD, days=length)
    daily_text = _amounts_text(current.doses)
    symptoms = _symptoms_text(checkin)
    if checkin.red_flags:
        if state.paused is None:
            state.paused = rest
        # else: still paused since an earlier red flag; what was to come then stays as it was.
        # Paused where the patient is; after the stop, that is the stop.
        kind = StepKind.MAINTAIN if current.doses else StepKind.STOP
        pause = dataclasses.replace(current, kind=kind, days=0)
        state.taken, state.pending = taken, [pause]
        flags = _red_flag_names(checkin)
        history.append(
            HistoryEntry(
                date,
                f"Check-in: {symptoms}; RED FLAGS: {flags}. Taper "
                f"paused at {daily_text} for urgent medical review.",
                checkin.note,
            )
        )
        findings.append(
            Finding(
                Severity.ERROR,
                None,
                f"Red flags reported on {date}: {flags}. This needs urgent medical review, not a "
                f"schedule change: the taper is paused at {daily_text}. After the review, record "
                "a check-in with the decision 'resume' to go on with the plan.",
                JCPG_RED_FLAGS,
                rule="red-flag",
            )
        )
        return
    action = checkin.action
    if action is FollowUpAction.RESUME:
        action = FollowUpAction.CONTINUE  # resumed above, or nothing was paused
    slowing = (FollowUpAction.HOLD, FollowUpAction.SLOW_CUTS, FollowUpAction.SLOW_INTERVAL)
    if action is FollowUpAction.CONTINUE:
        pending = rest
        change = (
            f"resume at {daily_text}, then as planned"
            if checkin.action is FollowUpAction.RESUME
            else "continue as planned"
        )
    elif action in slowing and current.days == 0 and not after:
        # The plan's open-ended end (the stop, or maintenance that goes on) has no later cut
        # to hold back or slow: it stays as it is. A step back is how to take more again.
        pending = rest
        change = (
            "the taper has already stopped, so there is no dose to hold or slow; it stays "
            "stopped (a step back returns to the last dose)"
            if not current.doses
            else f"the plan is at its ongoing maintenance dose ({daily_text}), which has no "
            "later cut to hold or slow; it goes on unchanged (a step back returns to the last "
            "higher dose)"
        )
    elif action is FollowUpAction.HOLD:
        pending = [dataclasses.replace(hold, days=checkin.hold_days), *after]
        change = f"hold {daily_text} for {checkin.hold_days} days, then continue as planned"
    elif action is FollowUpAction.SLOW_CUTS and (halved := _with_midpoints(rest, midpoint))[1]:
        pending = [hold, *halved[0]]
        change = (
            f"hold {daily_text} for {length} days, then cuts of half the size where the "
            f"formulation allows ({halved[1]} extra steps)"
        )
    elif action in (FollowUpAction.SLOW_INTERVAL, FollowUpAction.SLOW_CUTS):
        pending = [hold, *_doubled(after)]
        change = f"hold {daily_text} for {length} days, then each later step twice as long"
        if action is FollowUpAction.SLOW_CUTS:
            change += " (the formulation allows no smaller cuts)"
    else:
        back = _step_back_doses(full, index, baseline)
        back_step = dataclasses.replace(current, kind=StepKind.HOLD, doses=back, days=length)
        # After the step back, the dose it retries is a cut again, never a "hold".
        kind = StepKind.REDUCE if rest[0].kind is StepKind.HOLD else rest[0].kind
        retry = dataclasses.replace(rest[0], days=max(current.days, rest[0].days), kind=kind)
        pending = [back_step, *_doubled([retry, *after])]
        change = (
            f"step back to {_amounts_text(back)} for {length} days, then "
            "continue with each step twice as long"
        )
    # A hold of nothing (after a stop) is no step; the final stop always stays.
    state.taken = taken
    # A 0-day remainder (a check-in on the day a change was due) is no step either.
    state.pending = [
        step
        for number, step in enumerate(pending)
        if (step.doses or step.kind is StepKind.STOP) and (step.days or number == len(pending) - 1)
    ]
    history.append(
        HistoryEntry(
            date, f"Check-in: {symptoms}. {ACTION_LABELS[checkin.action]}: {change}.", checkin.note
        )
    )
    notable = [s for s, severity in checkin.symptoms if severity >= NOTABLE_SEVERITY]
    if notable and action is FollowUpAction.CONTINUE:
        findings.append(
            Finding(
                Severity.WARNING,
                None,
                f"On {date} the patient reported moderate or severe withdrawal symptoms "
                f"({symptoms}) and the plan continues unchanged. Guidelines first hold the "
                "current dose: consider a hold of 14 days.",
                JCPG_REC_11,
                rule="symptoms-continue",
            )
        )

"""Checks that depend on the patient: the first cut, abrupt stops and long-term use."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from planner.checks.risk import (
    FIRST_CUT_MAX_PERCENT,
    MAUDSLEY_FIRST_CUT,
    CheckContext,
    withdrawal_risk,
)
from planner.model import (
    Finding,
    Method,
    PatientFactor,
    Severity,
    StepKind,
    format_mg,
)

JCPG_PACE = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025): 5–10% of "
    "the most recent dose every 2–4 weeks, never more than 25% in 2 weeks"
)
JCPG_ABRUPT = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Table 3: "
    "seizures, confusion and psychosis mostly follow abrupt stops"
)
SOURCE_CONFUSION = (
    "Source document: 'Confusion (especially in elderly patients)'; " + MAUDSLEY_FIRST_CUT
)
# Fastest guideline pace for use over 4 weeks (JCPG ceiling) and the usual one for over a year.
PACE_BY_FACTOR: tuple[tuple[str, float, str], ...] = (
    (PatientFactor.USE_OVER_1_YEAR, 0.10, "use over a year (about 10% of the dose"),
    (PatientFactor.USE_OVER_4_WEEKS, 0.25, "use over 4 weeks (at most 25% of the dose"),
)
PACE_WINDOW_DAYS = 14
# A stop from at least this many times the smallest dose skips steps a patient could take.
ABRUPT_MULTIPLE = 4

Rule = Callable[[CheckContext], Iterator[Finding]]


def first_cut(context: CheckContext) -> Iterator[Finding]:
    """The first cut larger than the patient's withdrawal risk suggests (Maudsley)."""
    risk, reason = withdrawal_risk(context.plan, context.high_dose)
    limit = FIRST_CUT_MAX_PERCENT[risk]
    elderly = PatientFactor.AGE_65_PLUS in context.plan.factors
    if elderly:
        limit = min(limit, FIRST_CUT_MAX_PERCENT["moderate"])
    before = context.baseline_eq_mg
    for step in context.steps:
        if step.kind in (StepKind.STABILISE, StepKind.SWITCH, StepKind.HOLD):
            before = step.daily_diazepam_eq_mg
            continue
        if before <= 0 or (step.kind is StepKind.MAINTAIN and step.daily_diazepam_eq_mg >= before):
            return
        cut_percent = 100 * (before - step.daily_diazepam_eq_mg) / before
        if cut_percent <= limit + 0.5:
            return
        forced = step.index in context.forced_steps
        who = f"{risk} withdrawal risk ({reason})"
        if elderly:
            who += "; age 65 or over, when confusion is a known side effect"
        fix: tuple[tuple[str, object], ...] = ()
        advice = f"start with about {limit:g}% or less, then size each next cut from the response."
        if forced:
            # A smaller percent cannot help: the formulation's smallest cut is this big.
            # No fix is named here: checks.fixes offers one only if a re-plan shows it works.
            advice += " This is already the smallest cut the formulation allows."
        elif context.plan.method in (Method.PERCENT_CURRENT, Method.PERCENT_ORIGINAL):
            fix = (("reduction_percent", limit),)
        yield Finding(
            Severity.WARNING,
            step.index,
            f"The first cut takes away {cut_percent:.0f}% of the dose; for a patient at {who}, "
            + advice,
            SOURCE_CONFUSION if elderly else MAUDSLEY_FIRST_CUT,
            rule="first-cut",
            fix=fix,
        )
        return


def abrupt_stop(context: CheckContext) -> Iterator[Finding]:
    """A stop from a dose well above the smallest one the formulation could give first."""
    steps = context.steps
    for index, step in enumerate(steps):
        if step.kind is not StepKind.STOP or step.doses:
            continue
        before = steps[index - 1] if index else None
        before_mg = sum(before.daily_mg.values()) if before else context.plan.regimen.daily_mg
        drug = " and ".join(before.daily_mg) if before else context.plan.drug
        smallest = context.smallest_dose_mg
        if smallest <= 0 or before_mg < ABRUPT_MULTIPLE * smallest - 1e-9:
            continue
        yield Finding(
            Severity.ERROR if context.escalated else Severity.WARNING,
            step.index,
            f"Step {step.index} stops abruptly from {format_mg(before_mg)} mg/day of {drug} "
            f"although doses down to {format_mg(smallest)} mg can be given. Add smaller steps "
            "before stopping." + context.escalation_reason,
            JCPG_ABRUPT,
            rule="abrupt-stop",
        )


def _minimum_taper_days(start_eq_mg: float, smallest_eq_mg: float, fraction: float) -> int:
    """Days to go from a dose to the smallest one at ``fraction`` per 14 days, then stop."""
    if start_eq_mg <= smallest_eq_mg or smallest_eq_mg <= 0:
        return PACE_WINDOW_DAYS
    cuts = math.ceil(math.log(smallest_eq_mg / start_eq_mg) / math.log(1 - fraction))
    return (cuts + 1) * PACE_WINDOW_DAYS


def long_term_pace(context: CheckContext) -> Iterator[Finding]:
    """A whole taper from long-term use that finishes faster than the guidelines' pace."""
    factors = set(context.plan.factors)
    rule = next(
        ((f, fraction, words) for f, fraction, words in PACE_BY_FACTOR if f in factors), None
    )
    if rule is None:
        return
    _, fraction, words = rule
    taper = [s for s in context.steps if s.kind not in (StepKind.STABILISE, StepKind.SWITCH)]
    if not taper or taper[-1].kind is not StepKind.STOP:
        return
    before = [s for s in context.steps if s.kind in (StepKind.STABILISE, StepKind.SWITCH)]
    start_eq = before[-1].daily_diazepam_eq_mg if before else context.baseline_eq_mg
    last_dose = next((s for s in reversed(taper) if s.doses), None)
    smallest_eq = last_dose.daily_diazepam_eq_mg if last_dose else start_eq
    taken_days = (taper[-1].start - taper[0].start).days
    needed_days = _minimum_taper_days(start_eq, smallest_eq, fraction)
    if taken_days >= needed_days:
        return
    interval = context.plan.interval_days
    # The interval that stretches this taper to the guideline's length, in whole weeks;
    # checks.fixes re-plans with it and offers it only if the finding then goes away.
    longer = min(7 * math.ceil(interval * needed_days / max(taken_days, 1) / 7), 365)
    yield Finding(
        context.pace_severity,
        taper[0].index,
        f"The taper finishes in {taken_days} days; at the guideline pace for {words} per 2 "
        f"weeks) it would take at least {needed_days} days. Lengthen the interval (e.g. to "
        f"{longer} days) or make the cuts smaller." + context.escalation_reason,
        JCPG_PACE,
        rule="long-term-pace",
        fix=(("interval_days", longer),),
    )


RULES: tuple[Rule, ...] = (first_cut, abrupt_stop, long_term_pace)

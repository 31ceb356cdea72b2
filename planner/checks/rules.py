"""Guideline checks: each rule reads the steps and returns findings with their source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence

from planner.catalogue import Drug
from planner.checks import pace
from planner.checks.maximum import above_maximum, steps_text
from planner.checks.risk import CheckContext
from planner.model import Finding, Method, Severity, Step, StepKind, TaperPlan, format_mg

JCPG_25_PERCENT = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025): "
    "typically never more than 25% in 2 weeks"
)
JCPG_INTERVAL = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025): "
    "reduce every 2–4 weeks; Ashton Manual (2002): hold each step about a week or more"
)
MAX_FALL_FRACTION = 0.25
FALL_WINDOW_DAYS = 14
MIN_INTERVAL_DAYS = 7
# Steps that change the dose and so can be judged for their pace.
_CHANGING_KINDS = (StepKind.REDUCE, StepKind.STOP, StepKind.SWITCH, StepKind.MAINTAIN)


Rule = Callable[[CheckContext], Iterator[Finding]]


def _window_peak_eq_mg(context: CheckContext, index: int, days: int) -> float:
    """The highest diazepam-equivalent daily dose in the ``days`` before step ``index``.

    Before the plan's first step the patient takes today's regimen: it counts when the
    window reaches back before the plan's start (so a first cut is judged against it),
    not otherwise.
    """
    steps = context.steps
    window_start = steps[index].start - dt.timedelta(days=days)
    peak = 0.0
    for earlier in reversed(steps[:index]):
        if earlier.start + dt.timedelta(days=earlier.days) <= window_start:
            return peak
        peak = max(peak, earlier.daily_diazepam_eq_mg)
    if steps[0].start > window_start:
        peak = max(peak, context.baseline_eq_mg)
    return peak


def too_fast(context: CheckContext) -> Iterator[Finding]:
    """More than 25% of the dose taken away within any 14 days (JCPG 2025): one finding.

    Every step the pace makes too fast is named in one finding (one cause: the pace asked
    for); cuts the products forced are left to their own finding ('stall').
    """
    steps = context.steps
    fast: list[tuple[Step, float, bool]] = []  # step, fall within 14 days, one cut too big
    for index, step in enumerate(steps):
        if step.kind not in _CHANGING_KINDS or step.index in context.forced_steps:
            continue  # a cut the products forced belongs to their own finding ('stall')
        peak = _window_peak_eq_mg(context, index, FALL_WINDOW_DAYS)
        if peak <= 0:
            continue
        fall_fraction = (peak - step.daily_diazepam_eq_mg) / peak
        if fall_fraction <= MAX_FALL_FRACTION + 1e-9:
            continue
        previous_total = (
            sum(steps[index - 1].daily_mg.values()) if index else context.plan.regimen.daily_mg
        )
        previous_drug = " and ".join(steps[index - 1].daily_mg) if index else context.plan.drug
        last_smallest = (
            step.kind is StepKind.STOP and abs(previous_total - context.smallest_dose_mg) < 1e-9
        )
        if last_smallest and context.forced_steps:
            continue  # the products' finding ('stall') names this last stop too
        if last_smallest:
            yield Finding(
                Severity.INFO,
                step.index,
                f"Step {step.index} stops from {format_mg(previous_total)} mg/day of "
                f"{previous_drug}, already the "
                "smallest dose this formulation gives, so the last cut is "
                f"{fall_fraction:.0%}. A longer final step softens it.",
                JCPG_25_PERCENT,
                rule="too-fast",
            )
            continue
        before_eq = steps[index - 1].daily_diazepam_eq_mg if index else context.baseline_eq_mg
        one_cut = (before_eq - step.daily_diazepam_eq_mg) / before_eq if before_eq > 0 else 0.0
        fast.append((step, fall_fraction, one_cut > MAX_FALL_FRACTION + 1e-9))
    if not fast:
        return
    advice = []
    if any(single for _, _, single in fast):
        # A longer step before it would not change the size of one cut.
        advice.append("Make the cut smaller." if len(fast) == 1 else "Make the cuts smaller.")
    if not all(single for _, _, single in fast):
        advice.append(
            f"Several cuts add up to it: lengthen the steps before it to {FALL_WINDOW_DAYS} "
            "days or more, or make the cuts smaller."
        )
    if len(fast) == 1:
        what = (
            f"Step {fast[0][0].index} takes away {fast[0][1]:.0%} of the dose within "
            f"{FALL_WINDOW_DAYS} days"
        )
    else:
        where = steps_text([step.index for step, _, _ in fast])
        each = "; ".join(f"step {step.index}: {fall:.0%}" for step, fall, _ in fast[:6])
        what = (
            f"{where[0].upper()}{where[1:]} take away more than 25% of the dose within "
            f"{FALL_WINDOW_DAYS} days ({each}{'; …' if len(fast) > 6 else ''})"
        )
    yield Finding(
        context.pace_severity,
        fast[0][0].index,
        f"{what} (more than 25%). " + " ".join(advice) + context.escalation_reason,
        JCPG_25_PERCENT,
        rule="too-fast",
        fix=_smaller_cut_fix(context.plan),
        steps=tuple(step.index for step, _, _ in fast),
    )


def _smaller_cut_fix(plan: TaperPlan) -> tuple[tuple[str, object], ...]:
    """A one-click change that makes every cut smaller, where the method has one."""
    percent_method = plan.method in (Method.PERCENT_CURRENT, Method.PERCENT_ORIGINAL)
    if percent_method and plan.reduction_percent > 10:
        return (("reduction_percent", 10.0),)
    if plan.method is Method.FIXED and plan.amount_mg:
        return (("amount_mg", round(plan.amount_mg / 2, 3)),)
    return ()


def _dose_runs(steps: Sequence[Step]) -> list[tuple[Step, int]]:
    """Steps grouped into runs of the same doses: (first step, days the doses are held)."""
    runs: list[tuple[Step, int]] = []
    for step in steps:
        if runs and runs[-1][0].doses == step.doses:
            runs[-1] = (runs[-1][0], runs[-1][1] + step.days)
        else:
            runs.append((step, step.days))
    return runs


def short_interval(context: CheckContext) -> Iterator[Finding]:
    """Dose changes less than 7 days apart; one finding naming the steps."""
    # A dose held across several steps (e.g. a step cut short by a check-in, then a hold)
    # counts as one interval: what matters is how often the dose changes.
    runs = _dose_runs(context.steps)[:-1]
    short = [(step, days) for step, days in runs if 0 < days < MIN_INTERVAL_DAYS]
    if not short:
        return
    numbers = ", ".join(str(step.index) for step, _ in short[:8]) + (
        ", …" if len(short) > 8 else ""
    )
    shortest = min(days for _, days in short)
    yield Finding(
        Severity.WARNING,
        short[0][0].index,
        f"Step{'s' if len(short) > 1 else ''} {numbers} last{'s' if len(short) == 1 else ''} "
        f"only {shortest} day{'s' if shortest != 1 else ''}; guidelines change the dose no "
        f"more often than every {MIN_INTERVAL_DAYS} days. Lengthen the interval to 14 days.",
        JCPG_INTERVAL,
        rule="short-interval",
        fix=(("interval_days", 14),) if context.plan.interval_days < 14 else (),
    )


RULES: tuple[Rule, ...] = (above_maximum, too_fast, short_interval, *pace.RULES)


def check(
    plan: TaperPlan,
    drugs: Mapping[str, Drug],
    steps: Sequence[Step],
    smallest_dose_mg: float,
    forced_steps: frozenset[int] = frozenset(),
    finer_formulation: str | None = None,
) -> list[Finding]:
    """Run every guideline rule over a plan's steps.

    Args:
        plan: the inputs the steps came from.
        drugs: every drug in the plan, by name.
        steps: the rounded steps, in date order.
        smallest_dose_mg: the smallest single dose the formulation can give.
        forced_steps: steps where the formulation forced a larger cut than asked.
        finer_formulation: a formulation with smaller units that gives today's doses.

    Returns:
        The findings, in rule order.
    """
    context = CheckContext(plan, drugs, steps, smallest_dose_mg, forced_steps, finer_formulation)
    return [finding for rule in RULES for finding in rule(context)]

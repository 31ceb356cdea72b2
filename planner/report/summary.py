"""Words about a schedule: the summary line, the method in a sentence, step changes."""

from __future__ import annotations

from planner.catalogue import get_drug
from planner.dosing.methods import describe_method
from planner.dosing.split import policy_text
from planner.model import Schedule, Severity, StepKind, format_mg


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def duration_text(days: int) -> str:
    """'10 weeks', '3 days', '1 year 2 weeks' — how long a taper takes, in plain words."""
    if days < 14:
        return _plural(days, "day")
    weeks = round(days / 7)
    if weeks < 104:
        return _plural(weeks, "week")
    years, rest = divmod(weeks, 52)
    return _plural(years, "year") + (f" {_plural(rest, 'week')}" if rest else "")


def ed50_for(schedule: Schedule) -> float:
    """The ED50 the hyperbolic method assumed (clinician's value or the drug's default)."""
    plan = schedule.plan
    if plan.ed50_mg is not None:
        return plan.ed50_mg
    return 10.0 / get_drug(plan.drug).diazepam_factor(plan.equivalence)


def describe_plan(schedule: Schedule) -> str:
    """The method and the time-of-day policy in one sentence."""
    plan = schedule.plan
    text = describe_method(plan, ed50_for(schedule))
    if plan.stabilise_days:
        text = f"stabilise for {plan.stabilise_days} days, then " + text
    return f"{text}; {policy_text(plan.reduce_first, plan.switch_to is not None)}"


def _change(
    before: dict[str, float], before_eq: float, after: dict[str, float], after_eq: float
) -> tuple[float, float | None]:
    drugs = set(before) | set(after)
    if len(drugs) == 1:
        drug = next(iter(drugs))
        old, new = before.get(drug, 0.0), after.get(drug, 0.0)
    else:  # a switch mixes drugs: compare in diazepam equivalents
        old, new = before_eq, after_eq
    if old <= 0:
        return round(new - old, 6), None
    return round(new - old, 6), 100 * (new - old) / old


def step_changes(schedule: Schedule) -> list[tuple[float, float | None]]:
    """Change of the daily dose at each step, in mg and percent (None where undefined).

    The first step is compared with today's regimen; a step that mixes drugs (a
    switch) is compared in diazepam equivalents.
    """
    plan = schedule.plan
    factor = get_drug(plan.drug).diazepam_factor(plan.equivalence)
    before = {plan.drug: plan.regimen.daily_mg}
    before_eq = plan.regimen.daily_mg * factor
    changes = []
    for step in schedule.steps:
        after, after_eq = step.daily_mg, step.daily_diazepam_eq_mg
        changes.append(_change(before, before_eq, after, after_eq))
        before, before_eq = after, after_eq
    return changes


def summary_line(schedule: Schedule) -> str:
    """'Clonazepam 1.5 mg/day → 0 in 10 weeks, ends 2027-03-15; 2 warnings'."""
    plan = schedule.plan
    drug = get_drug(plan.drug)
    final = schedule.steps[-1]
    final_text = (
        "0"
        if not final.doses
        else (" + ".join(f"{format_mg(mg)} mg/day {name}" for name, mg in final.daily_mg.items()))
    )
    counts = {
        severity: sum(1 for f in schedule.findings if f.severity is severity)
        for severity in Severity
    }
    issues = [
        _plural(counts[Severity.ERROR], "error") if counts[Severity.ERROR] else "",
        _plural(counts[Severity.WARNING], "warning") if counts[Severity.WARNING] else "",
    ]
    issue_text = ", ".join(part for part in issues if part) or "no warnings"
    return (
        f"{drug.display_name} {format_mg(plan.regimen.daily_mg)} mg/day{switch_text(schedule)} "
        f"→ {final_text} in {duration_text(schedule.total_days)}, ends {schedule.end_date}; "
        f"{issue_text}"
    )


def switch_text(schedule: Schedule) -> str:
    """' → diazepam 30 mg/day by week 6' for a plan with a switch, else ''."""
    switch_steps = [step for step in schedule.steps if step.kind is StepKind.SWITCH]
    if not switch_steps:
        return ""
    last = switch_steps[-1]
    done_day = (last.start - schedule.start_date).days + last.days
    target = schedule.plan.switch_to or ""
    daily = last.daily_mg.get(target, 0.0)
    week = max(1, -(-done_day // 7))
    return f" → {target} {format_mg(daily)} mg/day by week {week}"

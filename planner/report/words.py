"""The handout's plain words about a plan: dates, the summary paragraphs, the sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner import drug_guidance
from planner.catalogue import get_drug, source_text
from planner.dosing.daily import WEEKDAYS, drugs_in
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, Finding, Schedule, Severity, StepKind, format_mg
from planner.report.summary import duration_text

AT_TIME = {
    "morning": "in the morning",
    "midday": "at midday",
    "evening": "in the evening",
    "night": "at night",
}
_CHANGE_KINDS = (StepKind.SWITCH, StepKind.REDUCE, StepKind.STOP, StepKind.MAINTAIN)


def day_text(date: dt.date) -> str:
    """A date as printed on the handout: 'Mon 2027-01-04' (ISO, so never misread)."""
    return f"{WEEKDAYS[date.weekday()]} {date.isoformat()}"


def drug_name(name: str) -> str:
    """The drug's display name ('Clonazepam'), or the name as given if not catalogued."""
    try:
        return get_drug(name).display_name
    except PlanError:
        return name.capitalize()


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _every(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks ({days} days)"
    return "every day" if days == 1 else f"every {days} days"


def change_frequency(schedule: Schedule) -> str:
    """How often the dose changes: 'every 2 weeks (14 days)', 'every 7 to 28 days'."""
    lengths = sorted({s.days for s in schedule.steps if s.kind in _CHANGE_KINDS[:2] and s.days > 0})
    if not lengths:
        return "once"
    if len(lengths) == 1:
        return _every(lengths[0])
    return f"every {lengths[0]} to {lengths[-1]} days"


def summary_paragraphs(schedule: Schedule) -> list[str]:
    """The plan in plain words: from what to what, when, how often, which table."""
    plan = schedule.plan
    name = drug_name(plan.drug)
    today = [
        f"{format_mg(mg)} mg {AT_TIME[time]}" for time, mg in plan.regimen.by_time().items() if mg
    ]
    # Not "now": a plan printed after it started (or after a check-in) has changed the dose.
    paragraphs = [
        f"Your dose before this plan: {name.lower()} {format_mg(plan.regimen.daily_mg)} mg a "
        f"day, {_join(today)}."
    ]
    drugs = drugs_in(schedule)
    if len(drugs) > 1 or plan.switch_to:
        table = EQUIVALENCE_TITLES[plan.equivalence]
        other = plan.switch_to or next(d for d in drugs if d != plan.drug)
        try:
            equal = format_mg(float(get_drug(plan.drug).equivalents_mg[plan.equivalence].value))
            ratio = f" ({equal} mg of {plan.drug} counts as 10 mg of diazepam)"
        except (PlanError, KeyError):
            ratio = ""
        paragraphs.append(
            f"First, {plan.drug} is replaced by {other} one time of day at a time; then the "
            f"{other} dose is lowered. The two medicines are compared with the {table} "
            f"equivalence table{ratio}."
        )
    final = schedule.steps[-1]
    if final.kind is StepKind.STOP or not final.doses:
        goal = "to nothing"
        ending = f"From {day_text(final.start)} you take no more {' or '.join(drugs) or name}."
    else:
        amounts = " + ".join(f"{format_mg(mg)} mg {d}" for d, mg in final.daily_mg.items())
        goal = f"to {amounts} a day"
        ending = f"From {day_text(final.start)} you keep taking {amounts} a day."
    paragraphs.append(
        f"This plan lowers your dose step by step {goal}. It starts on "
        f"{day_text(schedule.start_date)} and reaches its last step on "
        f"{day_text(schedule.end_date)}, about {duration_text(schedule.total_days)} later. "
        + ending
    )
    first = schedule.steps[0]
    if first.kind is StepKind.STABILISE and first.days:
        paragraphs.append(
            f"For the first {first.days} days you keep taking your current dose, so the "
            "plan starts from a steady point."
        )
    changes = sum(1 for step in schedule.steps if step.kind in _CHANGE_KINDS)
    paragraphs.append(
        f"The dose changes {change_frequency(schedule)}: {changes} "
        f"change{'' if changes == 1 else 's'} in all. Each new dose starts on the date shown "
        "and stays the same until the next date."
    )
    return paragraphs


def plan_sources(schedule: Schedule, section_ids: Sequence[str]) -> list[str]:
    """The sources behind the plan's numbers and rules and the guidance printed with it.

    Args:
        schedule: the plan's schedule.
        section_ids: the guidance sections the handout prints.

    Returns:
        The findings' sources first, then the catalogue's sources for the products,
        equivalents and limits the plan used, then the printed guidance's; no repeats.
    """
    plan = schedule.plan
    cited: dict[str, None] = {}
    for finding in schedule.findings:
        cited.setdefault(finding.source, None)
    for drug_id in drugs_in(schedule) or (plan.drug,):
        try:
            drug = get_drug(drug_id)
        except PlanError:
            continue
        equivalent = drug.equivalents_mg.get(plan.equivalence)
        ids = [equivalent.source] if equivalent else []
        ids += [drug.half_life_h.source, drug.max_daily(plan.region).source]
        for formulation in drug.formulations.get(plan.region, ()):
            labels = {p.product_label for s in schedule.steps for d in s.doses for p in d.portions}
            ids += [product.source for product in formulation.products if product.label in labels]
        for source_id in ids:
            cited.setdefault(source_text(source_id), None)
    drugs = drug_guidance.plan_drugs(plan)
    for section_id in section_ids:
        for item in drug_guidance.section_for(section_id, drugs).items:
            cited.setdefault(drug_guidance.citation(item), None)
    return list(cited)


def plan_errors(schedule: Schedule) -> list[Finding]:
    """The plan's error findings: what must change before it is followed."""
    return [finding for finding in schedule.findings if finding.severity is Severity.ERROR]


def errors_summary(schedule: Schedule, limit: int = 2) -> str:
    """'This plan has 2 errors: step 5: …; step 35: …' ('' when it has none).

    Args:
        schedule: the plan's schedule.
        limit: how many errors to quote in full; the rest are counted.
    """
    errors = plan_errors(schedule)
    if not errors:
        return ""
    quoted = [
        (f"step {error.step}: " if error.step else "") + error.message.rstrip(".")
        for error in errors[:limit]
    ]
    more = f"; and {len(errors) - limit} more" if len(errors) > limit else ""
    return (
        f"This plan has {len(errors)} error{'s' if len(errors) > 1 else ''}: "
        + "; ".join(quoted)
        + more
    )

"""The maximum-dose check: every step of every drug against its labelled maximum in the region."""

from __future__ import annotations

from collections.abc import Iterator

from planner.catalogue import Drug, source_text
from planner.checks.risk import CheckContext
from planner.model import EQUIVALENCE_TITLES, Finding, Severity, Step, StepKind, format_mg

EQUIVALENCE_TABLES_SOURCE = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Table 7: "
    "the Ashton 2002 and VA/DoD 2021 tables differ by up to 2×"
)


def steps_text(indexes: list[int]) -> str:
    """'step 5', 'steps 5–10' or 'steps 3, 5–7' for the steps over the maximum."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return ("step " if len(indexes) == 1 else "steps ") + ", ".join(parts)


def _switch_cause(context: CheckContext, target: Drug, maximum_mg: float) -> tuple[str, str]:
    """Why a switch lands above the target's maximum, and what would keep it under."""
    plan = context.plan
    source = context.drugs[plan.drug]
    table = EQUIVALENCE_TITLES[plan.equivalence]
    today_mg = plan.regimen.daily_mg
    converted_mg = (
        today_mg
        * source.diazepam_factor(plan.equivalence)
        / target.diazepam_factor(plan.equivalence)
    )
    cause = (
        f"The switch converts {format_mg(today_mg)} mg/day of {plan.drug} into "
        f"{format_mg(converted_mg)} mg/day of {target.name} by the {table} table"
    )
    # The dose of today's drug whose equivalent is at the maximum: taper to it first.
    ceiling_mg = (
        maximum_mg
        * target.diazepam_factor(plan.equivalence)
        / source.diazepam_factor(plan.equivalence)
    )
    advice = (
        f"Taper {plan.drug} to {format_mg(ceiling_mg)} mg/day or less before switching, or "
        "compare with the other equivalence table."
    )
    return cause, advice


def above_maximum(context: CheckContext) -> Iterator[Finding]:
    """Any step above a drug's labelled maximum in the plan's region: one finding per drug.

    The finding names the first step over the maximum (and the others), the highest dose,
    and the cause: today's regimen, or a switch's conversion by the equivalence table.
    """
    region = context.plan.region
    for drug in context.drugs.values():
        maximum = drug.max_daily(region)
        maximum_mg = float(maximum.value)
        over: list[Step] = [
            step for step in context.steps if step.daily_mg.get(drug.name, 0.0) > maximum_mg + 1e-9
        ]
        if not over:
            continue
        peak = max(over, key=lambda step: step.daily_mg[drug.name])
        peak_mg = peak.daily_mg[drug.name]
        switched = drug.name != context.plan.drug
        note = f" ({maximum.note})" if maximum.note else ""
        check = " (check against the product label)" if maximum.check else ""
        first = over[0]
        where = steps_text([step.index for step in over])
        message = (
            f"{where[0].upper()}{where[1:]}: {drug.name} reaches {format_mg(peak_mg)} mg/day"
            f"{f' (step {peak.index})' if len(over) > 1 else ''}, above its "
            f"{region.upper()} maximum of {format_mg(maximum_mg)} mg/day{note}; first at "
            f"step {first.index}"
            + (" of the switch" if first.kind is StepKind.SWITCH else "")
            + ". "
        )
        sources = [source_text(maximum.source) + check]
        if switched:
            cause, advice = _switch_cause(context, drug, maximum_mg)
            message += f"{cause}. {advice}"
            sources.append(EQUIVALENCE_TABLES_SOURCE)
        else:
            message += (
                "Today's regimen is already above it: check the regimen and the indication "
                "before planning a taper from it."
            )
        other = "va" if context.plan.equivalence == "ashton" else "ashton"
        candidate_fix: tuple[tuple[str, object], ...] = ()
        if switched and other in context.drugs[context.plan.drug].equivalents_mg:
            # Offered only if a re-plan with it stays under the maximum (checks.fixes).
            candidate_fix = (("equivalence", other),)
        yield Finding(
            Severity.ERROR,
            first.index,
            message,
            "; ".join(sources),
            rule="above-maximum",
            fix=candidate_fix,
            steps=tuple(step.index for step in over),
        )

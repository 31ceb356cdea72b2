"""The products-too-coarse cause: one finding for every cut the measurable doses forced."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from planner.catalogue import get_device, get_drug
from planner.dosing.measure import Measure, measure_for, to_ug
from planner.dosing.products import combinations
from planner.errors import PlanError
from planner.model import Finding, Severity, Step, StepKind, TaperPlan, format_mg

MAX_GENTLE_PERCENT = 25.0
COARSE_SOURCE = (
    "Taper Planner rounding rule (doses never stall); Joint Clinical Practice Guideline on "
    "Benzodiazepine Tapering (ASAM et al., 2025): never more than 25% in 2 weeks, slower at "
    "lower doses; Maudsley Deprescribing Guidelines (Horowitz & Taylor 2024): doses tablets "
    "cannot make need liquid formulations or smaller dose formulations"
)
# A forced cut, as (step number, percent the method asked for, percent taken).
Forced = tuple[int, float, float]


def finer_product(taper: TaperPlan, measure: Measure) -> tuple[str, str] | None:
    """(plan field, formulation) of a product with smaller units that gives the same doses.

    For a switch plan it is the diazepam formulation (``switch_formulation``); otherwise
    a formulation of today's drug that can also give today's doses (``formulation``).
    Only formulations the catalogue lists for the drug in the plan's region are considered,
    and tablets topped up with a liquid come before the liquid alone when they measure as
    finely (less liquid: an all-liquid diazepam switch can mean litres of solution).
    """
    switching = taper.switch_to is not None
    drug = get_drug(taper.switch_to or "") if switching else get_drug(taper.drug)
    best: tuple[int, str] | None = None
    names = [name for _, name in combinations(drug.name, taper.region)]
    names += [formulation.name for formulation in drug.formulations.get(taper.region, ())]
    for name in names:
        other = measure_for(drug.name, taper.region, name, measure.limit_ug)
        if not switching:
            gives_today = all(
                other.is_measurable(to_ug(mg)) for mg in taper.regimen.by_time().values()
            )
            if not gives_today:
                continue
        if other.grid_ug < measure.grid_ug and (best is None or other.grid_ug < best[0]):
            best = (other.grid_ug, name)
    if best is None:
        return None
    return ("switch_formulation" if switching else "formulation", best[1])


def _steps_text(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"Step {numbers[0]}"
    if list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"Steps {numbers[0]}–{numbers[-1]}"
    return "Steps " + ", ".join(str(n) for n in numbers)


def coarse_note(
    taper: TaperPlan,
    drug: str,
    measure: Measure,
    steps: Sequence[Step],
    forced: Sequence[Forced],
    method_text: str,
    finer: tuple[str, str] | None,
    device: str | None = None,
) -> Finding:
    """One finding for the cause 'the products cannot measure the cut asked for'.

    It names the steps the products forced, the cuts they take, and what would help:
    a finer measuring device for the plan's liquid (``device``: its name),
    a smaller compounding step, or a finer product of the same drug where one exists
    (a warning); where none does and
    even the first cut from today's dose is over 25%, no pace of these products can be
    gentle (an error, whose fix checks.fixes finds among the other products and a switch);
    otherwise only the last cuts are large (info: hold them longer).
    """
    numbers = [number for number, _, _ in forced]
    taken = [percent for _, _, percent in forced]
    stop = steps[-1]
    smallest_mg = measure.amounts_ug[1] / 1000 if len(measure.amounts_ug) > 1 else 0.0
    before_stop = steps[-2] if len(steps) > 1 else None
    stops_from_smallest = (
        stop.kind is StepKind.STOP
        and before_stop is not None
        and abs(before_stop.daily_mg.get(drug, 0.0) - smallest_mg) < 1e-9
    )
    if stops_from_smallest:
        numbers.append(stop.index)
    label = measure.formulation.label
    cuts = (
        f"{min(taken):.0f}%" if min(taken) == max(taken) else f"{min(taken):.0f}–{max(taken):.0f}%"
    )
    message = (
        f"{_steps_text(numbers)}: the {drug} {label} cannot make the cut the method asks for "
        f"({method_text}); the smallest cut they can measure is {cuts} of the dose"
        + (
            f", and the last step stops from {format_mg(smallest_mg)} mg/day of {drug}, "
            "the smallest daily dose they give"
            if stops_from_smallest
            else ""
        )
        + ". "
    )
    fix: tuple[tuple[str, object], ...] = (finer,) if finer is not None else ()
    first_reduce = next((s.index for s in steps if s.kind is StepKind.REDUCE), None)
    no_gentle_pace = numbers[0] == first_reduce and taken[0] > MAX_GENTLE_PERCENT
    if max(taken) <= MAX_GENTLE_PERCENT and not stops_from_smallest:
        severity = Severity.INFO
        message += "Each cut is still within 25% per 2 weeks."
    elif device is not None:
        severity = Severity.WARNING
        fix = (("device", device),)
        message += fix_advice(taper, fix)
    elif any(product.compounded for product in measure.formulation.products):
        severity = Severity.WARNING
        message += "Set a smaller compounding step for gentler cuts, or hold each step longer."
        fix = ()
    elif finer is not None:
        severity = Severity.WARNING
        message += fix_advice(taper, fix)
    elif no_gentle_pace:
        severity = Severity.ERROR
        message += (
            f"No pace of the {drug} products listed for the {taper.region.upper()} can be gentle: "
            f"even the first cut from today's dose is {taken[0]:.0f}% (more than 25%)"
            + (
                ". Switch to diazepam first (Ashton), whose products measure smaller steps."
                if taper.switch_to is None and taper.drug != "diazepam"
                else "."
            )
        )
    else:
        severity = Severity.INFO
        message += (
            "No product listed for this drug in the region measures smaller amounts: hold "
            "these last steps longer (e.g. 4 weeks each) and review before each cut."
        )
    return Finding(
        severity,
        numbers[0],
        message,
        COARSE_SOURCE,
        rule="stall",
        fix=fix,
        steps=tuple(numbers),
    )


def _product_words(taper: TaperPlan, field: str, value: object) -> str:
    drug = (taper.switch_to or "") if field == "switch_formulation" else taper.drug
    try:
        return f"the {drug} {get_drug(drug).formulation(taper.region, str(value)).label}"
    except PlanError:
        return f"the {drug} '{value}'"


def fix_advice(taper: TaperPlan, fix: tuple[tuple[str, object], ...]) -> str:
    """Advice naming exactly the products and device a stall's fix sets (''  for none)."""
    changes = dict(fix)
    product = next((f for f in ("switch_formulation", "formulation") if f in changes), None)
    device = changes.get("device")
    if product is None and device is None:
        return ""
    what = _product_words(taper, product, changes[product]) if product else ""
    if device is not None:
        chosen = get_device(str(device))
        marks = f"the {chosen.label} ({format_mg(chosen.step_ml)} mL marks)"
        what = f"{what}, measured with {marks}," if what else marks
    return f"{what[0].upper()}{what[1:]} can measure smaller amounts: choose this for gentler cuts."


def advise_verified(
    taper: TaperPlan, proposed: Sequence[Finding], verified: Sequence[Finding]
) -> list[Finding]:
    """The verified findings, each stall's advice naming the fix it now offers.

    Verification may drop a stall's first-choice fix (e.g. an oral solution measured with
    its spoon still stalls) and offer another (tablets + solution with a syringe): the
    advice then names the offered one, so the words and the one-click fix agree.
    """
    result: list[Finding] = []
    for before, after in zip(proposed, verified, strict=True):
        old, new = fix_advice(taper, before.fix), fix_advice(taper, after.fix)
        # Only advice that named a product is reworded: a stall whose advice is to switch
        # to diazepam first ends with that, not with product words (an empty ``old`` would
        # "end" every message and glue the new words on without a space).
        if before.rule == "stall" and old and new and old != new and before.message.endswith(old):
            after = dataclasses.replace(after, message=before.message.removesuffix(old) + new)
        result.append(after)
    return result

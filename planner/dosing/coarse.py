"""The products-too-coarse cause: one finding for every cut the measurable doses forced."""

from __future__ import annotations

from collections.abc import Sequence

from planner.catalogue import get_drug
from planner.dosing.measure import Measure, measure_for, to_ug
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
    Only formulations the catalogue lists for the drug in the plan's region are considered.
    """
    switching = taper.switch_to is not None
    drug = get_drug(taper.switch_to or "") if switching else get_drug(taper.drug)
    best: tuple[int, str] | None = None
    for formulation in drug.formulations.get(taper.region, ()):
        other = measure_for(drug.name, taper.region, formulation.name, measure.limit_ug)
        if not switching:
            gives_today = all(
                other.is_measurable(to_ug(mg)) for mg in taper.regimen.by_time().values()
            )
            if not gives_today:
                continue
        if other.grid_ug < measure.grid_ug and (best is None or other.grid_ug < best[0]):
            best = (other.grid_ug, formulation.name)
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
    device: tuple[str, str] | None = None,
) -> Finding:
    """One finding for the cause 'the products cannot measure the cut asked for'.

    It names the steps the products forced, the cuts they take, and what would help:
    a finer measuring device for the plan's liquid (``device``: its name and the advice),
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
        message += device[1]
        fix = (("device", device[0]),)
    elif any(product.compounded for product in measure.formulation.products):
        severity = Severity.WARNING
        message += "Set a smaller compounding step for gentler cuts, or hold each step longer."
        fix = ()
    elif finer is not None:
        field, name = finer
        switching = field == "switch_formulation"
        product = get_drug((taper.switch_to or "") if switching else taper.drug)
        severity = Severity.WARNING
        message += (
            f"The {product.formulation(taper.region, name).label} ('{name}') measures smaller "
            "amounts: choose it for gentler cuts."
        )
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

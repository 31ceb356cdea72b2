"""Candidate fixes for each kind of finding, smallest change first; checks.fixes tries them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planner.catalogue import get_device, get_drug
from planner.checks.fixes import Fix
from planner.errors import PlanError
from planner.model import Finding, Method, TaperPlan

SWITCH_TARGET = "diazepam"
MAX_INTERVAL_DAYS = 365


def _formulations(plan: TaperPlan, drug_name: str) -> list[str]:
    """The formulations the catalogue lists for a drug in the plan's region."""
    try:
        drug = get_drug(drug_name)
    except PlanError:
        return []
    return [formulation.name for formulation in drug.formulations.get(plan.region, ())]


def _devices(plan: TaperPlan, drug_name: str, formulation: str) -> list[str]:
    """The measuring devices that suit a formulation's liquids, finest marks first."""
    suitable: set[str] | None = None
    try:
        drug = get_drug(drug_name)
        for part in formulation.split("+"):
            for product in drug.formulation(plan.region, part).products:
                if product.is_liquid:
                    names = set(product.devices)
                    suitable = names if suitable is None else suitable & names
    except PlanError:
        return []
    return sorted(suitable or (), key=lambda name: get_device(name).step_ml)


def _combinations(plan: TaperPlan, drug_name: str) -> list[str]:
    """Tablets topped up with each liquid the drug has in the plan's region ('tablet+liquid')."""
    names = _formulations(plan, drug_name)
    if "tablet" not in names:
        return []
    return [f"tablet+{name}" for name in names if _devices(plan, drug_name, name)]


def _switch_product_fixes(plan: TaperPlan, switch_to: str) -> list[Fix]:
    """Diazepam's products for a switch: a finer device, tablets + liquid, then liquid alone.

    Tablets with a liquid top-up come before the liquid alone (far less liquid a day), and
    each with a device after it alone, largest syringe first (fewer fills of a top-up).
    """
    fixes: list[Fix] = [
        (("device", device),)
        for device in _devices(plan, switch_to, plan.switch_formulation)
        if device != plan.device
    ]
    others = [
        name
        for name in (*_combinations(plan, switch_to), *_formulations(plan, switch_to))
        if name != plan.switch_formulation
    ]
    for name in others:
        fixes.append((("switch_formulation", name),))
        fixes += [
            (("switch_formulation", name), ("device", device))
            for device in reversed(_devices(plan, switch_to, name))
        ]
    return fixes


def _product_fixes(plan: TaperPlan) -> list[Fix]:
    """A finer device, other products of the same drug (with a finer device), then a switch."""
    if plan.switch_to is not None:
        return _switch_product_fixes(plan, plan.switch_to)
    fixes: list[Fix] = [
        (("device", device),)
        for device in _devices(plan, plan.drug, plan.formulation)
        if device != plan.device
    ]
    others = [name for name in _formulations(plan, plan.drug) if name != plan.formulation]
    fixes += [(("formulation", name),) for name in others]
    # A liquid measured with its supplied spoon may still be too coarse: with a syringe too.
    fixes += [
        (("formulation", name), ("device", device))
        for name in others
        for device in _devices(plan, plan.drug, name)
    ]
    if plan.drug != SWITCH_TARGET:
        # Diazepam tablets, then tablets + a liquid top-up, before a liquid alone.
        tablets = [n for n in _formulations(plan, SWITCH_TARGET) if n == "tablet"]
        rest = [n for n in _formulations(plan, SWITCH_TARGET) if n != "tablet"]
        fixes += [
            (("switch_to", SWITCH_TARGET), ("switch_formulation", name))
            for name in (*tablets, *_combinations(plan, SWITCH_TARGET), *rest)
        ]
    return fixes


def _pace_fixes(plan: TaperPlan) -> list[Fix]:
    """Smaller cuts by the method's own parameter, then longer intervals."""
    fixes: list[Fix] = []
    if plan.method is Method.CUSTOM and all(step.days for step in plan.custom_steps):
        return fixes  # hand-written steps with their own lengths: no parameter paces them
    if plan.method in (Method.PERCENT_CURRENT, Method.PERCENT_ORIGINAL):
        fixes += [
            (("reduction_percent", percent),)
            for percent in (10.0, 5.0)
            if percent < plan.reduction_percent
        ]
    if plan.method is Method.FIXED and plan.amount_mg:
        fixes.append((("amount_mg", round(plan.amount_mg / 2, 3)),))
    fixes += [
        (("interval_days", days),)
        for days in (14, 28, 56)
        if plan.interval_days < days <= MAX_INTERVAL_DAYS
    ]
    return fixes


def _table_fixes(plan: TaperPlan) -> list[Fix]:
    """The other equivalence table: it changes the doses only where a switch converts them."""
    if plan.switch_to is None:
        return []
    other = "va" if plan.equivalence == "ashton" else "ashton"
    return [(("equivalence", other),)]


_BY_RULE: dict[str, Callable[[TaperPlan], list[Fix]]] = {
    "too-fast": lambda plan: _pace_fixes(plan) + _product_fixes(plan),
    "first-cut": lambda plan: _pace_fixes(plan) + _product_fixes(plan),
    "long-term-pace": _pace_fixes,
    "short-interval": _pace_fixes,
    "stall": _product_fixes,
    "coarse": _product_fixes,
    "abrupt-stop": lambda plan: _product_fixes(plan) + _pace_fixes(plan),
    "above-maximum": _table_fixes,
}


def for_plan(plan: TaperPlan) -> Callable[[Finding], Sequence[Fix]]:
    """The candidate fixes of a plan's findings, by the finding's rule.

    Args:
        plan: the plan whose findings are being fixed.

    Returns:
        A function giving, for one finding, the changes worth trying (smallest first);
        they name only products the catalogue lists for the drug in the plan's region.
    """

    def candidates(finding: Finding) -> Sequence[Fix]:
        make = _BY_RULE.get(finding.rule)
        return make(plan) if make else ()

    return candidates

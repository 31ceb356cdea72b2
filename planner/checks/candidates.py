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


def _product_fixes(plan: TaperPlan) -> list[Fix]:
    """A finer device, other products of the same drug (with a finer device), then a switch."""
    if plan.switch_to is not None:
        return [
            (("switch_formulation", name),)
            for name in _formulations(plan, plan.switch_to)
            if name != plan.switch_formulation
        ]
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
        fixes += [
            (("switch_to", SWITCH_TARGET), ("switch_formulation", name))
            for name in _formulations(plan, SWITCH_TARGET)
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

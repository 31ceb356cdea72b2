"""One-click fixes: a finding's suggested change in words, and the plan with it applied."""

from __future__ import annotations

from collections.abc import Callable

from planner.catalogue import get_drug
from planner.errors import PlanError
from planner.model import Finding, TaperPlan, format_mg


def _number(value: object) -> str:
    return format_mg(float(value)) if isinstance(value, (int, float)) else str(value)


def _formulation(plan: TaperPlan, value: object) -> str:
    try:
        return get_drug(plan.drug).formulation(plan.region, str(value)).label
    except PlanError:
        return str(value)


# Each TaperPlan field a fix may set: its name in the form, and its value in words.
FIELD_WORDS: dict[str, tuple[str, Callable[[TaperPlan, object], str]]] = {
    "interval_days": ("interval", lambda _plan, v: f"{_number(v)} days"),
    "reduction_percent": ("cut per step", lambda _plan, v: f"{_number(v)}%"),
    "amount_mg": ("cut per step", lambda _plan, v: f"{_number(v)} mg/day"),
    "formulation": ("formulation", _formulation),
    "stabilise_days": ("stabilise first", lambda _plan, v: f"{_number(v)} days"),
    "switch_step_days": ("each substitution step", lambda _plan, v: f"{_number(v)} days"),
    "maintenance_mg": ("target", lambda _plan, v: f"{_number(v)} mg/day"),
}


def change_text(field: str, value: object, plan: TaperPlan) -> str:
    """'set interval to 14 days' for one (field, value) pair of a fix."""
    name, words = FIELD_WORDS.get(field, (field.replace("_", " "), lambda _p, v: _number(v)))
    return f"set {name} to {words(plan, value)}"


def fix_text(finding: Finding, plan: TaperPlan) -> str:
    """'Fix: set interval to 14 days', or '' for a finding without a fix."""
    if not finding.fix:
        return ""
    return "Fix: " + " and ".join(change_text(field, value, plan) for field, value in finding.fix)


def apply_fix(plan: TaperPlan, finding: Finding) -> TaperPlan:
    """``plan`` with the finding's suggested change made."""
    return plan.replace(**dict(finding.fix))

"""One-click fixes: a finding's suggested change in words, and the plan with it applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Generator, Sequence

from planner.catalogue import get_device, get_drug
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, Finding, Severity, TaperPlan, format_mg

Fix = tuple[tuple[str, object], ...]
# The findings of a plan re-planned with a candidate fix (no fixes of its own verified).
Replan = Callable[[TaperPlan], Sequence[Finding]]
# How a fix becomes a plan: by default its fields replaced; the window makes a plan under
# way change from a date instead (planner.followup.history.record_change).
ApplyFix = Callable[[TaperPlan, Fix], TaperPlan]
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def _number(value: object) -> str:
    return format_mg(float(value)) if isinstance(value, (int, float)) else str(value)


def _formulation(plan: TaperPlan, value: object) -> str:
    try:
        return get_drug(plan.drug).formulation(plan.region, str(value)).label
    except PlanError:
        return str(value)


def _switch_formulation(plan: TaperPlan, value: object) -> str:
    try:
        return get_drug(plan.switch_to or "diazepam").formulation(plan.region, str(value)).label
    except PlanError:
        return str(value)


def _device(value: object) -> str:
    try:
        return get_device(str(value)).label
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
    "equivalence": ("equivalence table", lambda _plan, v: EQUIVALENCE_TITLES.get(str(v), str(v))),
    "switch_formulation": ("diazepam formulation", _switch_formulation),
    "device": ("measuring device", lambda _plan, v: _device(v)),
}


def change_text(field: str, value: object, plan: TaperPlan) -> str:
    """'set interval to 14 days' for one (field, value) pair of a fix."""
    if field == "switch_to":
        return f"switch to {value} first (Ashton)"
    name, words = FIELD_WORDS.get(field, (field.replace("_", " "), lambda _p, v: _number(v)))
    return f"set {name} to {words(plan, value)}"


def fix_text(finding: Finding, plan: TaperPlan) -> str:
    """'Fix: set interval to 14 days', or '' for a finding without a fix."""
    if not finding.fix:
        return ""
    return "Fix: " + " and ".join(change_text(field, value, plan) for field, value in finding.fix)


def replaced(plan: TaperPlan, fix: Fix) -> TaperPlan:
    """``plan`` with the fields ``fix`` names set to its values."""
    return plan.replace(**dict(fix))


def apply_fix(plan: TaperPlan, finding: Finding) -> TaperPlan:
    """``plan`` with the finding's suggested change made."""
    return plan.replace(**dict(finding.fix))


def _still_there(finding: Finding, findings: Sequence[Finding]) -> bool:
    """True when re-planned findings still hold this one: same rule, as severe or worse."""
    return any(
        other.rule == finding.rule and _RANK[other.severity] >= _RANK[finding.severity]
        for other in findings
    )


def _new_errors(findings: Sequence[Finding], before: Sequence[Finding]) -> bool:
    """True when a fix would bring an error of a rule the plan had no error of."""
    had = {f.rule for f in before if f.severity is Severity.ERROR}
    return any(f.severity is Severity.ERROR and f.rule not in had for f in findings)


def _trials(
    plan: TaperPlan,
    findings: Sequence[Finding],
    candidates: Callable[[Finding], Sequence[Fix]],
    replan: Replan,
    apply: ApplyFix = replaced,
) -> Generator[None, None, tuple[Finding, ...]]:
    """Try the fixes, pausing after each re-plan; returns the findings with working fixes."""
    tried: dict[Fix, Sequence[Finding] | None] = {}
    result: list[Finding] = []
    for finding in findings:
        if finding.severity is Severity.INFO:
            # Worth knowing, nothing to fix: no re-planning spent on it.
            result.append(dataclasses.replace(finding, fix=()))
            continue
        options = [fix for fix in (finding.fix, *candidates(finding)) if fix]
        chosen: Fix = ()
        for fix in dict.fromkeys(options):
            if all(getattr(plan, field) == value for field, value in fix):
                continue  # no change at all cannot fix anything
            if fix not in tried:
                try:
                    tried[fix] = replan(apply(plan, fix))
                except PlanError:
                    tried[fix] = None
                yield
            outcome = tried[fix]
            if outcome is None or _still_there(finding, outcome):
                continue
            if _new_errors(outcome, findings):
                continue
            chosen = fix
            break
        result.append(dataclasses.replace(finding, fix=chosen))
    return tuple(result)


class FixTrials:
    """A plan's candidate fixes tried one re-plan at a time, so a window can spread them out.

    Each re-plan costs as much as planning the plan itself, and a finding may have a dozen
    candidates; the window tries one per idle moment instead of making every edit wait.
    """

    def __init__(
        self,
        plan: TaperPlan,
        findings: Sequence[Finding],
        candidates: Callable[[Finding], Sequence[Fix]],
        replan: Replan,
        advise: Callable[[tuple[Finding, ...]], tuple[Finding, ...]] = lambda found: found,
        apply: ApplyFix = replaced,
    ) -> None:
        """Args as ``verified``; ``advise`` rewords the findings, ``apply`` makes a fix's plan."""
        self._trials = _trials(plan, findings, candidates, replan, apply)
        self._advise = advise
        self._result: tuple[Finding, ...] | None = None

    def step(self) -> bool:
        """Make at most one re-plan; True once every finding's fix is decided."""
        if self._result is None:
            try:
                next(self._trials)
            except StopIteration as finished:
                self._result = self._advise(finished.value)
        return self._result is not None

    def finish(self) -> tuple[Finding, ...]:
        """The findings in the same order, each with a working fix or none (trying the rest)."""
        while not self.step():
            pass
        assert self._result is not None  # step() returned True
        return self._result


def verified(
    plan: TaperPlan,
    findings: Sequence[Finding],
    candidates: Callable[[Finding], Sequence[Fix]],
    replan: Replan,
) -> tuple[Finding, ...]:
    """The findings with only fixes that work: each is tried before it is offered.

    A fix is offered only when the plan re-planned with it no longer has the finding
    (no finding of the same rule as severe or worse) and gains no error of a new kind;
    the first such candidate, smallest change first, is kept. A finding none of whose
    candidates works is shown without a fix rather than with one that does not fix.

    Args:
        plan: the plan the findings belong to.
        findings: its findings, each with its first-choice ``fix`` (or none).
        candidates: further candidate fixes for a finding, smallest change first.
        replan: the findings of a changed plan; raises PlanError if it is invalid.

    Returns:
        The findings in the same order, each with a working fix or none.
    """
    return FixTrials(plan, findings, candidates, replan).finish()

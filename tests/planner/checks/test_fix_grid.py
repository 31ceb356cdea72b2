"""Over a grid of plans: every offered fix removes its finding, and advice names real products."""

from __future__ import annotations

import itertools
import re

import pytest

from planner.catalogue import REGIONS, drug_names, get_drug
from planner.checks.fixes import apply_fix
from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.model import Finding, Method, Regimen, Schedule, Severity, TaperPlan
from tests.planner.helpers import START

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
PACES: tuple[tuple[Method, dict[str, object]], ...] = (
    (Method.PERCENT_CURRENT, {"reduction_percent": 10.0}),
    (Method.PERCENT_CURRENT, {"reduction_percent": 30.0, "interval_days": 7}),
    (Method.PERCENT_ORIGINAL, {"reduction_percent": 25.0}),
    (Method.HYPERBOLIC, {"reduction_percent": 5.0}),
)
FACTORS: tuple[tuple[str, ...], ...] = ((), ("age_65_plus", "alcohol", "use_over_1_year"))
# Product words a finding may use, and the catalogue labels that make them true.
PRODUCT_WORDS = ("oral solution", "oral suspension", "orally disintegrating", "capsule")


def _plans(drug_name: str) -> list[TaperPlan]:
    drug = get_drug(drug_name)
    plans = []
    for region in REGIONS:
        for formulation in drug.formulations[region]:
            # Twice the largest product (one tablet, or one 5 mL dose) a day: always measurable.
            strength = max(p.strength_mg for p in formulation.products)
            base = TaperPlan(
                drug=drug_name,
                region=region,
                formulation=formulation.name,
                regimen=Regimen(morning_mg=strength, night_mg=strength),
                start=START,
            )
            for (method, pace), factors in itertools.product(PACES, FACTORS):
                plans.append(base.replace(method=method, factors=factors, **pace))
            if drug_name != "diazepam":
                plans.append(base.replace(switch_to="diazepam"))
    return plans


def _labels(taper: TaperPlan) -> str:
    names = {taper.drug, taper.switch_to or taper.drug}
    return " ".join(f.label for name in names for f in get_drug(name).formulations[taper.region])


def _still_there(finding: Finding, schedule: Schedule) -> bool:
    return any(
        f.rule == finding.rule and _RANK[f.severity] >= _RANK[finding.severity]
        for f in schedule.findings
    )


@pytest.mark.parametrize("drug_name", drug_names())
def test_every_offered_fix_fixes_and_names_only_real_products(drug_name: str) -> None:
    offered = 0
    for taper in _plans(drug_name):
        try:
            schedule = plan(taper)
        except PlanError:
            continue  # e.g. a dose above what the switch can give in one dose
        labels = _labels(taper)
        for finding in schedule.findings:
            for word in PRODUCT_WORDS:
                if word in finding.message:
                    assert word in labels, (taper, finding.message)
            quoted = re.findall(r"\('([a-z]+)'\)", finding.message)
            for name in quoted:
                assert name in {
                    f.name
                    for d in {taper.drug, taper.switch_to or taper.drug}
                    for f in get_drug(d).formulations[taper.region]
                }, (taper, finding.message)
            if not finding.fix:
                continue
            offered += 1
            for field, value in finding.fix:
                if field == "formulation":
                    # One of the drug's products, or its tablets with one of its liquids.
                    own = {f.name for f in get_drug(taper.drug).formulations[taper.region]}
                    assert set(str(value).split("+")) <= own
                if field == "switch_formulation":
                    # One of diazepam's products, or tablets with one of its liquids.
                    diazepam = {f.name for f in get_drug("diazepam").formulations[taper.region]}
                    assert set(str(value).split("+")) <= diazepam
            fixed = plan(apply_fix(taper, finding))
            assert not _still_there(finding, fixed), (taper, finding, fixed.findings)
    assert offered, "the grid should exercise some fixes"


def test_the_default_window_plan_shows_at_most_two_findings_for_its_one_cause() -> None:
    schedule = plan(TaperPlan(start=START))
    assert len(schedule.findings) <= 2
    assert {f.rule for f in schedule.findings} <= {"stall", "first-cut"}
    (products,) = [f for f in schedule.findings if f.rule == "stall"]
    assert products.fix == (("formulation", "liquid"), ("device", "syringe-1ml"))


def test_uk_lorazepam_whole_tablets_are_an_error_with_a_working_switch_fix() -> None:
    # 1 mg three times a day with 1 mg tablets taken whole: 3 → 2 → 1 → 0 mg.
    taper = TaperPlan(
        drug="lorazepam",
        region="uk",
        regimen=Regimen(morning_mg=1, midday_mg=1, night_mg=1),
        start=START,
    )
    schedule = plan(taper)
    assert [s.daily_mg.get("lorazepam", 0) for s in schedule.steps] == [2, 1, 0]
    (error,) = [f for f in schedule.findings if f.severity is Severity.ERROR]
    assert error.rule == "stall" and "No pace" in error.message
    assert dict(error.fix)["switch_to"] == "diazepam"
    fixed = plan(apply_fix(taper, error))
    assert fixed.plan.switch_to == "diazepam"
    assert not [f for f in fixed.findings if f.severity is Severity.ERROR]


def test_following_the_offered_fixes_ends_with_fewer_findings_never_the_same_one() -> None:
    # The patient: 70, drinks, clonazepam liquid for over a year. Each offered fix
    # must remove its finding; none may just move it ("now asking for 56 days").
    taper = TaperPlan(
        formulation="liquid",
        factors=("age_65_plus", "alcohol", "use_over_1_year"),
        start=START,
    )
    for _ in range(6):
        schedule = plan(taper)
        offered = [f for f in schedule.findings if f.fix]
        if not offered:
            break
        finding = offered[0]
        taper = apply_fix(taper, finding)
        assert not _still_there(finding, plan(taper))
    else:
        pytest.fail("the fixes never ran out")
    assert not [f for f in plan(taper).findings if f.severity is Severity.ERROR]

"""The products-too-coarse finding: its advice names only real products and its offered fix."""

from __future__ import annotations

import re

import pytest

from planner.checks import candidates
from planner.checks.fixes import apply_fix, fix_text
from planner.dosing.coarse import fix_advice
from planner.dosing.schedule import plan
from planner.model import Finding, Method, Regimen, Severity, TaperPlan
from tests.planner.helpers import START

LIQUID_WORDS = re.compile(r"liquid|solution|suspension|concentrate|syringe|spoon|dropper", re.I)


def _switch_plan(region: str) -> TaperPlan:
    # Lorazepam 2 mg/day switched to diazepam tablets, then 25% of the current dose.
    return TaperPlan(
        drug="lorazepam",
        region=region,
        regimen=Regimen(morning_mg=1, night_mg=1),
        switch_to="diazepam",
        method=Method.PERCENT_CURRENT,
        reduction_percent=25,
        start=START,
    )


def _stall(taper: TaperPlan) -> Finding:
    (stall,) = [f for f in plan(taper).findings if f.rule == "stall"]
    return stall


@pytest.mark.parametrize(
    ("region", "device_words"),
    [("uk", r", measured with the \d+ mL oral syringe \(0\.\d+ mL marks\),"), ("us", "")],
)
def test_a_switchs_stall_offers_the_tablets_with_a_liquid_top_up_it_names(
    region: str, device_words: str
) -> None:
    # Diazepam tablets cannot make the last 25% cuts. UK: the solution's spoon (1.25 mL,
    # 0.5 mg) still stalls, so the fix adds a syringe; US: 5 mg/5 mL by syringe as supplied.
    # Tablets + solution come before the solution alone (far less liquid a day).
    taper = _switch_plan(region)
    stall = _stall(taper)
    assert stall.severity is Severity.WARNING
    assert dict(stall.fix)["switch_formulation"] == "tablet+liquid"
    assert ("device" in dict(stall.fix)) is bool(device_words)
    assert stall.message.endswith(fix_advice(taper, stall.fix))
    assert "The diazepam tablets + oral solution" in stall.message
    assert re.search(device_words, stall.message)
    assert "choose it" not in stall.message and "'liquid'" not in stall.message
    fixed = plan(apply_fix(taper, stall))
    assert not [f for f in fixed.findings if f.rule == "stall" and f.severity is Severity.WARNING]


@pytest.mark.parametrize("region", ["uk", "us"])
def test_a_switchs_pace_and_stall_findings_try_the_same_products_in_the_same_order(
    region: str,
) -> None:
    taper = _switch_plan(region)
    make = candidates.for_plan(taper)
    products = {
        rule: [fix for fix in make(Finding(Severity.ERROR, 1, "", "", rule=rule)) if any(
            field in ("switch_formulation", "device") for field, _ in fix
        )]
        for rule in ("too-fast", "stall")
    }  # fmt: skip
    assert products["too-fast"] == products["stall"]
    named = [dict(fix).get("switch_formulation") for fix in products["stall"]]
    first_liquid_alone = next(i for i, name in enumerate(named) if name and "+" not in name)
    assert "tablet+liquid" in named[:first_liquid_alone]


@pytest.mark.parametrize(
    ("drug", "region", "regimen"),
    [
        ("lorazepam", "uk", Regimen(morning_mg=1, midday_mg=1, night_mg=1)),
        ("clonazepam", "us", Regimen(morning_mg=0.5, night_mg=1)),
        ("oxazepam", "uk", Regimen(morning_mg=15, night_mg=15)),
    ],
)
@pytest.mark.parametrize(
    "pace",
    [
        {"method": Method.PERCENT_CURRENT, "reduction_percent": 25.0},
        {"method": Method.HYPERBOLIC, "reduction_percent": 10.0},
        {"method": Method.FIXED, "amount_mg": 0.5},
    ],
)
def test_a_drug_with_no_liquid_is_never_advised_one(
    drug: str, region: str, regimen: Regimen, pace: dict[str, object]
) -> None:
    taper = TaperPlan(drug=drug, region=region, regimen=regimen, start=START).replace(**pace)
    for finding in plan(taper).findings:
        fix = dict(finding.fix)
        if fix.get("switch_to") == "diazepam":
            continue  # diazepam's own products, which the region does list
        assert not LIQUID_WORDS.search(finding.message), finding.message
        assert not LIQUID_WORDS.search(fix_text(finding, taper)), finding.fix
        assert "device" not in fix


def test_a_stall_advised_to_switch_first_is_not_reworded() -> None:
    # Its advice is to switch to diazepam (no product words): trying the fixes offers the
    # switch, and the message must stay as it was, not gain glued-on product words.
    alprazolam = TaperPlan(
        drug="alprazolam",
        region="uk",
        regimen=Regimen(morning_mg=0.25, night_mg=0.25),
        start=START,
    )
    stall = next(f for f in plan(alprazolam).findings if f.rule == "stall")
    assert stall.fix and dict(stall.fix)["switch_to"] == "diazepam"
    assert stall.message.endswith(
        "Switch to diazepam first (Ashton), whose products measure smaller steps."
    )
    assert stall.message == next(
        f for f in plan(alprazolam, verify_fixes=False).findings if f.rule == "stall"
    ).message

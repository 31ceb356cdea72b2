"""Guideline checks: plans that break a rule get its finding with a source; sound plans none."""

from __future__ import annotations

import pytest

from planner.checks.fixes import apply_fix
from planner.dosing.schedule import plan
from planner.model import CustomStep, Method, Regimen, Severity
from tests.planner.helpers import base_plan, switch_plan


def rules(schedule) -> set[str]:
    return {finding.rule for finding in schedule.findings}


def test_a_sound_plan_has_no_warnings() -> None:
    # 10 mg/day diazepam: not a high dose (JCPG 2025 Table 2: high is over 15 mg).
    schedule = plan(
        base_plan(
            drug="diazepam",
            regimen=Regimen(morning_mg=5, night_mg=5),
            method=Method.PERCENT_CURRENT,
            reduction_percent=10,
            formulation="liquid",
            interval_days=14,
            maintenance_mg=5,
        )
    )
    warnings = [f for f in schedule.findings if f.severity is not Severity.INFO]
    assert warnings == []


def test_more_than_a_quarter_in_two_weeks_is_a_warning() -> None:
    # US diazepam tablets are scored (halves), so every 3 mg cut is measurable as asked.
    schedule = plan(
        base_plan(
            drug="diazepam",
            region="us",
            regimen=Regimen(morning_mg=5, night_mg=5),
            method=Method.FIXED,
            amount_mg=3,
        )
    )
    fast = [f for f in schedule.findings if f.rule == "too-fast"]
    assert fast and fast[0].step == 1
    assert fast[0].severity is Severity.WARNING
    assert "more than 25%" in fast[0].message
    assert "2025" in fast[0].source


@pytest.mark.parametrize(
    ("daily_mg", "factors", "severity"),
    [
        (15.0, (), Severity.WARNING),  # moderate dose (JCPG 2025 Table 2: 10–15 mg)
        (20.0, (), Severity.ERROR),  # high dose: over 15 mg diazepam equivalent
        (10.0, ("use_over_1_year",), Severity.ERROR),
        (10.0, ("use_over_4_weeks",), Severity.ERROR),
    ],
)
def test_a_high_dose_or_long_term_use_makes_a_fast_pace_an_error(
    daily_mg: float, factors: tuple[str, ...], severity: Severity
) -> None:
    taper = base_plan(
        drug="diazepam",
        regimen=Regimen(morning_mg=5, night_mg=daily_mg - 5),
        method=Method.PERCENT_CURRENT,
        reduction_percent=40,
        factors=factors,
    )
    fast = [f for f in plan(taper).findings if f.rule == "too-fast"]
    assert fast and fast[0].severity is severity


def test_a_fast_late_step_of_a_high_start_says_the_patient_started_high() -> None:
    # 20 mg/day diazepam at the start (high: over 15 mg, JCPG 2025 Table 2), fast late cuts
    # of a few mg/day: the error applies because of the start, not the dose of that step.
    taper = base_plan(
        drug="diazepam",
        regimen=Regimen(morning_mg=10, night_mg=10),
        method=Method.FIXED,
        amount_mg=2,
        interval_days=14,
    )
    fast = [f for f in plan(taper).findings if f.rule == "too-fast"]
    assert fast and fast[0].severity is Severity.ERROR
    assert all(step.daily_diazepam_eq_mg <= 15 for step in plan(taper).steps[fast[0].step - 1 :])
    assert "started at a high dose (20 mg/day diazepam equivalent" in fast[0].message
    assert "over 15 mg/day" in fast[0].message and "At a high dose" not in fast[0].message


def test_cuts_adding_up_within_fourteen_days_are_caught() -> None:
    # 12% every 5 days: no single cut is large, but 14 days hold over 25%.
    schedule = plan(
        base_plan(
            drug="diazepam",
            formulation="liquid",
            regimen=Regimen(morning_mg=10, night_mg=10),
            method=Method.PERCENT_CURRENT,
            reduction_percent=12,
            interval_days=5,
        )
    )
    assert {"too-fast", "short-interval"} <= rules(schedule)


def test_the_last_step_from_the_smallest_dose_is_only_information() -> None:
    schedule = plan(base_plan(regimen=Regimen(night_mg=0.25)))
    (finding,) = [f for f in schedule.findings if f.rule == "too-fast"]
    assert finding.severity is Severity.INFO
    assert "smallest dose" in finding.message


def test_short_interval_is_one_finding_naming_the_steps() -> None:
    schedule = plan(base_plan(interval_days=3, formulation="liquid"))
    (finding,) = [f for f in schedule.findings if f.rule == "short-interval"]
    assert "Lengthen the interval to 14 days" in finding.message
    assert finding.step == 1


def test_a_dose_above_the_maximum_is_an_error() -> None:
    schedule = plan(base_plan(drug="lorazepam", regimen=Regimen(morning_mg=6, night_mg=6)))
    (finding,) = [f for f in schedule.findings if f.rule == "above-maximum"]
    assert finding.severity is Severity.ERROR
    assert finding.step == 1
    assert "UK maximum of 4 mg/day" in finding.message
    assert "emc 14706" in finding.source
    us = plan(base_plan(drug="lorazepam", region="us", regimen=Regimen(morning_mg=6, night_mg=6)))
    (finding,) = [f for f in us.findings if f.rule == "above-maximum"]
    assert "US maximum of 10 mg/day" in finding.message
    assert "check against the product label" in finding.source


def test_a_stall_is_reported_not_hidden() -> None:
    schedule = plan(base_plan(reduction_percent=5))
    (finding,) = [f for f in schedule.findings if f.rule == "stall"]
    assert "the smallest cut they can measure" in finding.message
    assert "oral solution" in finding.message


def test_first_cut_larger_than_the_risk_suggests() -> None:
    high_risk = base_plan(
        drug="diazepam",
        formulation="liquid",
        regimen=Regimen(morning_mg=10, night_mg=10),
        reduction_percent=10,
        factors=("use_over_1_year",),
    )
    (finding,) = [f for f in plan(high_risk).findings if f.rule == "first-cut"]
    assert "high withdrawal risk" in finding.message
    assert "Maudsley" in finding.source
    assert finding.fix == (("reduction_percent", 5.0),)
    low_risk = high_risk.replace(factors=(), withdrawal_risk="low", reduction_percent=20)
    assert "first-cut" not in rules(plan(low_risk))


def test_age_65_asks_for_a_slower_start_citing_the_source() -> None:
    taper = base_plan(
        drug="diazepam",
        formulation="liquid",
        regimen=Regimen(morning_mg=10, night_mg=10),
        reduction_percent=20,
        withdrawal_risk="low",
        factors=("age_65_plus",),
    )
    (finding,) = [f for f in plan(taper).findings if f.rule == "first-cut"]
    assert "age 65 or over" in finding.message
    assert "elderly" in finding.source


def test_seizure_disorder_makes_a_fast_pace_an_error() -> None:
    taper = base_plan(
        drug="diazepam",
        region="us",  # scored 2 mg tablets: no 100% last step from the smallest dose
        regimen=Regimen(morning_mg=10, night_mg=10),
        method=Method.FIXED,
        amount_mg=6,
        factors=("seizure_disorder",),
    )
    fast = [f for f in plan(taper).findings if f.rule == "too-fast"]
    assert fast and all(f.severity is Severity.ERROR for f in fast)
    assert "seizure disorder" in fast[0].message


def test_abrupt_stop_from_a_dose_that_could_be_reduced() -> None:
    taper = base_plan(
        method=Method.CUSTOM,
        custom_steps=(CustomStep(1.0), CustomStep(0)),
    )
    (finding,) = [f for f in plan(taper).findings if f.rule == "abrupt-stop"]
    assert "stops abruptly from 1 mg/day of " in finding.message
    assert "abrupt" in finding.source


def test_long_term_use_finishing_too_fast() -> None:
    taper = base_plan(
        drug="diazepam",
        formulation="liquid",
        regimen=Regimen(morning_mg=10, night_mg=10),
        method=Method.PERCENT_ORIGINAL,
        reduction_percent=25,
        factors=("use_over_1_year",),
    )
    (finding,) = [f for f in plan(taper).findings if f.rule == "long-term-pace"]
    assert "over a year" in finding.message
    assert finding.fix and finding.fix[0][0] == "interval_days"
    assert "long-term-pace" not in rules(plan(apply_fix(taper, finding)))
    slow = taper.replace(interval_days=84)
    assert "long-term-pace" not in rules(plan(slow))


def test_fixes_resolve_their_finding() -> None:
    taper = base_plan(interval_days=3, formulation="liquid")
    (finding,) = [f for f in plan(taper).findings if f.rule == "short-interval"]
    fixed = taper.replace(**dict(finding.fix))
    assert "short-interval" not in rules(plan(fixed))


def test_a_first_cut_forced_by_tablets_offers_only_a_fix_that_works() -> None:
    # Clonazepam 1.5 mg/day (30 mg diazepam equivalent: a high dose, first cut about 5%),
    # UK tablets: the smallest cut is 17%; the liquid's is 8%, still above 5%.
    taper = base_plan()
    findings = plan(taper).findings
    (finding,) = [f for f in findings if f.rule == "first-cut"]
    assert "smallest cut the formulation allows" in finding.message
    if finding.fix:
        assert "first-cut" not in rules(plan(apply_fix(taper, finding)))
    (products,) = [f for f in findings if f.rule == "stall"]
    # The liquid with its spoon still cannot make the cuts: with a 1 mL oral syringe it can.
    assert products.fix == (("formulation", "liquid"), ("device", "syringe-1ml"))
    fixed = plan(apply_fix(taper, products)).findings
    assert all(f.severity is Severity.INFO for f in fixed if f.rule == "stall")


def test_after_a_switch_a_stop_names_diazepam() -> None:
    # "Stops from 1 mg/day" in a clonazepam plan would read as clonazepam (20 × more).
    stops = [f for f in plan(switch_plan()).findings if "stops" in f.message]
    assert stops and all("mg/day of diazepam" in f.message for f in stops)


def too_fast_messages(**changes: object) -> dict[int, str]:
    schedule = plan(base_plan(**changes))
    return {f.step: f.message for f in schedule.findings if f.rule == "too-fast" and f.step}


def test_a_cut_14_days_after_the_last_is_judged_against_that_step_alone() -> None:
    # 1 → 0.75 → 0.5 mg every 14 days: step 2 cuts 33% of 0.75 mg. Today's 1 mg was taken
    # more than 14 days before it and must not make it "50%".
    messages = too_fast_messages(
        regimen=Regimen(night_mg=1.0),
        method=Method.CUSTOM,
        custom_steps=(CustomStep(0.75, 14), CustomStep(0.5, 14), CustomStep(0.0)),
    )
    assert "step 2: 33%" in messages[2] and "within 14 days" in messages[2]
    assert "Make the cuts smaller." in messages[2]  # a longer step before would not help


def test_cuts_that_add_up_within_14_days_ask_for_longer_steps() -> None:
    # Weekly cuts of 12.5% and 14%: 0.875 → 0.625 mg in the 14 days before step 3 is 29%.
    steps = (CustomStep(0.875, 7), CustomStep(0.75, 7), CustomStep(0.625, 14), CustomStep(0.0))
    messages = too_fast_messages(
        regimen=Regimen(night_mg=1.0),
        formulation="liquid",
        method=Method.CUSTOM,
        custom_steps=steps,
    )
    assert "step 3: 29%" in messages[3] and "within 14 days" in messages[3]
    assert "Several cuts add up to it: lengthen the steps before it to 14 days" in messages[3]

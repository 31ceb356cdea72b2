"""Products a patient can really take: devices, tablets + liquid, splits, stock, compounding."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import pytest

from planner.catalogue import get_device, get_drug
from planner.dosing.devices import fills_ml, how_to_measure
from planner.dosing.measure import measure_for
from planner.dosing.products import ProductOptions, chosen_formulation
from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.model import CheckIn, CustomStep, FollowUpAction, Method, Regimen, StepKind
from tests.planner.helpers import base_plan, dailies


def _clonazepam_solution(device: str) -> list[float]:
    return dailies(
        plan(
            base_plan(
                formulation="liquid",
                regimen=Regimen(night_mg=1),
                device=device,
                stock=(("clonazepam", 0.5),),
                reduction_percent=10,
            )
        )
    )


def test_one_ml_syringe_gives_ten_percent_cuts_down_to_the_floor() -> None:
    """Clonazepam 0.5 mg/5 mL: 0.02 mL lines are 2 µg, the smallest fill 0.25 mL is 25 µg."""
    schedule = plan(
        base_plan(
            formulation="liquid",
            regimen=Regimen(night_mg=1),
            device="syringe-1ml",
            stock=(("clonazepam", 0.5),),
        )
    )
    totals = dailies(schedule)
    for before, after in pairwise(totals[:-1]):
        assert 0.9 * before - 1e-9 <= after <= 0.9 * before + 0.002 + 1e-9
    assert totals[-2] <= 0.03  # the measurable floor: 0.25 mL of 0.1 mg/mL
    assert not [f for f in schedule.findings if f.rule == "stall"]
    assert "1 mL oral syringe" in schedule.steps[0].doses[0].units


def test_three_ml_syringe_forces_cuts_only_below_its_resolution() -> None:
    """0.1 mL lines are 10 µg: a 10% cut is finer than one line only below 0.1 mg/day."""
    schedule = plan(
        base_plan(
            formulation="liquid",
            regimen=Regimen(night_mg=1),
            device="syringe-3ml",
            stock=(("clonazepam", 0.5),),
        )
    )
    totals = dailies(schedule)
    for before, after in pairwise(totals[:-1]):
        if before >= 0.1:
            assert after >= 0.9 * before - 1e-9  # never more than the 10% asked
        assert before - after <= max(0.1 * before, 0.01) + 1e-9  # or one line at most
    stall = [f for f in schedule.findings if f.rule == "stall"]
    assert all(totals[f.step - 2] < 0.1 for f in stall if f.step)


def test_the_spoon_alone_cannot_taper_gently() -> None:
    """The supplied spoon's 1.25 mL is 0.125 mg: the same plan ends in cuts of a third or more."""
    assert len(_clonazepam_solution("spoon")) < len(_clonazepam_solution("syringe-1ml")) / 2


@pytest.mark.parametrize("formulation", ["liquid", "tablet+liquid"])
def test_hyperbolic_diazepam_with_a_syringe_reaches_a_few_percent(formulation: str) -> None:
    schedule = plan(
        base_plan(
            drug="diazepam",
            formulation=formulation,
            regimen=Regimen(morning_mg=10, night_mg=10),
            method=Method.HYPERBOLIC,
            reduction_percent=5,
            device="syringe-1ml",
        )
    )
    totals = dailies(schedule)
    assert totals[-1] == 0 and 0 < totals[-2] <= 0.05 * 20


def test_published_diazepam_taper_needs_halves_of_5_mg() -> None:
    """deprescribing.org (Pottie 2018): 25% of the start every 2 weeks, 12.5% steps near the end.

    From 20 mg/day that is 20, 15, 10, 5, 2.5, 0; 2.5 mg is half a 5 mg tablet. UK 5 mg tablets
    are not all scored, so the plan gives it only once the clinician allows halves.
    """
    taper = base_plan(
        drug="diazepam",
        regimen=Regimen(night_mg=20),
        method=Method.PERCENT_ORIGINAL,
        reduction_percent=25,
        final_percent=12.5,
    )
    assert 2.5 not in dailies(plan(taper))
    allowed = plan(taper.replace(splits=(("diazepam", 5.0, 2),)))
    assert dailies(allowed) == [15, 10, 5, 2.5, 0]
    assert "½ × 5 mg tablet" in allowed.steps[-2].doses[0].units
    assert any(f.rule == "split-override" for f in allowed.findings)
    # The US 5 mg tablet is scored (DailyMed, MYLAN 345): no override needed.
    assert dailies(plan(taper.replace(region="us"))) == [15, 10, 5, 2.5, 0]


def test_published_lorazepam_taper_needs_halves_of_1_mg() -> None:
    """Habraken 1997 (Pottie 2018, Table 2): 25% weekly × 3, then 12.5% for 2 weeks, then stop."""
    taper = base_plan(
        drug="lorazepam",
        regimen=Regimen(morning_mg=2, night_mg=2),
        method=Method.CUSTOM,
        custom_steps=(
            CustomStep(3, 7),
            CustomStep(2, 7),
            CustomStep(1, 7),
            CustomStep(0.5, 14),
            CustomStep(0),
        ),
    )
    without = plan(taper)
    assert 0.5 not in dailies(without)  # UK 1 mg tablets are whole only by default
    schedule = plan(taper.replace(splits=(("lorazepam", 1.0, 2),)))
    assert dailies(schedule) == [3, 2, 1, 0.5, 0]
    assert [s.days for s in schedule.steps] == [7, 7, 7, 14, 0]
    assert "½ × 1 mg tablet" in schedule.steps[3].doses[0].units
    assert not [f for f in schedule.findings if f.rule == "custom-rounded"]


def test_tablets_first_then_the_liquid_for_the_rest() -> None:
    measure = measure_for(
        "diazepam", "uk", "tablet+liquid", 40_000, ProductOptions(device="syringe-5ml")
    )
    portions = measure.portions(2480)
    assert " + ".join(p.text() for p in portions) == (
        "1 × 2 mg tablet + 1.2 mL of 2 mg/5 mL oral solution "
        "(5 mL oral syringe: draw up to the 1.2 mL mark)"
    )
    assert portions[1].device == "syringe-5ml"


def test_a_volume_larger_than_the_syringe_is_several_fills() -> None:
    three = get_device("syringe-3ml")
    assert fills_ml(Fraction("7.2"), three) == [3, 3, Fraction("1.2")]
    assert fills_ml(Fraction("3.1"), three) == [Fraction("2.8"), Fraction("0.3")]
    assert how_to_measure(Fraction("7.2"), three) == (
        "3 mL oral syringe: fill to the 3 mL mark × 2, then to the 1.2 mL mark"
    )
    assert how_to_measure(Fraction("6.25"), get_device("spoon")) == (
        "2.5/5 mL measuring spoon: 5 mL + 1.25 mL"
    )


def test_no_fill_below_the_device_minimum() -> None:
    measure = measure_for(
        "clonazepam", "uk", "liquid", 20_000, ProductOptions(device="syringe-1ml", stock=(0.5,))
    )
    assert not measure.is_measurable(20)  # 0.2 mL
    assert measure.is_measurable(26) and measure.next_below(25) == 0


def test_stock_keeps_only_the_stocked_strengths() -> None:
    """Scottish guidance: prescribe diazepam 2 mg tablets only."""
    formulation = chosen_formulation("diazepam", "uk", "tablet", ProductOptions(stock=(2.0,)))
    assert [p.strength_mg for p in formulation.products] == [2.0]
    schedule = plan(
        base_plan(drug="diazepam", regimen=Regimen(night_mg=16), stock=(("diazepam", 2),))
    )
    labels = {p.product_label for s in schedule.steps for d in s.doses for p in d.portions}
    assert labels == {"2 mg tablet"}


def test_compounded_doses_are_multiples_of_the_step() -> None:
    schedule = plan(base_plan(regimen=Regimen(night_mg=1), compounded_step_mg=0.05))
    for step in schedule.steps:
        for dose in step.doses:
            (portion,) = dose.portions
            assert portion.quantity == 1 and portion.product_label.endswith("compounded capsule")
            assert round(dose.mg * 1000) % 50 == 0
    assert dailies(schedule)[:3] == [0.9, 0.85, 0.8]  # 10% cuts rounded to 0.05 mg, never more
    assert any(f.rule == "compounded" for f in schedule.findings)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"device": "syringe-1ml"}, "include no liquid"),
        ({"splits": (("clonazepam", 3.0, 2),)}, "no 3 mg tablet"),
        ({"stock": (("clonazepam", 1.5),)}, "come in"),
        ({"compounded_step_mg": 0.0}, "at least 0.001 mg"),
        ({"formulation": "liquid", "device": "dropper"}, "does not suit"),
        ({"splits": (("lorazepam", 1.0, 2),)}, "not a drug of this plan"),
    ],
)
def test_bad_product_choices_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(PlanError, match=message):
        plan(base_plan(regimen=Regimen(night_mg=1), **changes))


def test_the_switch_uses_its_own_products() -> None:
    schedule = plan(
        base_plan(
            regimen=Regimen(morning_mg=0.5, night_mg=0.5),
            switch_to="diazepam",
            switch_formulation="tablet+liquid",
            device="syringe-3ml",
            stock=(("diazepam", 2),),
        )
    )
    switched = [s for s in schedule.steps if s.kind is StepKind.SWITCH]
    assert switched
    labels = {p.product_label for s in schedule.steps for d in s.doses for p in d.portions}
    assert labels <= {"0.5 mg tablet", "2 mg tablet", "2 mg/5 mL oral solution"}
    assert any(
        p.device == "syringe-3ml" for s in schedule.steps for d in s.doses for p in d.portions
    )


def test_catalogue_facts_from_labels() -> None:
    uk = get_drug("clonazepam").formulation("uk", "tablet")
    assert [(p.strength_mg, p.pieces) for p in uk.products] == [(0.5, 2), (1.0, 4), (2.0, 4)]
    assert get_drug("clonazepam").half_life_h.source == "nhs_scotland_half_lives"
    us_diazepam = get_drug("diazepam").formulation("us", "tablet")
    assert all(p.pieces == 2 for p in us_diazepam.products)
    assert all(p.pieces == 1 for p in get_drug("diazepam").formulation("uk", "tablet").products)
    concentrate = get_drug("lorazepam").formulation("us", "concentrate").products[0]
    assert concentrate.label == "2 mg/mL oral concentrate" and concentrate.device is not None
    assert concentrate.device.name == "dropper"


def test_check_ins_re_plan_with_the_same_products() -> None:
    taper = base_plan(
        drug="diazepam",
        region="us",
        formulation="tablet+liquid",
        regimen=Regimen(morning_mg=5, night_mg=5),
        device="syringe-1ml",
    )
    first = plan(taper)
    checkin_date = first.steps[3].start
    revised = plan(
        taper.replace(checkins=(CheckIn(checkin_date, action=FollowUpAction.SLOW_CUTS),))
    )
    later = [s for s in revised.steps if s.start > checkin_date and s.doses]
    assert later
    for step in later:
        for dose in step.doses:
            for portion in dose.portions:
                assert portion.product_label in {
                    "2 mg tablet",
                    "5 mg tablet",
                    "10 mg tablet",
                    "5 mg/5 mL oral solution",
                }
                if portion.is_liquid:
                    assert portion.device == "syringe-1ml"


def test_the_switch_says_why_it_substitutes_whole_doses() -> None:
    """UK lorazepam 1 mg is whole only by default: the Ashton halves need the split allowed."""
    taper = base_plan(
        drug="lorazepam", regimen=Regimen(morning_mg=1, night_mg=1), switch_to="diazepam"
    )
    whole = plan(taper)
    assert any(f.rule == "switch-whole" for f in whole.findings)
    assert len([s for s in whole.steps if s.kind is StepKind.SWITCH]) == 2
    halved = plan(taper.replace(splits=(("lorazepam", 1.0, 2),)))
    assert not any(f.rule == "switch-whole" for f in halved.findings)
    assert len([s for s in halved.steps if s.kind is StepKind.SWITCH]) == 4


def test_a_stock_with_tablets_and_a_liquid_names_the_tablets() -> None:
    # UK diazepam 2 mg tablets and the 2 mg/5 mL solution share a strength: a stock of
    # 5 mg tablets must neither drop the solution nor let a 2 mg tablet back in.
    options = ProductOptions(stock=(5.0,), device="syringe-5ml")
    chosen = chosen_formulation("diazepam", "uk", "tablet+liquid", options)
    assert [p.label for p in chosen.products] == ["5 mg tablet", "2 mg/5 mL oral solution"]
    with pytest.raises(PlanError, match="diazepam tablets in the UK come in 2, 5, 10 mg"):
        chosen_formulation("diazepam", "uk", "tablet+liquid", ProductOptions(stock=(7.0,)))
    # A liquid alone: the stock chooses between the solutions.
    solutions = chosen_formulation("clonazepam", "uk", "liquid", ProductOptions(stock=(0.5,)))
    assert [p.label for p in solutions.products] == ["0.5 mg/5 mL oral solution"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (ProductOptions(splits=((0.25, 4),)), "would be 0.0625 mg"),
        (ProductOptions(compounded_step_mg=0.0015), "a multiple of 0.001 mg"),
    ],
)
def test_pieces_finer_than_a_microgram_are_refused(options: ProductOptions, words: str) -> None:
    # Doses are exact micrograms: a 62.5 µg quarter was rounded to 62 µg and printed as a
    # whole 0.25 mg tablet.
    with pytest.raises(PlanError, match=words) as error:
        chosen_formulation("alprazolam", "uk", "tablet", options)
    assert error.value.field in {"splits.alprazolam", "compounded_step_mg"}


@pytest.mark.parametrize("drug", ["diazepam", "temazepam", "nitrazepam"])
def test_the_spoon_of_another_drugs_liquid_says_its_marks_are_the_clonazepam_packs(
    drug: str,
) -> None:
    # The spoon's marks are documented for Rosemont's clonazepam solution: for another
    # drug's liquid the finding must not let that pack stand as the source unexplained.
    dose_mg = {"diazepam": 10.0, "temazepam": 20.0, "nitrazepam": 5.0}[drug]
    schedule = plan(
        base_plan(
            drug=drug, formulation="liquid", regimen=Regimen(night_mg=dose_mg), device="spoon"
        )
    )
    (device,) = [f for f in schedule.findings if f.rule == "device"]
    assert "clonazepam" in device.source
    assert (
        f"marks as documented for the clonazepam pack: check them against the device "
        f"supplied with the {drug} liquid" in device.message
    )
    own = plan(base_plan(formulation="liquid", regimen=Regimen(night_mg=1), device="spoon"))
    (clonazepam,) = [f for f in own.findings if f.rule == "device"]
    assert "documented for" not in clonazepam.message and "check" not in clonazepam.message

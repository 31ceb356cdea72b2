"""Measurable single doses and the words for them."""

from __future__ import annotations

from fractions import Fraction

import pytest

from planner.dosing.measure import measure_for


def clonazepam(region: str = "uk", formulation: str = "tablet"):
    return measure_for("clonazepam", region, formulation, 20_000)


@pytest.mark.parametrize(
    ("amount_ug", "units"),
    [
        (250, "½ × 0.5 mg tablet"),
        (500, "1 × 0.5 mg tablet"),
        (750, "1 × 0.5 mg tablet + ½ × 0.5 mg tablet"),
        (1000, "1 × 1 mg tablet"),  # the UK 1 mg tablet (Neuraxpharm, emc 13634)
        (2000, "1 × 2 mg tablet"),
        (2500, "1 × 2 mg tablet + 1 × 0.5 mg tablet"),
    ],
)
def test_uk_tablets_prefer_whole_tablets_then_halves(amount_ug: int, units: str) -> None:
    portions = clonazepam().portions(amount_ug)
    assert " + ".join(p.text() for p in portions) == units


def test_uk_tablet_grid_is_a_quarter_milligram() -> None:
    measure = clonazepam()
    assert measure.grid_ug == 250
    assert not measure.is_measurable(125)
    assert measure.next_below(500) == 250
    assert measure.next_below(250) == 0


def test_us_odt_reaches_an_eighth_of_a_milligram_whole_only() -> None:
    measure = clonazepam("us", "odt")
    assert measure.is_measurable(125)
    portions = measure.portions(375)
    assert all(p.quantity.denominator == 1 for p in portions)
    assert sum(Fraction(p.product_label.split()[0]) * p.quantity for p in portions) == Fraction(
        375, 1000
    )


def test_uk_solution_measures_1_25_ml_steps() -> None:
    measure = clonazepam("uk", "liquid")
    (portion,) = measure.portions(125)
    # The supplied spoon (Rosemont): the 1.25 mL line and the 2.5 mL end.
    assert (
        portion.text() == "1.25 mL of 0.5 mg/5 mL oral solution (2.5/5 mL measuring spoon: 1.25 mL)"
    )
    (portion,) = measure.portions(250)
    assert (
        portion.text() == "2.5 mL of 0.5 mg/5 mL oral solution (2.5/5 mL measuring spoon: 2.5 mL)"
    )


def test_large_liquid_doses_use_the_stronger_solution() -> None:
    measure = clonazepam("uk", "liquid")
    (portion,) = measure.portions(3000)
    assert portion.text() == (
        "7.5 mL of 2 mg/5 mL oral solution (2.5/5 mL measuring spoon: 5 mL + 2.5 mL)"
    )
    # Above 10 mL of the weak solution only the strong one's 0.5 mg steps are measurable.
    assert not measure.is_measurable(3125)


def test_whole_only_tablets_leave_gaps() -> None:
    measure = measure_for("lorazepam", "uk", "tablet", 10_000)
    assert measure.is_measurable(3500)  # 1 mg + 2.5 mg
    assert not measure.is_measurable(500)  # the 1 mg tablet is whole only (emc: not all scored)
    assert measure.next_below(2000) == 1250  # half of the scored 2.5 mg (emc 14706)


def test_nearest_prefers_the_larger_on_a_tie() -> None:
    measure = measure_for("diazepam", "uk", "tablet", 40_000)
    assert measure.nearest(7500) == 8000
    assert measure.nearest(7400) == 7000


def test_unmeasurable_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="not measurable"):
        clonazepam().portions(100)

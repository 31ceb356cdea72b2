"""Properties every plan must keep, whatever the drug, formulation or method (Hypothesis)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from itertools import pairwise
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from planner.catalogue import Formulation, drug_names, get_drug
from planner.dosing.dispense import plan_quantities
from planner.dosing.measure import measure_for, to_ug
from planner.dosing.products import ProductOptions, devices_for, options_for, whole_pieces
from planner.dosing.schedule import drug_measure, plan
from planner.errors import PlanError
from planner.model import (
    TIMES_OF_DAY,
    Band,
    Dose,
    Equivalence,
    Method,
    Portion,
    Regimen,
    Schedule,
    StepKind,
    TaperPlan,
)
from tests.planner.helpers import daily


def portion_mg(portion: Portion) -> Fraction:
    """The mg in a portion, read back from its product label ('0.5 mg tablet', '2 mg/5 mL …')."""
    strength_text, _, rest = portion.product_label.partition(" mg")
    strength = Fraction(strength_text)
    if portion.is_liquid:
        per_text = rest.removeprefix("/").split("mL")[0].strip()
        per_ml = Fraction(per_text) if per_text else Fraction(1)
        return strength / per_ml * portion.quantity
    return strength * portion.quantity


@st.composite
def taper_plans(draw: st.DrawFn) -> TaperPlan:
    drug = get_drug(draw(st.sampled_from(drug_names())))
    region = draw(st.sampled_from([r for r in ("uk", "us") if drug.formulations[r]]))
    formulation = draw(st.sampled_from(drug.formulations[region])).name
    limit_ug = to_ug(float(drug.max_daily_mg.value))
    measure = measure_for(drug.name, region, formulation, limit_ug)
    per_time_cap = max(limit_ug // 2, measure.amounts_ug[1])
    choices = [a for a in measure.amounts_ug if a <= per_time_cap]
    doses = {time: draw(st.sampled_from(choices)) for time in TIMES_OF_DAY}
    if sum(doses.values()) == 0:
        doses["night"] = measure.amounts_ug[1]
    regimen = Regimen.from_times({t: ug / 1000 for t, ug in doses.items()})
    products = draw(product_choices(drug.name, region, formulation))
    formulation = products.pop("formulation", formulation)
    if products.get("compounded_step_mg") or formulation != measure.formulation.name:
        options = ProductOptions(compounded_step_mg=products.get("compounded_step_mg"))
        measure = measure_for(drug.name, region, str(formulation), limit_ug, options)
        per_time_cap = max(limit_ug // 2, measure.amounts_ug[1])
        choices = [a for a in measure.amounts_ug if a <= per_time_cap]
        doses = {time: draw(st.sampled_from(choices)) for time in TIMES_OF_DAY}
        if sum(doses.values()) == 0:
            doses["night"] = measure.amounts_ug[1]
        regimen = Regimen.from_times({t: ug / 1000 for t, ug in doses.items()})
    method = draw(st.sampled_from([m for m in Method if m is not Method.CUSTOM]))
    daily_mg = regimen.daily_mg
    switch = None
    if drug.name != "diazepam" and draw(st.booleans()) and "ashton" in drug.equivalents_mg:
        switch = "diazepam"
    plan_daily = daily_mg
    if switch:
        plan_daily = daily_mg * 10 / float(drug.equivalents_mg["ashton"].value)
        products.update(draw(switch_product_choices(region, products, str(formulation), drug.name)))
    amount = draw(st.floats(0.05, 1.0)) * plan_daily
    percent = draw(st.floats(1, 50))
    return TaperPlan(
        drug=drug.name,
        region=region,
        formulation=formulation,
        regimen=regimen,
        method=method,
        reduction_percent=percent,
        final_percent=draw(st.none() | st.floats(1, percent)),
        amount_mg=amount,
        bands=(Band(plan_daily / 2, plan_daily / 4), Band(0, max(plan_daily / 10, 0.01))),
        interval_days=draw(st.integers(1, 60)),
        start=draw(st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31))),
        stabilise_days=draw(st.sampled_from([0, 0, 7, 14])),
        reduce_first=draw(st.none() | st.sampled_from(TIMES_OF_DAY)),
        equivalence=Equivalence.ASHTON,
        switch_to=switch,
        **products,
    )


@st.composite
def product_choices(draw: st.DrawFn, drug: str, region: str, formulation: str) -> dict[str, Any]:
    """Products the clinician may choose: tablets + liquid, a device, splits, stock, compounding."""
    names = [f.name for f in get_drug(drug).formulations[region]]
    liquids = [n for n in names if devices_for(drug, region, n)]
    chosen: dict[str, Any] = {}
    if "tablet" in names and liquids and draw(st.booleans()):
        formulation = chosen["formulation"] = f"tablet+{draw(st.sampled_from(liquids))}"
    devices = devices_for(drug, region, formulation)
    if devices and draw(st.booleans()):
        chosen["device"] = draw(st.sampled_from(devices))
    products = get_drug(drug).formulation(region, formulation).products
    tablets = sorted({p.strength_mg for p in products if not p.is_liquid})
    if tablets and draw(st.booleans()):
        strength = draw(st.sampled_from(tablets))
        pieces = draw(st.sampled_from([n for n in (1, 2, 4) if whole_pieces(strength, n)]))
        chosen["splits"] = ((drug, strength, pieces),)
    if draw(st.integers(0, 5)) == 0:
        chosen = {"compounded_step_mg": draw(st.sampled_from([0.01, 0.025, 0.05, 0.1, 0.5]))}
    return chosen


@st.composite
def switch_product_choices(
    draw: st.DrawFn, region: str, own: dict[str, Any], own_formulation: str, own_drug: str
) -> dict[str, Any]:
    """Diazepam's own products for a switch (the form's Diazepam products box)."""
    names = [f.name for f in get_drug("diazepam").formulations[region]]
    if "tablet" in names:
        names += [f"tablet+{n}" for n in names if devices_for("diazepam", region, n)]
    formulation = draw(st.sampled_from(names))
    chosen: dict[str, Any] = {"switch_formulation": formulation}
    # One device per plan: diazepam's liquid gets one only when today's drug has no liquid.
    own_liquid = devices_for(own_drug, region, own_formulation)
    own_liquid = () if own.get("compounded_step_mg") else own_liquid
    devices = devices_for("diazepam", region, formulation)
    if devices and not own_liquid and draw(st.booleans()):
        chosen["device"] = draw(st.sampled_from(devices))
    products = get_drug("diazepam").formulation(region, formulation).products
    tablets = sorted({p.strength_mg for p in products if not p.is_liquid})
    if tablets and draw(st.booleans()):
        strength = draw(st.sampled_from(tablets))
        pieces = draw(st.sampled_from([n for n in (1, 2, 4) if whole_pieces(strength, n)]))
        chosen["splits"] = (*own.get("splits", ()), ("diazepam", strength, pieces))
    if tablets and draw(st.booleans()):
        chosen["stock"] = (("diazepam", draw(st.sampled_from(tablets))),)
    return chosen


def check_products(taper: TaperPlan, dose: Dose, formulation: Formulation) -> None:
    """A dose uses only the plan's products, measured as its device and splits allow."""
    products = {p.label: p for p in formulation.products}
    liquid_mg = Fraction(0)
    for portion in dose.portions:
        if formulation.products[0].compounded:
            step_ug = to_ug(formulation.products[0].strength_mg)
            # Compounded strengths are whole multiples of the clinician's step.
            assert to_ug(float(portion_mg(portion))) % step_ug == 0
            assert portion.quantity == 1
            continue
        product = products[portion.product_label]
        if portion.is_liquid:
            assert product.device is not None and portion.device == product.device.name
            step = Fraction(str(product.device.step_ml))
            assert portion.quantity % step == 0
            assert portion.quantity >= Fraction(str(product.device.min_ml))
            liquid_mg += portion_mg(portion)
        else:
            assert (portion.quantity * product.pieces).denominator == 1
    tablets = [p.strength_mg for p in formulation.products if not p.is_liquid]
    if tablets and liquid_mg:
        # Tablets + liquid: no more liquid than one (smallest) tablet's worth per dose.
        assert liquid_mg <= Fraction(str(min(tablets)))


def check_invariants(schedule: Schedule) -> None:
    steps = schedule.steps
    taper = schedule.plan
    # Dates are contiguous and the totals add up.
    for before, after in pairwise(steps):
        assert after.start == before.start + dt.timedelta(days=before.days)
    assert schedule.total_days == sum(step.days for step in steps)
    assert steps[0].start == taper.start
    # Every dose is one the patient can measure, and its words add up to its mg.
    for step in steps:
        for dose in step.doses:
            assert dose.mg > 0
            assert sum(portion_mg(p) for p in dose.portions) == Fraction(to_ug(dose.mg), 1000)
            formulation = taper.formulation if dose.drug == taper.drug else taper.switch_formulation
            measure = drug_measure(
                get_drug(dose.drug),
                taper.region,
                formulation,
                taper.regimen.daily_mg * 40,
                options_for(taper, dose.drug),
            )
            assert measure.is_measurable(to_ug(dose.mg))
            check_products(taper, dose, measure.formulation)
    # What is dispensed for the whole plan is exactly the sum of its doses.
    needed: dict[tuple[str, str], Fraction] = {}
    for step in steps:
        for dose in step.doses:
            for portion in dose.portions:
                key = (dose.drug, portion.product_label)
                needed[key] = needed.get(key, Fraction(0)) + portion.quantity * step.days
    dispensed = {(q.drug, q.product_label): q.amount for q in plan_quantities(steps)}
    assert dispensed == {key: amount for key, amount in needed.items() if amount > 0}
    # Doses never rise at any time of day once the taper proper has begun.
    tapered = taper.switch_to or taper.drug
    taper_steps = [s for s in steps if s.kind not in (StepKind.STABILISE, StepKind.SWITCH)]
    for before, after in pairwise(taper_steps):
        for time in TIMES_OF_DAY:
            old = sum(d.mg for d in before.doses_at(time) if d.drug == tapered)
            new = sum(d.mg for d in after.doses_at(time) if d.drug == tapered)
            assert new <= old + 1e-9
        if after.kind is StepKind.REDUCE or after.kind is StepKind.STOP:
            assert daily(after) < daily(before)
    # During a switch the source drug only falls and the diazepam only rises.
    switch_steps = [s for s in steps if s.kind is StepKind.SWITCH]
    for before, after in pairwise(switch_steps):
        for time in TIMES_OF_DAY:
            for drug, direction in ((taper.drug, -1), (tapered, 1)):
                old = sum(d.mg for d in before.doses_at(time) if d.drug == drug)
                new = sum(d.mg for d in after.doses_at(time) if d.drug == drug)
                assert direction * (new - old) >= -1e-9
    # The plan ends at its target.
    last = steps[-1]
    assert last.days == 0
    if taper.maintenance_mg == 0:
        assert last.kind is StepKind.STOP
        assert not last.doses
    else:
        assert last.kind is StepKind.MAINTAIN
        rounded_below = any(f.rule == "maintenance-rounded" for f in schedule.findings)
        assert daily(last) >= taper.maintenance_mg - 1e-9 or rounded_below


@given(taper_plans())
def test_every_plan_keeps_its_promises(taper: TaperPlan) -> None:
    try:
        schedule = plan(taper)
    except PlanError as error:
        # Only input the planner documents as invalid may be refused, with a field named.
        assert error.field
        assert str(error)
        return
    check_invariants(schedule)


@given(taper_plans(), st.floats(0.05, 0.9))
def test_plans_with_a_maintenance_dose_stop_there(taper: TaperPlan, fraction: float) -> None:
    drug = get_drug(taper.drug)
    start_mg = taper.regimen.daily_mg
    if taper.switch_to:
        start_mg *= 10 / float(drug.equivalents_mg["ashton"].value)
    taper = taper.replace(
        maintenance_mg=round(start_mg * fraction, 3), method=Method.FIXED, amount_mg=start_mg / 8
    )
    try:
        schedule = plan(taper)
    except PlanError as error:
        assert error.field
        return
    check_invariants(schedule)

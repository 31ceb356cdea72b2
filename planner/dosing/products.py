"""The products a plan's patient has: the catalogue's, with the clinician's overrides applied."""

from __future__ import annotations

import dataclasses
import functools

from planner.catalogue import (
    SPLIT_WORDS,
    Device,
    Formulation,
    Product,
    get_device,
    get_drug,
    source_text,
    with_device,
)
from planner.dosing.product_text import SPLIT_PIECES
from planner.errors import PlanError
from planner.model import Finding, Severity, TaperPlan, format_mg

COMPOUNDED_NOUN = "compounded capsule"
# A compounding step finer than this is not one a pharmacy can weigh out.
MIN_COMPOUNDED_STEP_MG = 0.001


@dataclasses.dataclass(frozen=True)
class ProductOptions:
    """What the clinician changed about one drug's products (hashable: it keys a cache)."""

    device: str | None = None
    splits: tuple[tuple[float, int], ...] = ()  # (strength mg, pieces)
    stock: tuple[float, ...] = ()  # the only strengths that may be dispensed; empty: all
    compounded_step_mg: float | None = None


NO_OPTIONS = ProductOptions()


def options_for(plan: TaperPlan, drug: str) -> ProductOptions:
    """The plan's product choices that apply to one of its drugs.

    Compounding applies to the plan's own drug only; a switch's diazepam comes as catalogued.
    """
    formulation = plan.formulation if drug == plan.drug else plan.switch_formulation
    return ProductOptions(
        # The one device measures whichever of the plan's formulations has a liquid.
        device=plan.device if devices_for(drug, plan.region, formulation) else None,
        splits=tuple((mg, pieces) for name, mg, pieces in plan.splits if name == drug),
        stock=tuple(mg for name, mg in plan.stock if name == drug),
        compounded_step_mg=plan.compounded_step_mg if drug == plan.drug else None,
    )


def _strengths(products: tuple[Product, ...] | list[Product]) -> str:
    return ", ".join(sorted({format_mg(p.strength_mg) for p in products}, key=float))


def chosen_formulation(
    drug_name: str, region: str, formulation: str, options: ProductOptions
) -> Formulation:
    """The formulation a plan uses for a drug, with its splits, stock, device and compounding.

    Errors name the drug in their field ("splits.diazepam"), so a form shows a switch's
    problems at diazepam's own products.

    Raises:
        PlanError: for a split or stocked strength the products lack, a device that suits no
            liquid of the formulation, or a compounding step that is not positive.
    """
    drug = get_drug(drug_name)
    base = drug.formulation(region, formulation)
    if options.compounded_step_mg is not None:
        return _compounded(drug.display_name, options.compounded_step_mg)
    products = list(base.products)
    tablets = [p for p in products if not p.is_liquid]
    for strength_mg, pieces in options.splits:
        matching = [p for p in tablets if abs(p.strength_mg - strength_mg) < 1e-9]
        if not matching:
            raise PlanError(
                f"--split {format_mg(strength_mg)}: {drug.name} has no "
                f"{format_mg(strength_mg)} mg tablet in the {base.label} ({region.upper()}); "
                f"tablet strengths: {_strengths(tablets) or 'none'}",
                field=f"splits.{drug.name}",
            )
        if not whole_pieces(strength_mg, pieces):
            # Doses are exact whole micrograms: a 62.5 µg quarter would be rounded silently.
            whole = [n for n in SPLIT_PIECES if whole_pieces(strength_mg, n)]
            raise PlanError(
                f"--split {format_mg(strength_mg)}={pieces}: a piece of the "
                f"{format_mg(strength_mg)} mg tablet would be {strength_mg / pieces:g} mg, and "
                f"doses are measured to 0.001 mg; choose {' or '.join(map(str, whole))} pieces",
                field=f"splits.{drug.name}",
            )
        products = [
            dataclasses.replace(p, pieces=pieces, default_pieces=p.pieces) if p in matching else p
            for p in products
        ]
    if options.stock:
        # Tablets + a liquid: the stock names the tablets, the liquid top-up stays (a 2 mg/5 mL
        # solution must not be taken for, or hide, a 2 mg tablet of the same strength).
        solids = [p for p in products if not p.is_liquid]
        pool = solids if solids else products
        for strength_mg in options.stock:
            if not any(abs(p.strength_mg - strength_mg) < 1e-9 for p in pool):
                what = "tablets" if solids and len(solids) < len(products) else base.label
                raise PlanError(
                    f"--stock {format_mg(strength_mg)}: {drug.name} {what} in the "
                    f"{region.upper()} come in {_strengths(pool)} mg",
                    field=f"stock.{drug.name}",
                )
        products = [
            p
            for p in products
            if (p.is_liquid and p not in pool)
            or any(abs(p.strength_mg - s) < 1e-9 for s in options.stock)
        ]
    if options.device is not None:
        products = _measured_with(products, options.device, drug.name, base.label)
    return Formulation(base.name, base.label, tuple(products))


def _measured_with(
    products: list[Product], device_name: str, drug: str, label: str
) -> list[Product]:
    device = get_device(device_name)
    liquids = [p for p in products if p.is_liquid]
    if not liquids:
        raise PlanError(
            f"--device {device_name}: the {drug} {label} include no liquid to measure; "
            "choose a formulation with a liquid (e.g. liquid or tablet+liquid) or no device",
            field=f"device.{drug}",
        )
    for liquid in liquids:
        if device_name not in liquid.devices:
            raise PlanError(
                f"--device {device_name} does not suit the {liquid.label}; "
                f"choose {'|'.join(liquid.devices)}",
                field=f"device.{drug}",
            )
    return [with_device(p, device) for p in products]


def _whole_ug(mg: float) -> bool:
    """True for an amount of whole micrograms, the planner's exact unit."""
    return abs(mg * 1000 - round(mg * 1000)) < 1e-6


def whole_pieces(strength_mg: float, pieces: int) -> bool:
    """True when each piece of a tablet split so is whole micrograms (doses are exact µg)."""
    return _whole_ug(strength_mg / pieces)


def _compounded(display_name: str, step_mg: float) -> Formulation:
    if not (step_mg >= MIN_COMPOUNDED_STEP_MG and _whole_ug(step_mg)):  # also refuses NaN
        raise PlanError(
            f"The compounding step must be at least {format_mg(MIN_COMPOUNDED_STEP_MG)} mg and "
            f"a multiple of {format_mg(MIN_COMPOUNDED_STEP_MG)} mg, e.g. 0.05 (got {step_mg:g})",
            field="compounded_step_mg",
        )
    product = Product(
        strength_mg=step_mg,
        pieces=1,
        per_ml=None,
        step_ml=None,
        source="Clinician's choice: doses made up by a pharmacy in multiples of the step",
        check=False,
        noun=COMPOUNDED_NOUN,
        compounded=True,
    )
    return Formulation("compounded", f"{display_name} compounded doses", (product,))


def devices_for(drug_name: str, region: str, formulation: str) -> tuple[str, ...]:
    """The devices that suit every liquid of a formulation (empty: it has no liquid).

    Raises:
        PlanError: for an unknown drug or a formulation the region lacks.
    """
    liquids = [
        p for p in get_drug(drug_name).formulation(region, formulation).products if p.is_liquid
    ]
    if not liquids:
        return ()
    return tuple(d for d in liquids[0].devices if all(d in p.devices for p in liquids))


def check_products(plan: TaperPlan) -> None:
    """Product choices that fit none of the plan's drugs, caught before any planning.

    Raises:
        PlanError: for a device with no liquid to measure, a split or stock of another drug
            or of a strength the products lack, or a compounding step that is not positive.
    """
    drugs = (plan.drug, plan.switch_to) if plan.switch_to else (plan.drug,)
    named = {name for name, _, _ in plan.splits} | {name for name, _ in plan.stock}
    for name in sorted(named - set(drugs)):
        raise PlanError(
            f"--split/--stock name {name}, which is not a drug of this plan ({' or '.join(drugs)})",
            field="splits",
        )
    drug_formulations = [(plan.drug, plan.formulation)]
    if plan.switch_to:
        drug_formulations.append((plan.switch_to, plan.switch_formulation))
    for drug, formulation in drug_formulations:
        chosen_formulation(drug, plan.region, formulation, options_for(plan, drug))
    if plan.device is None:
        return
    get_device(plan.device)
    pairs = [(plan.drug, plan.formulation)]
    if plan.switch_to:
        pairs.append((plan.switch_to, plan.switch_formulation))
    if plan.compounded_step_mg is not None:
        pairs = pairs[1:]
    if not any(devices_for(drug, plan.region, formulation) for drug, formulation in pairs):
        if plan.compounded_step_mg is not None and devices_for(
            plan.drug, plan.region, plan.formulation
        ):
            raise PlanError(
                f"--device {plan.device}: compounded doses replace the {plan.drug} "
                f"{plan.formulation}, so there is no liquid to measure; give a device only "
                "without --compounded (or for a switch's diazepam liquid)",
                field="device",
            )
        raise PlanError(
            f"--device {plan.device}: the plan's formulations include no liquid to measure; "
            "choose a formulation with a liquid (e.g. liquid or tablet+liquid) or no device",
            field="device",
        )


SPLIT_WORD = {2: "halve", 4: "quarter"}


def product_notes(plan: TaperPlan) -> list[Finding]:
    """What the plan's product choices mean for the patient and the pharmacy, with sources."""
    notes: list[Finding] = []
    drugs = (plan.drug, plan.switch_to) if plan.switch_to else (plan.drug,)
    for drug in drugs:
        formulation = plan.formulation if drug == plan.drug else plan.switch_formulation
        chosen = chosen_formulation(drug, plan.region, formulation, options_for(plan, drug))
        for product in chosen.products:
            if product.default_pieces and product.pieces > product.default_pieces:
                word = SPLIT_WORD.get(product.pieces, "split")
                notes.append(
                    Finding(
                        Severity.INFO,
                        None,
                        f"{word.capitalize()} only tablets with a score line: the plan "
                        f"{word}s the {product.label} of {drug} by the clinician's choice; the "
                        f"catalogue lists it as {SPLIT_WORDS[product.default_pieces]}"
                        + (f" ({product.note})" if product.note else "")
                        + ". Check the patient's tablets before dispensing.",
                        source_text(product.source),
                        rule="split-override",
                    )
                )
            if product.compounded:
                notes.append(
                    Finding(
                        Severity.INFO,
                        None,
                        f"Each dose of {drug} is made up by the pharmacy in multiples of "
                        f"{format_mg(product.strength_mg)} mg (one compounded capsule per dose); "
                        "the pharmacy summary lists each strength and how many.",
                        "Clinician's choice; Maudsley Deprescribing Guidelines (Horowitz & "
                        "Taylor 2024): compounded doses and tapering strips make any dose",
                        rule="compounded",
                    )
                )
        devices_used = {p.device for p in chosen.products if p.device is not None}
        for device in sorted(devices_used, key=lambda d: d.name):
            notes.append(
                Finding(
                    Severity.INFO,
                    None,
                    f"Liquid {drug} is measured with the {device.label}: "
                    f"{format_mg(device.step_ml)} mL marks, no fill under "
                    f"{format_mg(device.min_ml)} mL"
                    + _device_caveat(device, drug)
                    + ". Use the same device every time.",
                    source_text(device.source)
                    + (
                        ""
                        if device.min_source == device.source
                        else "; " + source_text(device.min_source)
                    ),
                    rule="device",
                )
            )
    return notes


@functools.cache  # of the catalogue, which is read once: every plan asks (a caseload, thousands)
def _device_caveat(device: Device, drug: str) -> str:
    """What to check about a device's marks before trusting them for ``drug``.

    The spoon's marks are documented for Rosemont's clonazepam solution only: for another
    drug's liquid they are the likely device, not a checked one (the safer reading), so the
    finding says so rather than let the clonazepam pack stand as the source unexplained.
    """
    if device.documented_for and device.documented_for != drug:
        return (
            f" (marks as documented for the {device.documented_for} pack: check them against "
            f"the device supplied with the {drug} liquid)"
        )
    return " (graduations to check against the device supplied)" if device.check else ""


def combinations(drug_name: str, region: str) -> tuple[tuple[str, str], ...]:
    """Tablets topped up with each liquid: (('tablets + oral solution', 'tablet+liquid'),).

    Raises:
        PlanError: for an unknown drug.
    """
    names = [f.name for f in get_drug(drug_name).formulations.get(region, ())]
    if "tablet" not in names:
        return ()
    combined = [f"tablet+{name}" for name in names if devices_for(drug_name, region, name)]
    return tuple((get_drug(drug_name).formulation(region, name).label, name) for name in combined)

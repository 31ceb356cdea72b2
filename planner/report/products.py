"""Plain words about the plan's products for the handout and the pharmacy: splitting, devices."""

from __future__ import annotations

from planner.catalogue import get_device
from planner.dosing.dispense import Quantity
from planner.dosing.products import chosen_formulation, options_for
from planner.model import Schedule, format_mg

SPLIT_VERB = {2: "Halve", 4: "Quarter"}


def product_lines(schedule: Schedule) -> list[str]:
    """What the patient must know about their medicines: score lines, devices, made-up doses."""
    plan = schedule.plan
    used = {(d.drug, p.product_label) for s in schedule.steps for d in s.doses for p in d.portions}
    lines: list[str] = []
    drugs = (plan.drug, plan.switch_to) if plan.switch_to else (plan.drug,)
    for drug in drugs:
        formulation = plan.formulation if drug == plan.drug else plan.switch_formulation
        chosen = chosen_formulation(drug, plan.region, formulation, options_for(plan, drug))
        for product in chosen.products:
            if product.compounded:
                lines.append(
                    f"Each {drug} dose is one capsule made up by your pharmacy; its strength "
                    "(a multiple of "
                    f"{format_mg(product.strength_mg)} mg) is on the label. Take one per dose."
                )
            if (drug, product.label) not in used:
                continue
            if product.default_pieces and product.pieces > product.default_pieces:
                verb = SPLIT_VERB.get(product.pieces, "Split")
                lines.append(
                    f"{verb} only tablets with a score line: the {drug} {product.label} is split "
                    "in this plan. If your tablets have no score line, ask your pharmacist "
                    "before you start."
                )
            if product.device is not None:
                lines.append(
                    f"Measure the {drug} {product.label} with the {product.device.label} "
                    "exactly as the table says, using the same device every time; never a "
                    "kitchen spoon."
                )
    return lines


def supply_devices(quantities: tuple[Quantity, ...]) -> list[str]:
    """'Supply a 3 mL oral syringe with the diazepam 2 mg/5 mL oral solution' per liquid."""
    return [
        f"Supply a {get_device(q.device).label} with the {q.drug} {q.product_label}."
        for q in quantities
        if q.is_liquid and q.device
    ]

"""Guidance for the plan's own drugs: class-wide items in their names, drug-specific ones only."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from planner import guidance
from planner.catalogue import get_drug, source_text
from planner.errors import PlanError
from planner.guidance import GuidanceItem, GuidanceSection
from planner.model import EQUIVALENCE_TITLES, TaperPlan, format_mg

ABOUT_PREFIX = "about_"


def drug_words(drugs: Sequence[str]) -> str:
    """How a class-wide text names the plan's drugs: 'lorazepam', 'lorazepam or diazepam'."""
    names = list(dict.fromkeys(drugs))
    return " or ".join(names) if names else guidance.ANY_DRUG


def worded(item: GuidanceItem, drugs: Sequence[str]) -> GuidanceItem:
    """A class-wide item with the plan's drugs named where its text has a drug mark."""
    words = drug_words(drugs)
    text = item.text.replace(guidance.DRUG_MARK_TITLE, words[:1].upper() + words[1:])
    return dataclasses.replace(item, text=text.replace(guidance.DRUG_MARK, words))


def citation(item: GuidanceItem) -> str:
    """The item's sources in full: the source document and its class-level source, if any.

    A catalogue fact (an 'About' item) names a catalogue source instead of a guidance one.
    """
    try:
        cited = guidance.source_citation(item.source)
    except ValueError:
        cited = source_text(item.source)
    if item.class_source:
        cited += "; class-wide: " + guidance.source_citation(item.class_source)
    return cited


def about_section(drug_name: str, region: str, equivalence: str) -> GuidanceSection | None:
    """'About lorazepam': its half-life, diazepam equivalent and labelled maximum, each sourced.

    These come from the drug catalogue, not the (clonazepam) source document.
    """
    try:
        drug = get_drug(drug_name)
    except PlanError:
        return None
    check = " (check)"
    half = drug.half_life_h
    items = [
        GuidanceItem(
            f"{drug.display_name} is a benzodiazepine; its half-life is {half.value} hours"
            f"{check if half.check else ''}.",
            half.source,
            drug=drug.name,
        )
    ]
    equivalent = drug.equivalents_mg.get(equivalence)
    if equivalent is not None and drug.name != "diazepam":
        items.append(
            GuidanceItem(
                f"{format_mg(float(equivalent.value))} mg of {drug.name} counts as 10 mg of "
                f"diazepam ({EQUIVALENCE_TITLES.get(equivalence, equivalence)} table).",
                equivalent.source,
                drug=drug.name,
            )
        )
    maximum = drug.max_daily(region)
    note = f" ({maximum.note})" if maximum.note else ""
    items.append(
        GuidanceItem(
            f"Labelled maximum in the {region.upper()}: {format_mg(float(maximum.value))} mg a "
            f"day{note}{check if maximum.check else ''}.",
            maximum.source,
            drug=drug.name,
        )
    )
    return GuidanceSection(ABOUT_PREFIX + drug.name, f"About {drug.name}", tuple(items), drug.name)


def sections_for(
    drugs: Sequence[str], region: str = "uk", equivalence: str = "ashton"
) -> tuple[GuidanceSection, ...]:
    """The guidance for a plan of these drugs, in the order it is shown.

    Drug-specific sections and items appear only for their drug; class-wide ones name the
    plan's drugs; each drug gets its 'About' section from the catalogue after the
    drug-specific sections.

    Args:
        drugs: the plan's drugs (two for a switch), by catalogue name.
        region: the plan's region (for the labelled maximum).
        equivalence: the plan's equivalence table.
    """
    specific: list[GuidanceSection] = []
    shared: list[GuidanceSection] = []
    for section in guidance.sections():
        if section.drug and section.drug not in drugs:
            continue
        items = tuple(
            worded(item, drugs) for item in section.items if not item.drug or item.drug in drugs
        )
        if items:
            (specific if section.drug else shared).append(dataclasses.replace(section, items=items))
    about = [s for name in dict.fromkeys(drugs) if (s := about_section(name, region, equivalence))]
    return (*specific, *about, *shared)


def section_for(section_id: str, drugs: Sequence[str]) -> GuidanceSection:
    """One class-wide section worded for the plan's drugs.

    Raises:
        ValueError: naming the sections there are.
    """
    section = guidance.section(section_id)
    items = tuple(
        worded(item, drugs) for item in section.items if not item.drug or item.drug in drugs
    )
    return dataclasses.replace(section, items=items)


def cautions_for(factors: Iterable[str], drugs: Sequence[str]) -> tuple[GuidanceItem, ...]:
    """The patient's cautions (see ``guidance.cautions_for``) worded for the plan's drugs."""
    return tuple(worded(item, drugs) for item in guidance.cautions_for(factors))


def plan_drugs(plan: TaperPlan) -> tuple[str, ...]:
    """The drugs a plan gives: today's drug, and diazepam too in a switch."""
    return (plan.drug,) if plan.switch_to is None else (plan.drug, plan.switch_to)

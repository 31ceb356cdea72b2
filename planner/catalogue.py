"""The drug catalogue: strengths, splits, equivalents and limits, each with its source."""

from __future__ import annotations

import dataclasses
import functools
from fractions import Fraction
from typing import Any

import resources
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, format_mg

REGIONS: tuple[str, ...] = ("uk", "us")

SPLIT_WORDS = {1: "whole only", 2: "scored: halves", 4: "cross-scored: quarters"}


@dataclasses.dataclass(frozen=True)
class Product:
    """One tablet strength or one oral solution concentration."""

    strength_mg: float
    pieces: int  # 1 whole only, 2 halves, 4 quarters; liquids use 1
    per_ml: float | None  # liquids: strength_mg per this many mL
    step_ml: float | None  # liquids: smallest volume a patient can measure
    source: str
    check: bool
    noun: str  # "tablet", "capsule", "orally disintegrating tablet", "oral solution"

    @property
    def is_liquid(self) -> bool:
        """True for an oral solution or suspension."""
        return self.per_ml is not None

    @property
    def label(self) -> str:
        """How the product is named on a dose line: '0.5 mg tablet', '0.5 mg/5 mL oral solution'."""
        if self.per_ml is not None:
            return f"{format_mg(self.strength_mg)} mg/{format_mg(self.per_ml)} mL {self.noun}"
        return f"{format_mg(self.strength_mg)} mg {self.noun}"

    @property
    def description(self) -> str:
        """Label plus how it may be divided or measured."""
        if self.step_ml is not None:
            return f"{self.label} (measured in {format_mg(self.step_ml)} mL steps)"
        return f"{self.label} ({SPLIT_WORDS.get(self.pieces, f'{self.pieces} pieces')})"

    @property
    def unit_ug(self) -> int:
        """The smallest measurable amount of this product, in micrograms."""
        if self.per_ml is not None and self.step_ml is not None:
            return round(self.strength_mg * 1000 * self.step_ml / self.per_ml)
        return round(self.strength_mg * 1000 / self.pieces)

    def unit_quantity(self) -> Fraction:
        """How much of the product one smallest unit is: ½ tablet, or 1.25 mL."""
        if self.step_ml is not None:
            return Fraction(str(self.step_ml))
        return Fraction(1, self.pieces)


@dataclasses.dataclass(frozen=True)
class Formulation:
    """A way to take a drug in a region: its name and the products it comes in."""

    name: str
    label: str
    products: tuple[Product, ...]

    @property
    def description(self) -> str:
        """'tablets: 0.5 mg tablet (scored: halves), 2 mg tablet (…)'."""
        return f"{self.label}: " + ", ".join(p.description for p in self.products)


@dataclasses.dataclass(frozen=True)
class SourcedValue:
    """A number or text with the source it came from."""

    value: float | str
    source: str
    check: bool = False
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Drug:
    """A benzodiazepine with its figures and formulations by region."""

    name: str
    display_name: str
    equivalents_mg: dict[str, SourcedValue]  # mg equal to 10 mg diazepam, by table
    half_life_h: SourcedValue
    max_daily_by_region: dict[str, SourcedValue]  # the labelled maximum, by region
    formulations: dict[str, tuple[Formulation, ...]]  # by region

    def max_daily(self, region: str) -> SourcedValue:
        """The labelled maximum daily dose in a region, with its source.

        Maxima differ by region (UK lorazepam 4 mg, US 10 mg). A region without its own
        figure (nitrazepam has no US product) gets the lowest figure known, the safer reading.
        """
        maximum = self.max_daily_by_region.get(region)
        if maximum is not None:
            return maximum
        return min(self.max_daily_by_region.values(), key=lambda m: float(m.value))

    @property
    def max_daily_mg(self) -> SourcedValue:
        """The highest labelled maximum in any region: a ceiling for input, not a check."""
        return max(self.max_daily_by_region.values(), key=lambda m: float(m.value))

    def diazepam_factor(self, table: str) -> float:
        """Mg of diazepam per mg of this drug by an equivalence table.

        Raises:
            PlanError: if the table lists no equivalent for this drug.
        """
        equivalent = self.equivalents_mg.get(table)
        if equivalent is None:
            tables = ", ".join(EQUIVALENCE_TITLES[t] for t in self.equivalents_mg)
            raise PlanError(
                f"{EQUIVALENCE_TITLES.get(table, table)} gives no diazepam equivalent for "
                f"{self.name}; choose {tables}",
                field="equivalence",
            )
        return 10.0 / float(equivalent.value)

    def formulation(self, region: str, name: str) -> Formulation:
        """The named formulation in a region.

        Raises:
            PlanError: naming the formulations that region does have.
        """
        available = self.formulations.get(region, ())
        for formulation in available:
            if formulation.name == name:
                return formulation
        names = ", ".join(f.name for f in available) or "none"
        raise PlanError(
            f"{self.display_name} has no '{name}' formulation in the {region.upper()}; "
            f"available: {names}",
            field="formulation",
        )


def _sourced(raw: dict[str, Any], key: str = "value") -> SourcedValue:
    return SourcedValue(
        value=raw[key] if key in raw else raw["text"],
        source=raw["source"],
        check=bool(raw.get("check", False)),
        note=str(raw.get("note", "")),
    )


_NOUNS = {
    "tablet": "tablet",
    "odt": "orally disintegrating tablet",
    "capsule": "capsule",
}


def _formulation(raw: dict[str, Any]) -> Formulation:
    name = str(raw["name"])
    noun = _NOUNS.get(name, str(raw["label"]))
    products = tuple(
        Product(
            strength_mg=float(p["strength_mg"]),
            pieces=int(p.get("pieces", 1)),
            per_ml=float(p["per_ml"]) if "per_ml" in p else None,
            step_ml=float(p["step_ml"]) if "step_ml" in p else None,
            source=str(p["source"]),
            check=bool(p.get("check", False)),
            noun=noun,
        )
        for p in raw["products"]
    )
    return Formulation(name=name, label=str(raw["label"]), products=products)


@functools.cache
def _catalogue() -> tuple[dict[str, Drug], dict[str, str]]:
    data = resources.load_json("catalogue.json")
    drugs: dict[str, Drug] = {}
    for name, raw in data["drugs"].items():
        drugs[name] = Drug(
            name=name,
            display_name=raw["display_name"],
            equivalents_mg={
                table: _sourced(value)
                for table, value in raw["equivalent_to_10mg_diazepam_mg"].items()
            },
            half_life_h=_sourced(raw["half_life_h"], "text"),
            max_daily_by_region={
                region: _sourced(value) for region, value in raw["max_daily_mg"].items()
            },
            formulations={
                region: tuple(_formulation(f) for f in raw["formulations"].get(region, []))
                for region in REGIONS
            },
        )
    return drugs, dict(data["sources"])


def drug_names() -> tuple[str, ...]:
    """Every drug in the catalogue, in catalogue order."""
    return tuple(_catalogue()[0])


def get_drug(name: str) -> Drug:
    """Look up a drug by its catalogue name (lower case, e.g. "clonazepam").

    Raises:
        PlanError: naming the drugs that are available.
    """
    drugs = _catalogue()[0]
    drug = drugs.get(name)  # exact: a plan must name its drug as the catalogue does
    if drug is None:
        raise PlanError(f"Unknown drug '{name}'; available: {', '.join(drugs)}", field="drug")
    return drug


def source_text(source_id: str) -> str:
    """The full citation for a source id used in the catalogue."""
    return _catalogue()[1].get(source_id, source_id)


def sources() -> dict[str, str]:
    """All catalogue sources by id."""
    return dict(_catalogue()[1])

"""The drug catalogue: strengths, splits, equivalents and limits, each with its source."""

from __future__ import annotations

import dataclasses
import functools
import math
from fractions import Fraction
from typing import Any

import resources
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, format_mg

REGIONS: tuple[str, ...] = ("uk", "us")

SPLIT_WORDS = {1: "whole only", 2: "scored: halves", 4: "cross-scored: quarters"}


@dataclasses.dataclass(frozen=True)
class Device:
    """A measuring device for a liquid: its capacity, graduations and smallest accurate fill."""

    name: str  # "syringe-3ml", as the command line spells it
    label: str  # "3 mL oral syringe"
    capacity_ml: float
    step_ml: float  # the finest graduation
    min_ml: float  # the smallest fill the device measures accurately
    marks_ml: tuple[float, ...]  # a spoon's few marks; empty: every step is marked
    source: str
    min_source: str
    check: bool
    # The drug whose pack documents the device's marks (the spoon: Rosemont's clonazepam),
    # or "" when they are the device's own (syringes, a concentrate's dropper).
    documented_for: str = ""


@dataclasses.dataclass(frozen=True)
class Product:
    """One tablet strength or one oral solution concentration."""

    strength_mg: float
    pieces: int  # 1 whole only, 2 halves, 4 quarters; liquids use 1
    per_ml: float | None  # liquids: strength_mg per this many mL
    step_ml: float | None  # liquids: smallest volume a patient can measure (the device's)
    source: str
    check: bool
    noun: str  # "tablet", "capsule", "orally disintegrating tablet", "oral solution"
    devices: tuple[str, ...] = ()  # liquids: the devices that suit it, the default first
    device: Device | None = None  # liquids: the device the plan measures it with
    note: str = ""  # e.g. which makers' tablets are scored
    default_pieces: int = 0  # the catalogue's split before a plan's override (0: same)
    compounded: bool = False  # made up by a pharmacy in any multiple of strength_mg

    @property
    def is_liquid(self) -> bool:
        """True for an oral solution or suspension."""
        return self.per_ml is not None

    @property
    def label(self) -> str:
        """How the product is named on a dose line: '0.5 mg tablet', '0.5 mg/5 mL oral solution'."""
        if self.per_ml is not None:
            per = "mL" if self.per_ml == 1 else f"{format_mg(self.per_ml)} mL"
            return f"{format_mg(self.strength_mg)} mg/{per} {self.noun}"
        return f"{format_mg(self.strength_mg)} mg {self.noun}"

    @property
    def description(self) -> str:
        """Label plus how it may be divided or measured."""
        if self.compounded:
            return f"doses made up by the pharmacy in multiples of {format_mg(self.strength_mg)} mg"
        if self.device is not None:
            return (
                f"{self.label} (measured with the {self.device.label} in "
                f"{format_mg(self.device.step_ml)} mL steps, at least "
                f"{format_mg(self.device.min_ml)} mL)"
            )
        if self.step_ml is not None:
            return f"{self.label} (measured in {format_mg(self.step_ml)} mL steps)"
        return f"{self.label} ({SPLIT_WORDS.get(self.pieces, f'{self.pieces} pieces')})"

    @property
    def min_ug(self) -> int:
        """The smallest single measurable amount: one piece, or the device's smallest fill."""
        unit = self.unit_ug
        if self.per_ml is None or self.device is None:
            return unit
        fill_ug = self.strength_mg * 1000 * self.device.min_ml / self.per_ml
        return unit * max(1, math.ceil(fill_ug / unit - 1e-9))

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


def _with_device(product: Product, device: Device | None) -> Product:
    """A liquid measured with a device: its step is the device's finest graduation."""
    if device is None:
        return product
    return dataclasses.replace(product, device=device, step_ml=device.step_ml)


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
        if "+" in name:
            return self._combined(region, name)
        for formulation in available:
            if formulation.name == name:
                return formulation
        names = ", ".join(f.name for f in available) or "none"
        raise PlanError(
            f"{self.display_name} has no '{name}' formulation in the {region.upper()}; "
            f"available: {names}",
            field="formulation",
        )

    def _combined(self, region: str, name: str) -> Formulation:
        """Several formulations taken together, e.g. 'tablet+liquid'.

        Raises:
            PlanError: for an unknown part or one named twice.
        """
        parts = [part.strip() for part in name.split("+")]
        if len(set(parts)) != len(parts) or "" in parts:
            raise PlanError(
                f"Formulation '{name}' names a part twice or leaves one empty; "
                "join different formulations with '+', e.g. tablet+liquid",
                field="formulation",
            )
        found = [self.formulation(region, part) for part in parts]
        return Formulation(
            name="+".join(parts),
            label=" + ".join(f.label for f in found),
            products=tuple(p for f in found for p in f.products),
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


def _device(name: str, raw: dict[str, Any]) -> Device:
    return Device(
        name=name,
        label=str(raw["label"]),
        capacity_ml=float(raw["capacity_ml"]),
        step_ml=float(raw["step_ml"]),
        min_ml=float(raw["min_ml"]),
        marks_ml=tuple(float(mark) for mark in raw.get("marks_ml", ())),
        source=str(raw["source"]),
        min_source=str(raw.get("min_source", raw["source"])),
        check=bool(raw.get("check", False)),
        documented_for=str(raw.get("documented_for", "")),
    )


def _formulation(raw: dict[str, Any], devices: dict[str, Device]) -> Formulation:
    name = str(raw["name"])
    noun = _NOUNS.get(name, str(raw["label"]))
    products = tuple(
        _with_device(
            Product(
                strength_mg=float(p["strength_mg"]),
                pieces=int(p.get("pieces", 1)),
                per_ml=float(p["per_ml"]) if "per_ml" in p else None,
                step_ml=None,
                source=str(p["source"]),
                check=bool(p.get("check", False)),
                noun=str(p.get("noun", noun)),
                devices=tuple(str(d) for d in p.get("devices", ())),
                note=str(p.get("note", "")),
            ),
            devices[p["devices"][0]] if p.get("devices") else None,
        )
        for p in raw["products"]
    )
    return Formulation(name=name, label=str(raw["label"]), products=products)


@functools.cache
def _catalogue() -> tuple[dict[str, Drug], dict[str, str], dict[str, Device]]:
    data = resources.load_json("catalogue.json")
    devices = {name: _device(name, raw) for name, raw in data["devices"].items()}
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
                region: tuple(_formulation(f, devices) for f in raw["formulations"].get(region, []))
                for region in REGIONS
            },
        )
    return drugs, dict(data["sources"]), devices


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


def devices() -> dict[str, Device]:
    """Every measuring device by its command-line name, in catalogue order."""
    return dict(_catalogue()[2])


def get_device(name: str) -> Device:
    """Look up a measuring device by name ("syringe-3ml").

    Raises:
        PlanError: naming the devices that exist.
    """
    found = _catalogue()[2].get(name)
    if found is None:
        raise PlanError(
            f"Unknown device '{name}'; choose {'|'.join(_catalogue()[2])}", field="device"
        )
    return found


def with_device(product: Product, device: Device | None) -> Product:
    """The product measured with another device (liquids only; tablets unchanged)."""
    return _with_device(product, device) if product.is_liquid else product

"""Which single doses a patient can measure with a formulation, and in which tablets or mL."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
from fractions import Fraction

from planner.catalogue import Formulation, Product, get_drug
from planner.dosing.devices import how_to_measure
from planner.dosing.products import NO_OPTIONS, ProductOptions, chosen_formulation
from planner.model import Portion, format_mg

# Above this many pieces at one time of day a dose is not a practical one to take.
MAX_PIECES_PER_DOSE = 10
# A weaker solution gives finer steps, but only up to this volume per dose is it practical.
MAX_COMFORTABLE_VOLUME_ML = 10


@dataclasses.dataclass(frozen=True)
class _Unit:
    """One way to take a piece of a product: a whole tablet, a half, a quarter, one mL step."""

    product: Product
    amount_ug: int
    quantity: Fraction
    is_fraction: bool


class Measure:
    """The measurable single doses (one time of day) of one formulation, in micrograms.

    Amounts are integers of micrograms so that sums and comparisons are exact.
    """

    def __init__(self, formulation: Formulation, limit_ug: int) -> None:
        self.formulation = formulation
        self.limit_ug = limit_ug
        self._liquid = all(p.is_liquid for p in formulation.products)
        self._compounded = any(p.compounded for p in formulation.products)
        # Tablets and a liquid together: whole units first, the liquid for the remainder.
        self._mixed = not self._liquid and any(p.is_liquid for p in formulation.products)
        units = self._units(formulation)
        self.grid_ug = functools.reduce(math.gcd, (u.amount_ug for u in units))
        tablet_units = [u for u in units if not u.product.is_liquid]
        self._tablet_grid_ug = functools.reduce(math.gcd, (u.amount_ug for u in tablet_units), 0)
        self._best: list[tuple[int, int, tuple[_Unit, ...]] | None] = []
        self._portions: dict[int, tuple[Portion, ...]] = {}
        self._tablet_part: dict[int, int] = {}  # mixed: amount -> the tablets' share of it
        if self._compounded:
            self.amounts_ug = list(range(0, limit_ug + 1, self.grid_ug))
        elif self._liquid:
            self.amounts_ug = self._liquid_amounts(formulation.products, limit_ug)
        elif self._mixed:
            self.amounts_ug = self._mixed_amounts(units)
        else:
            self.amounts_ug = self._tablet_amounts(units)

    @staticmethod
    def _units(formulation: Formulation) -> list[_Unit]:
        units: list[_Unit] = []
        for product in formulation.products:
            if product.is_liquid:
                units.append(_Unit(product, product.unit_ug, product.unit_quantity(), False))
                continue
            units.append(_Unit(product, round(product.strength_mg * 1000), Fraction(1), False))
            for pieces in (2, 4):
                if product.pieces >= pieces and product.pieces % pieces == 0:
                    units.append(
                        _Unit(
                            product,
                            round(product.strength_mg * 1000 / pieces),
                            Fraction(1, pieces),
                            True,
                        )
                    )
        return units

    def _mixed_amounts(self, units: list[_Unit]) -> list[int]:
        """Tablet amounts plus a liquid remainder of at most one smallest tablet's worth."""
        tablet_amounts = self._tablet_amounts([u for u in units if not u.product.is_liquid])
        one_tablet_ug = min(
            round(p.strength_mg * 1000) for p in self.formulation.products if not p.is_liquid
        )
        liquids = tuple(p for p in self.formulation.products if p.is_liquid)
        remainders = self._liquid_amounts(liquids, min(one_tablet_ug, self.limit_ug))
        for tablets_ug in tablet_amounts:  # ascending: the largest tablet share wins
            for liquid_ug in remainders:
                amount = tablets_ug + liquid_ug
                if amount > self.limit_ug:
                    break
                self._tablet_part[amount] = tablets_ug
        return sorted(self._tablet_part)

    def _tablet_amounts(self, units: list[_Unit]) -> list[int]:
        """Dynamic programme over multiples of the grid: fewest split pieces, then fewest pieces."""
        grid_ug = self._tablet_grid_ug
        size = self.limit_ug // grid_ug + 1
        best: list[tuple[int, int, tuple[_Unit, ...]] | None] = [None] * size
        best[0] = (0, 0, ())
        # Whole tablets of the largest strength first, so ties keep the simplest choice.
        ordered = sorted(units, key=lambda u: (u.is_fraction, -u.amount_ug))
        for index in range(1, size):
            amount = index * grid_ug
            for unit in ordered:
                if unit.amount_ug > amount:
                    continue
                previous = best[(amount - unit.amount_ug) // grid_ug]
                if previous is None:
                    continue
                candidate = (
                    previous[0] + unit.is_fraction,
                    previous[1] + 1,
                    (*previous[2], unit),
                )
                current = best[index]
                if current is None or candidate[:2] < current[:2]:
                    best[index] = candidate
        self._best = best
        return [
            i * grid_ug
            for i, entry in enumerate(best)
            if entry is not None and entry[1] <= MAX_PIECES_PER_DOSE
        ]

    @classmethod
    def _liquid_amounts(cls, liquids: tuple[Product, ...], limit_ug: int) -> list[int]:
        """Any volume of the strongest solution; weaker ones only up to a comfortable volume.

        No fill below the device's smallest accurate volume: below it only zero is measurable.
        """
        products = sorted(liquids, key=lambda p: -p.strength_mg / (p.per_ml or 1))
        amounts = {0, *range(products[0].min_ug, limit_ug + 1, products[0].unit_ug)}
        for product in products[1:]:
            cap_ug = min(limit_ug, cls._amount_for_volume(product, MAX_COMFORTABLE_VOLUME_ML))
            amounts.update(range(product.min_ug, cap_ug + 1, product.unit_ug))
        return sorted(amounts)

    @staticmethod
    def _amount_for_volume(product: Product, volume_ml: float) -> int:
        assert product.per_ml is not None
        return int(product.strength_mg * 1000 * volume_ml / product.per_ml)

    def is_measurable(self, amount_ug: int) -> bool:
        """True if one dose of exactly this amount can be measured."""
        index = bisect.bisect_left(self.amounts_ug, amount_ug)
        return index < len(self.amounts_ug) and self.amounts_ug[index] == amount_ug

    def next_below(self, amount_ug: int) -> int:
        """The largest measurable amount strictly below ``amount_ug`` (0 at least)."""
        index = bisect.bisect_left(self.amounts_ug, amount_ug)
        return self.amounts_ug[index - 1] if index > 0 else 0

    def nearest(self, amount_ug: float) -> int:
        """The measurable amount closest to ``amount_ug``; a tie goes to the larger one."""
        index = bisect.bisect_left(self.amounts_ug, amount_ug)
        if index >= len(self.amounts_ug):
            return self.amounts_ug[-1]
        above = self.amounts_ug[index]
        below = self.amounts_ug[index - 1] if index > 0 else above
        return below if amount_ug - below < above - amount_ug else above

    def portions(self, amount_ug: int) -> tuple[Portion, ...]:
        """The tablets or mL to take for a measurable amount (cached: plans repeat doses).

        Raises:
            ValueError: if the amount is not measurable (a planner bug, never input).
        """
        cached = self._portions.get(amount_ug)
        if cached is None:
            cached = self._portions[amount_ug] = self._compute_portions(amount_ug)
        return cached

    def _compute_portions(self, amount_ug: int) -> tuple[Portion, ...]:
        if amount_ug == 0:
            return ()
        if not self.is_measurable(amount_ug):
            raise ValueError(f"{format_mg(amount_ug / 1000)} mg is not measurable")
        if self._compounded:
            label = f"{format_mg(amount_ug / 1000)} mg {self._product_noun()}"
            return (Portion(label, Fraction(1)),)
        if self._liquid:
            return (self._liquid_portion(amount_ug),)
        if self._mixed:
            tablets_ug = self._tablet_part[amount_ug]
            rest_ug = amount_ug - tablets_ug
            liquid = (self._liquid_portion(rest_ug),) if rest_ug else ()
            return self._tablet_portions(tablets_ug) + liquid
        return self._tablet_portions(amount_ug)

    def _product_noun(self) -> str:
        return self.formulation.products[0].noun

    def _tablet_portions(self, amount_ug: int) -> tuple[Portion, ...]:
        if amount_ug == 0:
            return ()
        entry = self._best[amount_ug // self._tablet_grid_ug]
        assert entry is not None
        counts: dict[tuple[Product, bool], Fraction] = {}
        for unit in entry[2]:
            key = (unit.product, unit.is_fraction)
            counts[key] = counts.get(key, Fraction(0)) + unit.quantity
        ordered = sorted(counts.items(), key=lambda item: (item[0][1], -item[0][0].strength_mg))
        return tuple(Portion(product.label, quantity) for (product, _), quantity in ordered)

    def _liquid_portion(self, amount_ug: int) -> Portion:
        """One solution per dose: the weakest that measures it within a comfortable volume."""
        liquids = [p for p in self.formulation.products if p.is_liquid]
        products = sorted(liquids, key=lambda p: p.strength_mg / (p.per_ml or 1))
        for product in products:
            volume_ml = self._volume_ml(product, amount_ug)
            exact = amount_ug % product.unit_ug == 0 and amount_ug >= product.min_ug
            if exact and (volume_ml <= MAX_COMFORTABLE_VOLUME_ML or product is products[-1]):
                if product.device is None:
                    return Portion(product.label, volume_ml, is_liquid=True)
                how = how_to_measure(volume_ml, product.device)
                return Portion(
                    product.label, volume_ml, is_liquid=True, device=product.device.name, how=how
                )
        raise ValueError(f"{format_mg(amount_ug / 1000)} mg is not measurable")

    @staticmethod
    def _volume_ml(product: Product, amount_ug: int) -> Fraction:
        assert product.per_ml is not None
        return Fraction(amount_ug, round(product.strength_mg * 1000)) * Fraction(
            str(product.per_ml)
        )

    def describe_grid(self) -> str:
        """Words for the error message when a dose cannot be measured."""
        smallest = self.amounts_ug[1] if len(self.amounts_ug) > 1 else 0
        return (
            f"{self.formulation.description}; the smallest measurable dose is "
            f"{format_mg(smallest / 1000)} mg"
        )


@functools.cache
def measure_for(
    drug: str,
    region: str,
    formulation: str,
    limit_ug: int,
    options: ProductOptions = NO_OPTIONS,
) -> Measure:
    """The cached Measure of a drug's formulation in a region, up to ``limit_ug`` per dose.

    Raises:
        PlanError: for a formulation the region lacks or options its products cannot meet.
    """
    return Measure(chosen_formulation(drug, region, formulation, options), limit_ug)


def smallest_dose_mg(
    drug: str, region: str, formulation: str, options: ProductOptions = NO_OPTIONS
) -> float:
    """The smallest single dose a formulation can give, in mg (a form's natural step).

    Raises:
        PlanError: for an unknown drug or a formulation the region lacks.
    """
    limit_ug = to_ug(float(get_drug(drug).max_daily_mg.value))
    amounts = measure_for(drug, region, formulation, limit_ug, options).amounts_ug
    return amounts[1] / 1000 if len(amounts) > 1 else 0.0


def to_ug(mg: float) -> int:
    """Milligrams to whole micrograms, the planner's exact unit."""
    return round(mg * 1000)

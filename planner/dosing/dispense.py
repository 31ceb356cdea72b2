"""How much of each product a plan needs: per step, per dispensing period, in total."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

from planner.catalogue import get_device
from planner.model import Step, format_quantity_ml


@dataclasses.dataclass(frozen=True)
class Quantity:
    """An amount of one product: whole tablets to hand out, or mL of solution."""

    drug: str
    product_label: str
    amount: Fraction  # exact tablets (may be fractional) or mL
    is_liquid: bool
    device: str = ""  # liquids: the measuring device to supply with it

    @property
    def to_dispense(self) -> Fraction:
        """Whole tablets to supply (a part tablet needs a whole one), or the exact mL."""
        return self.amount if self.is_liquid else Fraction(math.ceil(self.amount))

    def text(self) -> str:
        """'70 × clonazepam 0.5 mg tablet', '245 mL of clonazepam 0.5 mg/5 mL oral solution'."""
        if self.is_liquid:
            text = f"{format_quantity_ml(self.to_dispense)} mL of {self.drug} {self.product_label}"
            return text + (f" with a {get_device(self.device).label}" if self.device else "")
        return f"{int(self.to_dispense)} × {self.drug} {self.product_label}"


_Key = tuple[str, str, bool, str]  # drug, product label, is liquid, device


def _add(totals: dict[_Key, Fraction], steps: Iterable[tuple[Step, int]]) -> None:
    for step, days in steps:
        for dose in step.doses:
            for portion in dose.portions:
                key = (dose.drug, portion.product_label, portion.is_liquid, portion.device)
                totals[key] = totals.get(key, Fraction(0)) + portion.quantity * days


def _as_quantities(totals: dict[_Key, Fraction]) -> tuple[Quantity, ...]:
    return tuple(
        Quantity(drug, label, amount, is_liquid, device)
        for (drug, label, is_liquid, device), amount in sorted(totals.items())
        if amount > 0
    )


def step_quantities(step: Step) -> tuple[Quantity, ...]:
    """What one step needs over its days (a split tablet's other part is used next day)."""
    totals: dict[_Key, Fraction] = {}
    _add(totals, [(step, step.days)])
    return _as_quantities(totals)


def plan_quantities(steps: Sequence[Step]) -> tuple[Quantity, ...]:
    """What the whole plan needs, from its first day to its end date."""
    totals: dict[_Key, Fraction] = {}
    _add(totals, ((step, step.days) for step in steps))
    return _as_quantities(totals)


@dataclasses.dataclass(frozen=True)
class Period:
    """One dispensing period and what it needs."""

    start: dt.date
    end: dt.date
    quantities: tuple[Quantity, ...]


def period_quantities(steps: Sequence[Step], period_days: int) -> tuple[Period, ...]:
    """Quantities per dispensing period of ``period_days`` from the plan's start.

    Raises:
        ValueError: for a period shorter than one day.
    """
    if period_days < 1:
        raise ValueError("A dispensing period must be at least one day")
    dated = [step for step in steps if step.days > 0]
    if not dated:
        return ()
    start = dated[0].start
    end = dated[-1].start + dt.timedelta(days=dated[-1].days)
    periods: list[Period] = []
    period_start = start
    while period_start < end:
        period_end = min(period_start + dt.timedelta(days=period_days), end)
        totals: dict[_Key, Fraction] = {}
        overlaps = []
        for step in dated:
            step_end = step.start + dt.timedelta(days=step.days)
            days = (min(step_end, period_end) - max(step.start, period_start)).days
            if days > 0:
                overlaps.append((step, days))
        _add(totals, overlaps)
        periods.append(
            Period(period_start, period_end - dt.timedelta(days=1), _as_quantities(totals))
        )
        period_start = period_end
    return tuple(periods)


def quantities_text(quantities: Iterable[Quantity]) -> str:
    """Quantities on one line, or 'nothing'."""
    parts = [quantity.text() for quantity in quantities]
    return "; ".join(parts) if parts else "nothing"

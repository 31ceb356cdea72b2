"""The pharmacy summary: each product's quantity per dispensing period and for the whole plan."""

from __future__ import annotations

import dataclasses

from planner.dosing.dispense import Period, Quantity, period_quantities, plan_quantities
from planner.errors import PlanError
from planner.model import Schedule, format_quantity_ml

PERIOD_CHOICES: tuple[int, ...] = (7, 14, 28)
Product = tuple[str, str]  # drug, product label: ("clonazepam", "0.5 mg tablet")
DEFAULT_PERIOD_DAYS = 28


@dataclasses.dataclass(frozen=True)
class PharmacySummary:
    """What to dispense: per period of ``period_days`` and for the whole plan.

    Attributes:
        period_days: the length of each dispensing period.
        periods: the periods from the plan's start to its end date, in order.
        total: what the whole plan needs (whole tablets, or mL).
    """

    period_days: int
    periods: tuple[Period, ...]
    total: tuple[Quantity, ...]

    @property
    def products(self) -> tuple[Product, ...]:
        """Every (drug, product label) the plan uses, in a stable order (the total's order).

        The drug is part of it: a switch from lorazepam (US) to diazepam uses a "2 mg
        tablet" of each.
        """
        return tuple((quantity.drug, quantity.product_label) for quantity in self.total)


def check_period_days(period_days: int) -> int:
    """Return ``period_days`` if it is one of ``PERIOD_CHOICES``.

    Raises:
        PlanError: naming the periods allowed.
    """
    if period_days not in PERIOD_CHOICES:
        allowed = ", ".join(str(days) for days in PERIOD_CHOICES)
        raise PlanError(
            f"A dispensing period must be {allowed} days; got {period_days}",
            field="period_days",
        )
    return period_days


def pharmacy_summary(schedule: Schedule, period_days: int = DEFAULT_PERIOD_DAYS) -> PharmacySummary:
    """The quantities of each product per dispensing period and in total.

    Args:
        schedule: the plan's schedule.
        period_days: 7, 14 or 28 days per prescription.

    Returns:
        The summary; a plan that takes nothing has no periods and an empty total.

    Raises:
        PlanError: for a period that is not 7, 14 or 28 days.
    """
    check_period_days(period_days)
    return PharmacySummary(
        period_days=period_days,
        periods=period_quantities(schedule.steps, period_days),
        total=plan_quantities(schedule.steps),
    )


def amount_text(quantity: Quantity) -> str:
    """The amount to dispense without the product's name: '28' (tablets) or '35 mL'."""
    if quantity.is_liquid:
        return f"{format_quantity_ml(quantity.to_dispense)} mL"
    return str(int(quantity.to_dispense))


def product_name(product: Product, separator: str = " ") -> str:
    """'clonazepam 0.5 mg tablet' (``separator`` between the drug and the product)."""
    drug, product_label = product
    return f"{drug}{separator}{product_label}"


def amount_of(quantities: tuple[Quantity, ...], product: Product) -> str:
    """The amount of one drug's product in a list of quantities, or '—' when it is not needed."""
    for quantity in quantities:
        if (quantity.drug, quantity.product_label) == product:
            return amount_text(quantity)
    return "—"

"""Taper methods: each proposes the next ideal daily target; rounding happens elsewhere."""

from __future__ import annotations

import dataclasses
from typing import Protocol

from planner.dosing.measure import to_ug
from planner.model import Band, CustomStep, Method, TaperPlan, format_mg


@dataclasses.dataclass(frozen=True)
class Cut:
    """The method's wish for the next step: a daily target and how long to hold it."""

    target_ug: float
    interval_days: int
    custom: bool = False  # a hand-written step: equal to the current dose means hold


class TargetRule(Protocol):
    """A method, asked step by step from the dose actually reached."""

    def next_cut(self, current_ug: int) -> Cut | None:
        """The next target, or None when the method has no more steps."""


@dataclasses.dataclass
class PercentCurrent:
    """Cut a percent of the most recent dose (JCPG 2025; Maudsley), slower below a threshold."""

    percent: float
    interval_days: int
    slow_below_ug: int | None = None
    slow_percent: float | None = None

    def next_cut(self, current_ug: int) -> Cut | None:
        percent = self.percent
        slow = self.slow_below_ug is not None and self.slow_percent is not None
        if slow and current_ug <= (self.slow_below_ug or 0):
            percent = self.slow_percent or percent
        return Cut(current_ug * (1 - percent / 100), self.interval_days)


@dataclasses.dataclass
class PercentOriginal:
    """Cut a percent of the starting dose each step (deprescribing.org), smaller at the end.

    The targets follow the ideal linear track from the starting dose, so rounding
    at one step does not shift every later step.
    """

    original_ug: int
    percent: float
    interval_days: int
    final_percent: float | None = None
    _ideal_ug: float = dataclasses.field(init=False, default=-1.0)

    def next_cut(self, current_ug: int) -> Cut | None:
        if self._ideal_ug < 0:
            self._ideal_ug = float(self.original_ug)
        step_percent = self.percent
        # Near the end (the last regular step) the smaller final percent takes over.
        if self.final_percent is not None and self._ideal_ug <= (
            self.original_ug * self.percent / 100 + 0.5
        ):
            step_percent = self.final_percent
        self._ideal_ug = max(self._ideal_ug - self.original_ug * step_percent / 100, 0.0)
        return Cut(self._ideal_ug, self.interval_days)


@dataclasses.dataclass
class FixedAmount:
    """Cut the same amount of mg per day at every step."""

    amount_ug: int
    interval_days: int

    def next_cut(self, current_ug: int) -> Cut | None:
        return Cut(current_ug - self.amount_ug, self.interval_days)


@dataclasses.dataclass
class Banded:
    """A different cut per dose range (NICE CKS); a cut never crosses a band edge."""

    bands: tuple[Band, ...]
    interval_days: int

    def next_cut(self, current_ug: int) -> Cut | None:
        for band in sorted(self.bands, key=lambda b: -b.above_mg):
            above_ug = to_ug(band.above_mg)
            if current_ug > above_ug:
                target = max(current_ug - to_ug(band.cut_mg), above_ug)
                return Cut(target, band.interval_days or self.interval_days)
        return None


@dataclasses.dataclass
class Hyperbolic:
    """Equal falls in assumed receptor occupancy, occ = Emax·D/(ED50 + D) (Horowitz & Taylor 2019).

    Emax and ED50 are assumptions the clinician can see and edit: no published
    GABA-A occupancy constants exist for benzodiazepines.
    """

    original_ug: int
    occupancy_points: float
    emax_percent: float
    ed50_ug: float
    interval_days: int
    _occupancy: float = dataclasses.field(init=False, default=-1.0)

    def occupancy(self, dose_ug: float) -> float:
        """Assumed receptor occupancy (percent) at a daily dose."""
        return self.emax_percent * dose_ug / (self.ed50_ug + dose_ug)

    def dose_for(self, occupancy: float) -> float:
        """The daily dose (µg) giving an occupancy, by the inverse of the curve."""
        if occupancy <= 0:
            return 0.0
        return self.ed50_ug * occupancy / (self.emax_percent - occupancy)

    def next_cut(self, current_ug: int) -> Cut | None:
        if self._occupancy < 0:
            self._occupancy = self.occupancy(self.original_ug)
        self._occupancy -= self.occupancy_points
        return Cut(self.dose_for(self._occupancy), self.interval_days)


@dataclasses.dataclass
class Custom:
    """The clinician's own steps, still rounded and checked."""

    steps: tuple[CustomStep, ...]
    interval_days: int
    _next: int = 0

    def next_cut(self, current_ug: int) -> Cut | None:
        if self._next >= len(self.steps):
            return None
        step = self.steps[self._next]
        self._next += 1
        return Cut(to_ug(step.daily_mg), step.days or self.interval_days, custom=True)


def make_rule(plan: TaperPlan, original_ug: int, ed50_mg: float) -> TargetRule:
    """The target rule for a plan's method, starting from ``original_ug`` per day."""
    interval = plan.interval_days
    match plan.method:
        case Method.PERCENT_CURRENT:
            slow_below = to_ug(plan.slow_below_mg) if plan.slow_below_mg is not None else None
            return PercentCurrent(plan.reduction_percent, interval, slow_below, plan.slow_percent)
        case Method.PERCENT_ORIGINAL:
            return PercentOriginal(
                original_ug, plan.reduction_percent, interval, plan.final_percent
            )
        case Method.FIXED:
            return FixedAmount(to_ug(plan.amount_mg or 0.0), interval)
        case Method.BANDS:
            return Banded(plan.bands, interval)
        case Method.HYPERBOLIC:
            return Hyperbolic(
                original_ug, plan.reduction_percent, plan.emax_percent, ed50_mg * 1000, interval
            )
        case Method.CUSTOM:
            return Custom(plan.custom_steps, interval)
    raise AssertionError(plan.method)


def describe_method(plan: TaperPlan, ed50_mg: float) -> str:
    """One line saying what the method does, for summaries and printouts."""
    every = f"every {plan.interval_days} days"
    match plan.method:
        case Method.PERCENT_CURRENT:
            text = f"{format_mg(plan.reduction_percent)}% of the current dose {every}"
            if plan.slow_below_mg is not None and plan.slow_percent is not None:
                text += (
                    f", {format_mg(plan.slow_percent)}% below "
                    f"{format_mg(plan.slow_below_mg)} mg/day"
                )
            return text
        case Method.PERCENT_ORIGINAL:
            text = f"{format_mg(plan.reduction_percent)}% of the starting dose {every}"
            if plan.final_percent is not None:
                text += f", then {format_mg(plan.final_percent)}% steps at the end"
            return text
        case Method.FIXED:
            return f"{format_mg(plan.amount_mg or 0.0)} mg/day less {every}"
        case Method.BANDS:
            bands = ", ".join(
                f"above {format_mg(b.above_mg)} mg cut {format_mg(b.cut_mg)} mg"
                + (f" every {b.interval_days} days" if b.interval_days else "")
                for b in sorted(plan.bands, key=lambda b: -b.above_mg)
            )
            return f"banded cuts ({bands}), otherwise {every}"
        case Method.HYPERBOLIC:
            return (
                f"equal falls of {format_mg(plan.reduction_percent)} percentage points of "
                f"assumed receptor occupancy {every} (assumed Emax "
                f"{format_mg(plan.emax_percent)}%, ED50 {format_mg(ed50_mg)} mg/day)"
            )
        case Method.CUSTOM:
            return f"{len(plan.custom_steps)} custom steps"
    raise AssertionError(plan.method)

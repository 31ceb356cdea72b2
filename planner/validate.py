"""Checks on plan inputs, each failing with a message that says what is allowed."""

from __future__ import annotations

import datetime as dt
import math

from planner import guidance
from planner.catalogue import REGIONS, Drug, get_drug
from planner.errors import PlanError
from planner.limits import EARLIEST_DATE, LATEST_DATE
from planner.limits import MAX_CHECKINS as MAX_CHECKINS
from planner.limits import MAX_CUSTOM_STEPS as MAX_CUSTOM_STEPS
from planner.limits import MAX_NOTE_CHARS as MAX_NOTE_CHARS
from planner.limits_check import check_lists, check_patient
from planner.model import (
    TIMES_OF_DAY,
    Equivalence,
    FollowUpAction,
    Method,
    PatientFactor,
    TaperPlan,
    format_mg,
)

PERCENT_RANGE = (1.0, 50.0)
INTERVAL_DAYS_RANGE = (1, 365)
STABILISE_DAYS_RANGE = (0, 365)
SWITCH_STEP_DAYS_RANGE = (1, 90)
EMAX_PERCENT_RANGE = (1.0, 100.0)
DATE_RANGE = (EARLIEST_DATE, LATEST_DATE)
# Above this multiple of the labelled maximum a dose is taken to be a typing error.
ABSURD_DOSE_FACTOR = 2.0


def _number(value: float, field: str, what: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise PlanError(f"{what} must be a number; got {value!r}", field=field)
    return float(value)


def check_range(value: float, low: float, high: float, field: str, what: str, unit: str) -> None:
    """Raise PlanError unless ``low <= value <= high``; the message names the range."""
    number = _number(value, field, what)
    if not low <= number <= high:
        raise PlanError(
            f"{what} must be between {format_mg(low)}{unit} and {format_mg(high)}{unit}; "
            f"got {format_mg(number)}{unit}",
            field=field,
        )


def _check_int(value: int, low: int, high: int, field: str, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise PlanError(f"{what} must be a whole number of days; got {value!r}", field=field)
    check_range(value, low, high, field, what, " days")


def _check_regimen(plan: TaperPlan, drug: Drug) -> None:
    limit = float(drug.max_daily_mg.value) * ABSURD_DOSE_FACTOR
    for time, mg in plan.regimen.by_time().items():
        number = _number(mg, f"regimen.{time}", f"The {time} dose")
        if number < 0:
            raise PlanError(
                f"The {time} dose cannot be negative; got {format_mg(number)} mg",
                field=f"regimen.{time}",
            )
    daily = plan.regimen.daily_mg
    if daily <= 0:
        raise PlanError(
            "Enter today's dose: at least one time of day needs a dose above 0 mg",
            field="regimen",
        )
    if daily > limit:
        raise PlanError(
            f"A daily dose of {format_mg(daily)} mg of {drug.name} is more than twice its "
            f"maximum of {format_mg(float(drug.max_daily_mg.value))} mg/day; check the regimen "
            f"(allowed up to {format_mg(limit)} mg/day)",
            field="regimen",
        )


def taper_daily_mg(plan: TaperPlan, drug: Drug) -> float:
    """The daily dose the taper itself starts from: today's, or its diazepam equivalent.

    After a switch every mg amount of the taper (cut, bands, maintenance) is diazepam.
    """
    if plan.switch_to is None:
        return plan.regimen.daily_mg
    target = get_drug(plan.switch_to)
    ratio = drug.diazepam_factor(plan.equivalence) / target.diazepam_factor(plan.equivalence)
    return plan.regimen.daily_mg * ratio


def _check_switch(plan: TaperPlan, drug: Drug) -> None:
    if plan.switch_to is None:
        return
    if plan.switch_to != "diazepam":
        raise PlanError(f"Switching is to diazepam only; got '{plan.switch_to}'", field="switch_to")
    if drug.name == plan.switch_to:
        raise PlanError("The patient already takes diazepam; choose no switch", field="switch_to")
    target = get_drug(plan.switch_to)
    target.formulation(plan.region, plan.switch_formulation)
    target.diazepam_factor(plan.equivalence)
    _check_int(
        plan.switch_step_days, *SWITCH_STEP_DAYS_RANGE, "switch_step_days", "Each substitution step"
    )
    if len(set(plan.switch_order)) != len(plan.switch_order) or not set(plan.switch_order) <= set(
        TIMES_OF_DAY
    ):
        raise PlanError(
            f"The switch order must name each time of day once ({', '.join(TIMES_OF_DAY)})",
            field="switch_order",
        )


def _check_method(plan: TaperPlan, daily: float) -> None:
    low, high = PERCENT_RANGE
    method = plan.method
    if method in (Method.PERCENT_CURRENT, Method.PERCENT_ORIGINAL):
        base = "current" if method is Method.PERCENT_CURRENT else "starting"
        check_range(
            plan.reduction_percent,
            low,
            high,
            "reduction_percent",
            f"Reduction per step (percent of the {base} dose)",
            "%",
        )
    if method is Method.PERCENT_CURRENT and (plan.slow_below_mg is None) != (
        plan.slow_percent is None
    ):
        raise PlanError(
            "A slower tail needs both a threshold dose (mg/day) and a slower percent",
            field="slow_percent" if plan.slow_percent is None else "slow_below_mg",
        )
    if method is Method.PERCENT_CURRENT and plan.slow_percent is not None:
        check_range(
            plan.slow_percent,
            low,
            plan.reduction_percent,
            "slow_percent",
            "The slower percent",
            "%",
        )
        check_range(
            plan.slow_below_mg or 0.0,
            0.0,
            daily,
            "slow_below_mg",
            "The threshold for slower cuts",
            " mg/day",
        )
    if method is Method.PERCENT_ORIGINAL and plan.final_percent is not None:
        check_range(
            plan.final_percent,
            low,
            plan.reduction_percent,
            "final_percent",
            "The final-step percent",
            "%",
        )
    if method is Method.FIXED:
        if plan.amount_mg is None:
            raise PlanError(
                "The fixed method needs an amount to cut per step (mg/day)", field="amount_mg"
            )
        check_range(plan.amount_mg, 0.001, daily, "amount_mg", "Cut per step", " mg/day")
    if method is Method.BANDS:
        _check_bands(plan)
    if method is Method.HYPERBOLIC:
        check_range(
            plan.reduction_percent,
            0.5,
            50.0,
            "reduction_percent",
            "Fall in occupancy per step",
            " percentage points",
        )
        check_range(plan.emax_percent, *EMAX_PERCENT_RANGE, "emax_percent", "Assumed Emax", "%")
        if plan.ed50_mg is not None:
            check_range(plan.ed50_mg, 0.001, 1000.0, "ed50_mg", "Assumed ED50", " mg/day")
    if method is Method.CUSTOM:
        _check_custom(plan, daily)


def _check_bands(plan: TaperPlan) -> None:
    if not plan.bands:
        raise PlanError(
            "Banded cuts need at least one band, e.g. '20=4,10=2,5=1,0=0.5'", field="bands"
        )
    for band in plan.bands:
        check_range(band.above_mg, 0.0, 1000.0, "bands", "A band's lower edge", " mg/day")
        check_range(band.cut_mg, 0.001, 1000.0, "bands", "A band's cut", " mg")
        if band.interval_days is not None:
            _check_int(band.interval_days, *INTERVAL_DAYS_RANGE, "bands", "A band's interval")
    lowest = min(band.above_mg for band in plan.bands)
    if lowest > plan.maintenance_mg:
        raise PlanError(
            f"The bands stop at {format_mg(lowest)} mg/day; add a band down to "
            f"{format_mg(plan.maintenance_mg)} (e.g. '{format_mg(plan.maintenance_mg)}=0.5') "
            "so the plan reaches its target",
            field="bands",
        )


def _check_custom(plan: TaperPlan, daily: float) -> None:
    if not plan.custom_steps:
        raise PlanError("A custom plan needs at least one step", field="custom_steps")
    if len(plan.custom_steps) > MAX_CUSTOM_STEPS:
        raise PlanError(
            f"A custom plan may have at most {MAX_CUSTOM_STEPS} steps", field="custom_steps"
        )
    previous = daily
    for number, step in enumerate(plan.custom_steps, start=1):
        mg = _number(step.daily_mg, "custom_steps", f"Custom step {number}")
        if mg < 0 or mg > previous + 1e-9:
            raise PlanError(
                f"Custom step {number} ({format_mg(mg)} mg/day) must not be above the step "
                f"before it ({format_mg(previous)} mg/day): doses never rise",
                field="custom_steps",
            )
        if step.days is not None:
            _check_int(
                step.days, *INTERVAL_DAYS_RANGE, "custom_steps", f"Custom step {number}'s length"
            )
        previous = mg
    if abs(previous - plan.maintenance_mg) > 1e-9:
        raise PlanError(
            f"The last custom step must be {format_mg(plan.maintenance_mg)} mg/day "
            "(the plan's target); add a final step",
            field="custom_steps",
        )


RISK_LEVELS = ("low", "moderate", "high")


def _check_factors(plan: TaperPlan) -> None:
    # The known factors only when there are factors to check (a caseload validates thousands).
    known = {factor.value for factor in PatientFactor} if plan.factors else set()
    for factor in plan.factors:
        if factor not in known:
            raise PlanError(
                f"Unknown patient factor '{factor}'; allowed: {', '.join(sorted(known))}",
                field="factors",
            )
    if plan.withdrawal_risk is not None and plan.withdrawal_risk not in RISK_LEVELS:
        raise PlanError(
            f"Unknown withdrawal risk '{plan.withdrawal_risk}'; allowed: {', '.join(RISK_LEVELS)}",
            field="withdrawal_risk",
        )


def _check_checkins(plan: TaperPlan) -> None:
    if len(plan.checkins) > MAX_CHECKINS:
        raise PlanError(f"A plan may hold at most {MAX_CHECKINS} check-ins", field="checkins")
    if not plan.checkins:
        return  # nothing to check: the known symptoms and flags are not gathered
    symptoms = {item.id for item in guidance.withdrawal_symptoms()}
    flags = {item.id for item in guidance.red_flags()}
    previous: dt.date | None = None
    for checkin in plan.checkins:
        where = f"The check-in on {checkin.date}"
        if previous is not None and checkin.date <= previous:
            raise PlanError(
                f"{where} must come after the one on {previous}; record check-ins in date order",
                field="checkins",
            )
        previous = checkin.date
        for symptom, severity in checkin.symptoms:
            if symptom not in symptoms:
                raise PlanError(f"{where} names an unknown symptom '{symptom}'", field="checkins")
            if (
                not isinstance(severity, int)
                or isinstance(severity, bool)
                or not 0 <= severity <= 3
            ):
                raise PlanError(
                    f"{where}: the severity of {symptom} must be 0, 1, 2 or 3; got {severity!r}",
                    field="checkins",
                )
        for flag in checkin.red_flags:
            if flag not in flags:
                raise PlanError(
                    f"{where} names an unknown red flag '{flag}'; "
                    f"allowed: {', '.join(sorted(flags))}",
                    field="checkins",
                )
        if checkin.action not in tuple(FollowUpAction):
            raise PlanError(f"{where} has an unknown action '{checkin.action}'", field="checkins")
        _check_int(checkin.hold_days, *INTERVAL_DAYS_RANGE, "checkins", f"{where}: the hold")
        if len(checkin.note) > MAX_NOTE_CHARS:
            raise PlanError(
                f"{where}: the note is longer than {MAX_NOTE_CHARS} characters", field="checkins"
            )


def check_time_of_day(reduce_first: str | None) -> None:
    """Refuse a reduce-first time of day that does not exist.

    Raises:
        PlanError: for a time of day that does not exist.
    """
    if reduce_first is not None and reduce_first not in TIMES_OF_DAY:
        raise PlanError(
            f"Unknown time of day '{reduce_first}'; allowed: {', '.join(TIMES_OF_DAY)}",
            field="reduce_first",
        )


def validate(plan: TaperPlan) -> Drug:
    """Check every input of a plan and return its drug.

    Raises:
        PlanError: for the first problem found, naming the field and what is allowed.
    """
    drug = get_drug(plan.drug)
    if plan.region not in REGIONS:
        raise PlanError(
            f"Unknown region '{plan.region}'; allowed: {', '.join(REGIONS)}", field="region"
        )
    if plan.equivalence not in tuple(Equivalence):
        raise PlanError(
            f"Unknown equivalence table '{plan.equivalence}'; allowed: ashton, va",
            field="equivalence",
        )
    drug.formulation(plan.region, plan.formulation)
    drug.diazepam_factor(plan.equivalence)
    _check_regimen(plan, drug)
    if not DATE_RANGE[0] <= plan.start <= DATE_RANGE[1]:
        raise PlanError(
            f"The start date must be between {DATE_RANGE[0]} and {DATE_RANGE[1]}", field="start"
        )
    _check_int(plan.interval_days, *INTERVAL_DAYS_RANGE, "interval_days", "The interval")
    _check_int(
        plan.stabilise_days, *STABILISE_DAYS_RANGE, "stabilise_days", "The stabilisation period"
    )
    _check_switch(plan, drug)
    daily = taper_daily_mg(plan, drug)
    unit = "mg/day of diazepam" if plan.switch_to else "mg/day"
    maintenance = _number(plan.maintenance_mg, "maintenance_mg", "The maintenance dose")
    if not 0 <= maintenance < daily:
        raise PlanError(
            f"The maintenance dose must be at least 0 and below the starting "
            f"{format_mg(daily)} {unit}; got {format_mg(maintenance)} {unit}",
            field="maintenance_mg",
        )
    check_time_of_day(plan.reduce_first)
    _check_method(plan, daily)
    _check_factors(plan)
    _check_checkins(plan)
    _check_changes(plan)
    check_patient(plan)
    check_lists(plan)
    return drug


def _check_changes(plan: TaperPlan) -> None:
    """Changes from a date: in date order, after the start, of the settings alone."""
    if len(plan.changes) > MAX_CHECKINS:
        raise PlanError(f"A plan may hold at most {MAX_CHECKINS} changes", field="changes")
    previous = plan.start
    for change in plan.changes:
        if change.date <= previous:
            raise PlanError(
                f"The change from {change.date} must come after {previous} (changes apply "
                "from a date after the start, in date order)",
                field="changes",
            )
        previous = change.date
        before = change.previous
        if before.checkins or before.changes:
            raise PlanError(f"The change from {change.date} is nested", field="changes")
        for name in ("drug", "regimen", "start"):
            if getattr(before, name) != getattr(plan, name):
                raise PlanError(
                    f"The change from {change.date} changes the {name}, which is what was "
                    "taken from the start",
                    field="changes",
                )
        validate(before)

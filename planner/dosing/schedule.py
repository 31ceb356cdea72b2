"""plan(): a TaperPlan in, a Schedule of measurable doses and its findings out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from planner.catalogue import Drug, get_device, get_drug
from planner.checks import candidates, fixes, rules
from planner.dosing.coarse import advise_verified, coarse_note, finer_product
from planner.dosing.measure import Measure, measure_for, to_ug
from planner.dosing.methods import describe_method, make_rule
from planner.dosing.products import (
    NO_OPTIONS,
    ProductOptions,
    check_products,
    options_for,
    product_notes,
)
from planner.dosing.split import Split, policy_order, round_to_target, total
from planner.dosing.switch import (
    Crossover,
    equivalence_note,
    switch_order,
    switch_steps,
    whole_substitution_note,
)
from planner.errors import PlanError
from planner.followup.checkins import Midpoint
from planner.followup.history import Segment, initial_settings, replay
from planner.limits import MAX_PLAN_SPAN_DAYS, MAX_PLAN_YEARS
from planner.model import (
    TIMES_OF_DAY,
    Dose,
    Finding,
    HistoryEntry,
    Method,
    Schedule,
    Severity,
    Step,
    StepKind,
    TaperPlan,
    format_mg,
)
from planner.validate import validate

# A plan longer than this many steps is a runaway, not a taper.
MAX_STEPS = 20_000

# Which drug holds which split of micrograms per time of day.
Holdings = dict[str, Split]


@dataclasses.dataclass
class _Builder:
    """Collects steps with contiguous dates and shared diazepam factors."""

    plan: TaperPlan
    factors: dict[str, float]
    measures: dict[str, Measure]
    steps: list[Step] = dataclasses.field(default_factory=list)
    notes: list[Finding] = dataclasses.field(default_factory=list)
    forced: set[int] = dataclasses.field(default_factory=set)  # steps given the smallest cut
    date: dt.date = dt.date.min

    def doses(self, holdings: Mapping[str, Split]) -> tuple[Dose, ...]:
        """The doses, with their tablets or mL, of micrograms per time of day per drug."""
        return tuple(
            Dose(time, drug, amount / 1000, self.measures[drug].portions(amount))
            for time in TIMES_OF_DAY
            for drug, split in holdings.items()
            if (amount := split.get(time, 0)) > 0
        )

    def add(self, kind: StepKind, holdings: Mapping[str, Split], days: int) -> Step:
        """Append a step starting where the previous one ends."""
        step = Step(len(self.steps) + 1, self.date, days, kind, self.doses(holdings), self.factors)
        self.steps.append(step)
        self.date += dt.timedelta(days=days)
        check_span(self.plan, self.date)
        if len(self.steps) > MAX_STEPS:
            raise PlanError(
                f"The plan would need more than {MAX_STEPS} steps; choose larger cuts",
                field="method",
            )
        return step


def check_span(taper: TaperPlan, last_change: dt.date, field: str | None = None) -> None:
    """Refuse a plan whose last change comes more than MAX_PLAN_YEARS after its start.

    Raises:
        PlanError: saying how long the plan would last and what to change.
    """
    if (last_change - taper.start).days <= MAX_PLAN_SPAN_DAYS:
        return
    raise PlanError(
        f"The plan would last more than {MAX_PLAN_YEARS} years (its changes would go on past "
        f"{last_change.isoformat()}); Taper Planner plans at most {MAX_PLAN_YEARS} years: "
        "choose larger cuts, shorter intervals or fewer steps",
        field=field or ("custom_steps" if taper.method is Method.CUSTOM else "method"),
    )


def drug_measure(
    drug: Drug,
    region: str,
    formulation: str,
    daily_mg: float,
    options: ProductOptions = NO_OPTIONS,
) -> Measure:
    """The Measure for a drug's formulation, large enough for any dose in the plan."""
    limit_ug = max(to_ug(float(drug.max_daily_mg.value)), to_ug(daily_mg))
    return measure_for(drug.name, region, formulation, limit_ug, options)


def starting_split(plan: TaperPlan, measure: Measure) -> Split:
    """Today's regimen in micrograms, each dose checked to be measurable.

    Raises:
        PlanError: at the time of day whose dose the formulation cannot give.
    """
    split: Split = {}
    for time, mg in plan.regimen.by_time().items():
        amount = to_ug(mg)
        if not measure.is_measurable(amount):
            raise PlanError(
                f"The {time} dose of {format_mg(mg)} mg cannot be measured with "
                f"{measure.describe_grid()}",
                field=f"regimen.{time}",
            )
        split[time] = amount
    return split


def plan(taper: TaperPlan, verify_fixes: bool = True, *, validated: bool = False) -> Schedule:
    """Turn a plan's inputs into a schedule of measurable doses with its findings.

    A plan with revisions (check-ins, changes from a date) is planned as it was first,
    then each revision re-plans from its date on (planner/followup/history.py).

    Args:
        taper: the plan's inputs.
        verify_fixes: offer only fixes that work, each tried by re-planning (see fix_trials).
        validated: True only for a plan that ``validate`` and ``check_products`` have just
            passed unchanged (one returned by ``planfile.loads``): it and its first settings
            are not checked again (the caseload plans thousands of files). Each revision's
            settings are still checked as they are planned.

    Raises:
        PlanError: when an input is invalid; the message names what is allowed.
    """
    if not validated:
        validate(taper)
        if not taper.changes:
            check_products(taper)
    # Without changes from a date its first settings are the plan's own fields without the
    # patient and check-ins, which validate() and check_products() have passed (checking
    # them again cost a 2-year plan's edit, and each fix trial, 4 ms).
    first = segment(initial_settings(taper), validated=not taper.changes)
    steps = list(first.steps)
    history: list[HistoryEntry] = []
    notes = list(first.notes)
    last = first
    if taper.checkins or taper.changes:
        steps, history, followup_findings, last = replay(taper, first, segment)
        if steps:
            check_span(taper, steps[-1].start, "checkins")  # a revision lengthened it
        if last is not first:
            # Later settings re-planned the steps: their numbers no longer match.
            notes = [note for note in [*first.notes, *last.notes] if note.step is None]
        notes.extend(followup_findings)
    drugs = dict(first.drugs) | dict(last.drugs)
    forced = first.forced if last is first else frozenset()
    findings = [
        *product_notes(taper),
        *notes,
        *rules.check(taper, drugs, steps, last.smallest_mg, forced, last.finer),
    ]
    findings.sort(key=lambda f: (f.step or 0, f.severity != Severity.ERROR))
    schedule = Schedule(taper, tuple(steps), tuple(findings), tuple(history))
    if verify_fixes:
        return dataclasses.replace(schedule, findings=fix_trials(schedule).finish())
    return schedule


def fix_trials(schedule: Schedule, apply: fixes.ApplyFix = fixes.replaced) -> fixes.FixTrials:
    """The fix trials of a schedule planned unverified; ``apply`` as the caller applies a fix."""
    taper, findings = schedule.plan, schedule.findings
    return fixes.FixTrials(
        taper, findings, candidates.for_plan(taper),
        lambda changed: plan(changed, verify_fixes=False).findings,
        lambda verified: tuple(advise_verified(taper, findings, verified)), apply,
    )  # fmt: skip


def segment(taper: TaperPlan, *, validated: bool = False) -> Segment:
    """The steps of a plan's settings alone, without revisions, and what re-planning needs.

    ``validated``: ``validate`` and ``check_products`` have passed these settings already
    (see ``plan``): they are not checked again.

    Raises:
        PlanError: when an input is invalid; the message names what is allowed.
    """
    drug = get_drug(taper.drug) if validated else validate(taper)
    if not validated:
        check_products(taper)
    measure = drug_measure(
        drug, taper.region, taper.formulation, taper.regimen.daily_mg, options_for(taper, drug.name)
    )
    split = starting_split(taper, measure)
    factors = {drug.name: drug.diazepam_factor(taper.equivalence)}
    builder = _Builder(taper, factors, {drug.name: measure}, date=taper.start)
    drugs = {drug.name: drug}
    if taper.stabilise_days:
        builder.add(StepKind.STABILISE, {drug.name: split}, taper.stabilise_days)
    tapered, tapered_measure = drug, measure
    if taper.switch_to is not None:
        crossover = _crossover(taper, drug, measure, factors)
        drugs[crossover.target.name] = crossover.target
        builder.measures[crossover.target.name] = crossover.target_measure
        first_switch_step = len(builder.steps) + 1
        whole_note = whole_substitution_note(split, crossover, first_switch_step)
        if whole_note is not None:
            builder.notes.append(whole_note)
        split = switch_steps(
            split,
            switch_order(taper.switch_order),
            crossover,
            taper.switch_step_days,
            builder.add,
        )
        builder.notes.append(equivalence_note(taper.equivalence, crossover, first_switch_step))
        tapered, tapered_measure = crossover.target, crossover.target_measure
    # Without a clinician's figure the assumed ED50 is the drug's 10 mg diazepam equivalent.
    ed50_mg = taper.ed50_mg if taper.ed50_mg is not None else 10.0 / factors[tapered.name]
    order = policy_order(taper.reduce_first, taper.switch_to is not None)
    # A product with smaller units (of today's drug, or of diazepam in a switch).
    finer_fix = finer_product(taper, tapered_measure)
    finer = finer_fix[1] if finer_fix else None  # the checks need only to know one exists
    _taper(builder, tapered.name, split, tapered_measure, ed50_mg, order, finer_fix)
    amounts = tapered_measure.amounts_ug
    return Segment(
        steps=tuple(builder.steps),
        notes=tuple(builder.notes),
        forced=frozenset(builder.forced),
        drugs=drugs,
        baseline=builder.doses({drug.name: starting_split(taper, measure)}),
        midpoint=_midpoint_maker(builder, tapered.name, order),
        smallest_mg=amounts[1] / 1000 if len(amounts) > 1 else 0.0,
        finer=finer,
    )


def _split_of(step: Step, drug: str) -> Split:
    split = dict.fromkeys(TIMES_OF_DAY, 0)
    for dose in step.doses:
        if dose.drug == drug:
            split[dose.time] += to_ug(dose.mg)
    return split


def _midpoint_maker(builder: _Builder, drug: str, order: tuple[str, ...]) -> Midpoint:
    """Half-way doses between two steps of the tapered drug, by the shared rounding rule."""
    measure = builder.measures[drug]

    def midpoint(before: Step, after: Step) -> tuple[Dose, ...] | None:
        if set(before.daily_mg) - {drug} or set(after.daily_mg) - {drug}:
            return None  # a switch step: no half-way dose of one drug
        start_split = _split_of(before, drug)
        high, low = total(start_split), total(_split_of(after, drug))
        half, _ = round_to_target(start_split, (high + low) / 2, measure, order)
        if not low < total(half) < high:
            return None
        return builder.doses({drug: half})

    return midpoint


def _crossover(
    taper: TaperPlan, source: Drug, source_measure: Measure, factors: dict[str, float]
) -> Crossover:
    """The switch's target drug, its measure and the dose ratio by the chosen table."""
    target = get_drug(taper.switch_to or "")
    factors[target.name] = target.diazepam_factor(taper.equivalence)
    ratio = factors[source.name] / factors[target.name]
    target_measure = drug_measure(
        target,
        taper.region,
        taper.switch_formulation,
        taper.regimen.daily_mg * ratio,
        options_for(taper, target.name),
    )
    return Crossover(source, source_measure, target, target_measure, ratio, factors[target.name])


def _taper(
    builder: _Builder,
    drug: str,
    split: Split,
    measure: Measure,
    ed50_mg: float,
    order: tuple[str, ...],
    finer: tuple[str, str] | None,
) -> None:
    """Reduce one drug to the plan's target, step by step, then close the plan."""
    taper = builder.plan
    maintenance_ug = to_ug(taper.maintenance_mg)
    rule = make_rule(taper, total(split), ed50_mg)
    forced_steps: list[tuple[int, float, float]] = []  # step, percent asked, percent taken
    if 0 < total(split) < maintenance_ug:
        # Only a switch's rounding to measurable diazepam can land below the target.
        builder.notes.append(
            Finding(
                Severity.INFO,
                None,
                f"After the switch the dose is {format_mg(total(split) / 1000)} mg/day of {drug}, "
                f"already below the maintenance target of {format_mg(taper.maintenance_mg)} mg/day "
                "(equivalents are rounded to measurable doses); the plan holds it, since a dose "
                "never rises.",
                "Taper Planner rounding rule: doses never rise",
                rule="maintenance-rounded",
            )
        )
    while total(split) > maintenance_ug:
        cut = rule.next_cut(total(split))
        if cut is None:
            break
        target_ug = max(cut.target_ug, maintenance_ug)
        if cut.custom and target_ug >= total(split):
            builder.add(StepKind.HOLD, {drug: split}, cut.interval_days)
            continue
        new_split, forced = round_to_target(split, target_ug, measure, order)
        if total(new_split) < maintenance_ug:
            builder.notes.append(_maintenance_note(taper, drug, total(split)))
            break
        step_number = len(builder.steps) + 1
        if total(new_split) <= maintenance_ug:
            # Reaching the target is the final step: stop, or ongoing maintenance.
            if cut.custom and total(new_split) != round(target_ug):
                builder.notes.append(
                    _custom_rounding_note(step_number, drug, target_ug, total(new_split))
                )
            split = new_split
            break
        if forced and not cut.custom:
            asked = 100 * (1 - target_ug / total(split))
            taken = 100 * (1 - total(new_split) / total(split))
            forced_steps.append((step_number, asked, taken))
            builder.forced.add(step_number)
        if cut.custom and total(new_split) != round(target_ug):
            builder.notes.append(
                _custom_rounding_note(step_number, drug, target_ug, total(new_split))
            )
        builder.add(StepKind.REDUCE, {drug: new_split}, cut.interval_days)
        split = new_split
    final_kind = StepKind.STOP if total(split) == 0 else StepKind.MAINTAIN
    builder.add(final_kind, {drug: split}, 0)
    if forced_steps:
        method_text = describe_method(taper, ed50_mg)
        builder.notes.append(
            coarse_note(
                taper,
                drug,
                measure,
                builder.steps,
                forced_steps,
                method_text,
                finer,
                device=_finer_device(measure),
            )
        )


# The notes name the drug: after a switch their amounts are diazepam, not the plan's drug.
def _maintenance_note(taper: TaperPlan, drug: str, reached_ug: int) -> Finding:
    return Finding(
        Severity.INFO,
        None,
        f"The maintenance dose of {format_mg(taper.maintenance_mg)} mg/day of {drug} cannot be "
        "measured as a daily total with this formulation; the plan holds "
        f"{format_mg(reached_ug / 1000)} mg/day, the nearest measurable dose above it.",
        "Taper Planner rounding rule: never below the clinician's target",
        rule="maintenance-rounded",
    )


def _custom_rounding_note(step: int, drug: str, target_ug: float, taken_ug: int) -> Finding:
    return Finding(
        Severity.INFO,
        step,
        f"Step {step}: {format_mg(target_ug / 1000)} mg/day of {drug} cannot be measured; the "
        f"step gives {format_mg(taken_ug / 1000)} mg/day, the nearest measurable dose.",
        "Taper Planner rounding rule: every dose must be measurable",
        rule="custom-rounded",
    )


def _finer_device(measure: Measure) -> str | None:
    """The device of the liquid with the finest marks, when finer than the one used."""
    liquids = [p for p in measure.formulation.products if p.is_liquid and p.device is not None]
    if not liquids:
        return None
    current = liquids[0].device
    assert current is not None
    finer = [get_device(name) for name in liquids[0].devices]
    finer = [d for d in finer if d.step_ml < current.step_ml and d.min_ml <= current.min_ml]
    if not finer:
        return None
    return min(finer, key=lambda device: device.step_ml).name

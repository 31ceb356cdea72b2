"""The Ashton crossover: substitute diazepam one dose time at a time, night first."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from planner.catalogue import Drug
from planner.dosing.measure import Measure
from planner.dosing.split import Split
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, TIMES_OF_DAY, Finding, Severity, StepKind, format_mg

# A dose time whose equivalent is at least this much diazepam is substituted in two
# halves, as the Ashton Manual's schedules do (e.g. clonazepam 0.5 mg → 0.25 mg + 5 mg).
HALVE_FROM_DIAZEPAM_EQ_MG = 10.0

SWITCH_SOURCE = (
    "Ashton Manual (2002), withdrawal schedules; NHS Scotland reduction schedules: "
    "substitute diazepam one dose time at a time, night first, each held about a week"
)
EQUIVALENCE_SOURCE = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Table 7: "
    "the Ashton 2002 and VA/DoD 2021 tables differ by up to 2×"
)

# Adds a step with the given kind, doses per drug and length; returns nothing useful here.
AddStep = Callable[[StepKind, Mapping[str, Split], int], object]


@dataclasses.dataclass(frozen=True)
class Crossover:
    """The two drugs of a switch and how to measure each."""

    source: Drug
    source_measure: Measure
    target: Drug
    target_measure: Measure
    ratio: float  # mg of the target drug per mg of the source drug
    target_factor: float  # mg diazepam per mg of the target drug


def _parts(dose_ug: int, crossover: Crossover) -> list[int]:
    """How much of one dose time each substitution step replaces: all, or two halves."""
    half_ug = dose_ug // 2
    equivalent_mg = dose_ug / 1000 * crossover.ratio * crossover.target_factor
    if (
        equivalent_mg >= HALVE_FROM_DIAZEPAM_EQ_MG
        and dose_ug % 2 == 0
        and crossover.source_measure.is_measurable(half_ug)
    ):
        return [half_ug, dose_ug]
    return [dose_ug]


def switch_steps(
    split: Split, order: tuple[str, ...], crossover: Crossover, step_days: int, add: AddStep
) -> Split:
    """Add one switch step per substitution and return the target drug's final split.

    At each step the substituted part of a dose time is replaced by the equivalent
    of the target drug, rounded to the nearest dose its formulation can measure.
    """
    source_split = dict(split)
    target_split: Split = dict.fromkeys(TIMES_OF_DAY, 0)
    for time in order:
        dose_ug = split.get(time, 0)
        if dose_ug <= 0:
            continue
        for replaced_ug in _parts(dose_ug, crossover):
            equivalent_ug = replaced_ug * crossover.ratio
            if equivalent_ug > crossover.target_measure.amounts_ug[-1]:
                raise PlanError(
                    f"The {time} dose is equivalent to {format_mg(equivalent_ug / 1000)} mg of "
                    f"{crossover.target.name}, more than one dose of "
                    f"{crossover.target_measure.formulation.label} can practically give; "
                    "taper the current drug first or spread the dose over more times of day",
                    field="switch_to",
                )
            source_split[time] = dose_ug - replaced_ug
            target_split[time] = crossover.target_measure.nearest(equivalent_ug)
            if target_split[time] == 0:
                # A dose must never vanish in a switch: small doses taper as they are.
                smallest_ug = crossover.target_measure.amounts_ug[1]
                raise PlanError(
                    f"The {time} dose is equivalent to {format_mg(equivalent_ug / 1000)} mg of "
                    f"{crossover.target.name}, less than half the smallest dose of "
                    f"{crossover.target_measure.formulation.label} "
                    f"({format_mg(smallest_ug / 1000)} mg); taper the current drug without a "
                    "switch, or choose a finer diazepam formulation",
                    field="switch_to",
                )
            add(
                StepKind.SWITCH,
                {
                    crossover.source.name: dict(source_split),
                    crossover.target.name: dict(target_split),
                },
                step_days,
            )
    return target_split


def whole_substitution_note(split: Split, crossover: Crossover, first_step: int) -> Finding | None:
    """Why a large dose time was substituted in one go: its half cannot be measured."""
    whole = [
        time
        for time, dose_ug in split.items()
        if dose_ug > 0
        and dose_ug / 1000 * crossover.ratio * crossover.target_factor >= HALVE_FROM_DIAZEPAM_EQ_MG
        and len(_parts(dose_ug, crossover)) == 1
    ]
    if not whole:
        return None
    return Finding(
        Severity.INFO,
        first_step,
        f"The {' and '.join(whole)} dose{'s' if len(whole) > 1 else ''} of {crossover.source.name} "
        "could not be substituted in two halves, as the Ashton Manual does for large doses: "
        f"half of {'them' if len(whole) > 1 else 'it'} cannot be measured with the "
        f"{crossover.source_measure.formulation.label} as catalogued (whole tablets only). If the "
        "patient's tablets have a score line, allow halves in Products (--split).",
        SWITCH_SOURCE,
        rule="switch-whole",
    )


def switch_order(order: tuple[str, ...]) -> tuple[str, ...]:
    """The clinician's substitution order, completed with any time it leaves out."""
    return (
        *order,
        *(time for time in ("night", "evening", "midday", "morning") if time not in order),
    )


def equivalence_note(table: str, crossover: Crossover, first_step: int) -> Finding:
    """The reminder every switch carries: which table, how much they differ, when to review."""
    other = "va" if table == "ashton" else "ashton"
    other_value = crossover.source.equivalents_mg.get(other)
    this_value = crossover.source.equivalents_mg[table]
    comparison = ""
    if other_value is not None:
        comparison = (
            f" ({EQUIVALENCE_TITLES[table]}: {float(this_value.value):g} mg "
            f"{crossover.source.name} = 10 mg diazepam; {EQUIVALENCE_TITLES[other]}: "
            f"{float(other_value.value):g} mg)"
        )
    return Finding(
        Severity.WARNING,
        first_step,
        f"The switch uses the {EQUIVALENCE_TITLES[table]} equivalence table; the published "
        f"tables differ up to twofold{comparison}. Review the patient 5–7 days after each "
        "substitution for sedation or withdrawal and adjust the diazepam dose.",
        EQUIVALENCE_SOURCE + "; " + SWITCH_SOURCE + " (review interval: check)",
        rule="switch-equivalence",
    )

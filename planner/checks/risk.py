"""What the checks know about the patient: withdrawal risk, high dose, and the check context."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from planner.catalogue import Drug
from planner.model import PatientFactor, Severity, Step, TaperPlan, format_mg

# Maudsley Deprescribing Guidelines: the first cut by withdrawal risk (percent of the dose).
FIRST_CUT_MAX_PERCENT: Mapping[str, float] = {"low": 20.0, "moderate": 10.0, "high": 5.0}
MAUDSLEY_FIRST_CUT = (
    "Maudsley Deprescribing Guidelines (Horowitz & Taylor 2024), benzodiazepine chapter: first "
    "cut about 20% or less at low withdrawal risk, smaller (about 10% / 5%) at moderate/high "
    "risk (check), then size each next cut from the response"
)
# JCPG 2025 Table 2: low dose up to 10 mg diazepam equivalent a day, moderate 10–15, high > 15.
HIGH_DOSE_DIAZEPAM_EQ_MG = 15.0
JCPG_HIGH_DOSE = (
    "Joint Clinical Practice Guideline on Benzodiazepine Tapering (ASAM et al., 2025), Table 2: "
    "high dose is more than 15 mg diazepam equivalent a day"
)
# Long-term use of either length makes a too-fast pace an error: the safer reading of
# "long-term use" (the guideline's tapering advice is for use beyond a few weeks).
_LONG_TERM = (PatientFactor.USE_OVER_1_YEAR, PatientFactor.USE_OVER_4_WEEKS)


@dataclasses.dataclass(frozen=True)
class CheckContext:
    """What every rule may look at."""

    plan: TaperPlan
    drugs: Mapping[str, Drug]  # every drug in the plan, by name
    steps: Sequence[Step]
    smallest_dose_mg: float  # the smallest single dose the formulation can give
    forced_steps: frozenset[int] = frozenset()  # steps the formulation forced a larger cut
    finer_formulation: str | None = None  # one with smaller units that gives today's doses

    @property
    def baseline_eq_mg(self) -> float:
        """Today's daily dose in diazepam equivalents, taken until the plan starts."""
        drug = self.drugs[self.plan.drug]
        return self.plan.regimen.daily_mg * drug.diazepam_factor(self.plan.equivalence)

    @property
    def high_dose(self) -> bool:
        """True at a high dose by JCPG 2025 Table 2 (over 15 mg/day diazepam equivalent)."""
        return self.baseline_eq_mg > HIGH_DOSE_DIAZEPAM_EQ_MG

    @property
    def escalated(self) -> bool:
        """A seizure disorder, long-term use or a high dose: a fast pace is then an error."""
        factors = set(self.plan.factors)
        return (
            PatientFactor.SEIZURE_DISORDER in factors
            or bool(factors.intersection(_LONG_TERM))
            or self.high_dose
        )

    @property
    def pace_severity(self) -> Severity:
        """The severity of a too-fast finding for this patient."""
        return Severity.ERROR if self.escalated else Severity.WARNING

    @property
    def escalation_reason(self) -> str:
        """Words for why a fast pace is an error here, or ''."""
        if PatientFactor.SEIZURE_DISORDER in self.plan.factors:
            return " With a seizure disorder a fast taper risks seizures: this is an error."
        if self.high_dose:
            # Judged by the dose the patient started at: late, small steps of a plan that
            # began high are still an error, and the words must not call them a high dose.
            return (
                f" For a patient who started at a high dose ({format_mg(self.baseline_eq_mg)} "
                f"mg/day diazepam equivalent; high is over {HIGH_DOSE_DIAZEPAM_EQ_MG:g} mg/day, "
                "JCPG 2025 Table 2) a fast taper risks seizures: this is an error."
            )
        if set(self.plan.factors).intersection(_LONG_TERM):
            return " After long-term use a fast taper risks severe withdrawal: this is an error."
        return ""


def withdrawal_risk(plan: TaperPlan, high_dose: bool) -> tuple[str, str]:
    """The withdrawal risk level and why: the clinician's choice, else from the factors.

    With nothing known the safer reading is moderate risk, not low.
    """
    if plan.withdrawal_risk is not None:
        return plan.withdrawal_risk, "as set by the clinician"
    factors = set(plan.factors)
    if PatientFactor.SEIZURE_DISORDER in factors:
        return "high", "seizure disorder"
    if PatientFactor.USE_OVER_1_YEAR in factors:
        return "high", "use for over a year"
    if high_dose:
        return "high", "high dose"
    return "moderate", "no low-risk assessment recorded"

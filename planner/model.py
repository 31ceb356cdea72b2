"""The planner's values: the inputs of a taper (TaperPlan) and its answer (Schedule)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Mapping
from fractions import Fraction

# Formatting lives in planner.units; its names stay importable from here, as before.
from planner.units import format_mg as format_mg
from planner.units import format_quantity_ml as format_quantity_ml
from planner.units import format_tablet_count as format_tablet_count

TIMES_OF_DAY: tuple[str, ...] = ("morning", "midday", "evening", "night")


class Method(enum.StrEnum):
    """How the ideal target doses are generated (DESIGN.md § Methods)."""

    PERCENT_CURRENT = "percent-current"
    PERCENT_ORIGINAL = "percent-original"
    FIXED = "fixed"
    BANDS = "bands"
    HYPERBOLIC = "hyperbolic"
    CUSTOM = "custom"


class StepKind(enum.StrEnum):
    """What a step does; the JSON contract spells these exactly."""

    STABILISE = "stabilise"
    SWITCH = "switch"
    REDUCE = "reduce"
    HOLD = "hold"
    MAINTAIN = "maintain"
    STOP = "stop"


class Severity(enum.StrEnum):
    """How much a finding matters: an error must be changed, info is worth knowing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Equivalence(enum.StrEnum):
    """Which benzodiazepine equivalence table converts doses to diazepam."""

    ASHTON = "ashton"
    VA = "va"


EQUIVALENCE_TITLES: Mapping[str, str] = {
    Equivalence.ASHTON: "Ashton 2002",
    Equivalence.VA: "VA/DoD 2021",
}


@dataclasses.dataclass(frozen=True)
class Regimen:
    """Today's dose per time of day, in mg of the drug being tapered."""

    morning_mg: float = 0.0
    midday_mg: float = 0.0
    evening_mg: float = 0.0
    night_mg: float = 0.0

    def by_time(self) -> dict[str, float]:
        """Return ``{time_of_day: mg}`` for all four times, zeros included."""
        return {
            "morning": self.morning_mg,
            "midday": self.midday_mg,
            "evening": self.evening_mg,
            "night": self.night_mg,
        }

    @property
    def daily_mg(self) -> float:
        """Total daily dose in mg."""
        return sum(self.by_time().values())

    @classmethod
    def from_times(cls, mg_by_time: Mapping[str, float]) -> Regimen:
        """Build a regimen from ``{time_of_day: mg}``; missing times are zero."""
        return cls(**{f"{time}_mg": float(mg) for time, mg in mg_by_time.items()})


@dataclasses.dataclass(frozen=True)
class Band:
    """While the daily dose is above ``above_mg``, cut ``cut_mg`` per step."""

    above_mg: float
    cut_mg: float
    interval_days: int | None = None  # None: the plan's interval


@dataclasses.dataclass(frozen=True)
class CustomStep:
    """One hand-written step of a custom plan: a daily dose held for some days."""

    daily_mg: float
    days: int | None = None  # None: the plan's interval


class PatientFactor(enum.StrEnum):
    """Things about the patient that change the cautions shown and how strict the checks are."""

    AGE_65_PLUS = "age_65_plus"
    PREGNANCY = "pregnancy"
    LIVER_DISEASE = "liver_disease"
    GLAUCOMA = "glaucoma"
    SUBSTANCE_MISUSE = "substance_misuse"
    ALCOHOL = "alcohol"
    SEDATIVES_OPIOIDS = "sedatives_opioids"
    SEIZURE_DISORDER = "seizure_disorder"
    USE_OVER_4_WEEKS = "use_over_4_weeks"
    USE_OVER_1_YEAR = "use_over_1_year"


FACTOR_LABELS: Mapping[str, str] = {
    PatientFactor.AGE_65_PLUS: "Age 65 or over",
    PatientFactor.PREGNANCY: "Pregnant or planning pregnancy",
    PatientFactor.LIVER_DISEASE: "Liver disease",
    PatientFactor.GLAUCOMA: "Glaucoma",
    PatientFactor.SUBSTANCE_MISUSE: "History of substance misuse",
    PatientFactor.ALCOHOL: "Drinks alcohol",
    PatientFactor.SEDATIVES_OPIOIDS: "Takes other sedatives or opioids",
    PatientFactor.SEIZURE_DISORDER: "Seizure disorder (the reason for the drug)",
    PatientFactor.USE_OVER_4_WEEKS: "Long-term use: over 4 weeks",
    PatientFactor.USE_OVER_1_YEAR: "Long-term use: over a year",
}


class FollowUpAction(enum.StrEnum):
    """What the clinician decides at a check-in (JCPG 2025 Rec. 11: hold first, then slow)."""

    CONTINUE = "continue"
    HOLD = "hold"
    SLOW_CUTS = "slow-cuts"
    SLOW_INTERVAL = "slow-interval"
    STEP_BACK = "step-back"
    RESUME = "resume"  # after a red-flag pause and its review: the taper goes on


ACTION_LABELS: Mapping[str, str] = {
    FollowUpAction.CONTINUE: "Continue as planned",
    FollowUpAction.HOLD: "Hold the current dose",
    FollowUpAction.SLOW_CUTS: "Slow down: smaller cuts",
    FollowUpAction.SLOW_INTERVAL: "Slow down: longer intervals",
    FollowUpAction.STEP_BACK: "Step back to the last tolerated dose, then slower",
    FollowUpAction.RESUME: "Resume the taper after the review",
}


@dataclasses.dataclass(frozen=True)
class CheckIn:
    """A follow-up visit: what the patient reports and what the clinician decides.

    ``symptoms`` pairs a withdrawal-symptom id (resources/guidance.json) with a
    severity from 0 (none) to 3 (severe); ``red_flags`` lists red-flag ids.
    """

    date: dt.date
    symptoms: tuple[tuple[str, int], ...] = ()
    red_flags: tuple[str, ...] = ()
    action: FollowUpAction = FollowUpAction.CONTINUE
    hold_days: int = 14
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Patient:
    """Who the plan is for and who wrote it; all optional, kept only in saved files."""

    name: str = ""
    date_of_birth: dt.date | None = None
    prescriber: str = ""


@dataclasses.dataclass(frozen=True)
class TaperPlan:
    """Everything the clinician chose; ``planner.plan()`` turns it into a Schedule.

    Percent fields are percentages (10 means 10%). For the hyperbolic method
    ``reduction_percent`` is the fall in receptor occupancy per step, in
    percentage points, and ``emax_percent``/``ed50_mg`` are stated assumptions.
    """

    drug: str = "clonazepam"
    region: str = "uk"
    formulation: str = "tablet"
    regimen: Regimen = Regimen(morning_mg=0.5, night_mg=1.0)
    method: Method = Method.PERCENT_CURRENT
    reduction_percent: float = 10.0
    slow_below_mg: float | None = None
    slow_percent: float | None = None
    final_percent: float | None = None
    amount_mg: float | None = None
    bands: tuple[Band, ...] = ()
    emax_percent: float = 100.0
    ed50_mg: float | None = None  # None: the drug's 10 mg diazepam equivalent
    custom_steps: tuple[CustomStep, ...] = ()
    interval_days: int = 14
    start: dt.date = dt.date(2027, 1, 4)
    maintenance_mg: float = 0.0
    stabilise_days: int = 0
    reduce_first: str | None = None  # None: keep doses as equal as possible
    equivalence: Equivalence = Equivalence.ASHTON
    switch_to: str | None = None
    switch_step_days: int = 7
    switch_order: tuple[str, ...] = ("night", "evening", "midday", "morning")
    switch_formulation: str = "tablet"
    patient: Patient = Patient()
    factors: tuple[str, ...] = ()  # PatientFactor values
    withdrawal_risk: str | None = None  # "low", "moderate", "high"; None: from the factors
    checkins: tuple[CheckIn, ...] = ()
    # Products (issue 16): the device for any liquid (None: each liquid's own), the clinician's
    # splits (drug, strength mg, pieces) and stocked strengths (drug, strength mg), and a
    # compounding step for pharmacy-made doses of the plan's drug (None: none made up).
    device: str | None = None
    splits: tuple[tuple[str, float, int], ...] = ()
    stock: tuple[tuple[str, float], ...] = ()
    compounded_step_mg: float | None = None
    # Changes of the fields above from a date (planner/followup/history.py); the fields
    # above are the plan as it is now, each change keeps what it was before.
    changes: tuple[PlanChange, ...] = ()

    def replace(self, **changes: object) -> TaperPlan:
        """Return a copy with some fields changed (plans are immutable values).

        What ``dataclasses.replace`` does, five times faster (reading a plan file makes
        several copies; a caseload reads thousands): every field is set by ``__init__``
        alone (no ``__post_init__``, no ``init=False``), so copying them is the same.

        Raises:
            TypeError: for a name that is not a field.
        """
        unknown = changes.keys() - _TAPER_PLAN_FIELDS
        if unknown:
            raise TypeError(f"TaperPlan has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(type(self))
        state = copy.__dict__
        state.update(self.__dict__)
        state.update(changes)
        return copy


_TAPER_PLAN_FIELDS = frozenset(field.name for field in dataclasses.fields(TaperPlan))


@dataclasses.dataclass(frozen=True)
class PlanChange:
    """A change of the plan's settings from ``date`` on; ``previous`` holds them before it.

    ``previous`` is a TaperPlan without check-ins or changes of its own. The days before
    ``date`` stay as they were planned under ``previous``.
    """

    date: dt.date
    previous: TaperPlan


@dataclasses.dataclass(frozen=True)
class Portion:
    """A quantity of one product: tablets (maybe a fraction) or millilitres."""

    product_label: str  # "0.5 mg tablet", "0.5 mg/5 mL oral solution"
    quantity: Fraction  # tablets, or mL for a liquid
    is_liquid: bool = False
    device: str = ""  # liquids: the measuring device's name, e.g. "syringe-3ml"
    how: str = ""  # liquids: "5 mL oral syringe: draw up to the 2.4 mL mark"

    def text(self) -> str:
        """Words a patient reads: '½ × 0.5 mg tablet', '2.5 mL of 0.5 mg/5 mL oral solution'."""
        if self.is_liquid:
            how = f" ({self.how})" if self.how else ""
            return f"{format_quantity_ml(self.quantity)} mL of {self.product_label}{how}"
        return f"{format_tablet_count(self.quantity)} × {self.product_label}"


@dataclasses.dataclass(frozen=True)
class Dose:
    """What to take at one time of day of one drug."""

    time: str
    drug: str
    mg: float
    portions: tuple[Portion, ...]

    @property
    def units(self) -> str:
        """All portions joined: '1 × 0.5 mg tablet + ½ × 0.5 mg tablet'."""
        return " + ".join(portion.text() for portion in self.portions)


@dataclasses.dataclass(frozen=True)
class Step:
    """A period with the same doses; ``days`` is 0 for a stop or ongoing maintenance."""

    index: int
    start: dt.date
    days: int
    kind: StepKind
    doses: tuple[Dose, ...]
    diazepam_eq_factor: Mapping[str, float] = dataclasses.field(default_factory=dict)

    @property
    def end(self) -> dt.date:
        """Last day of the step (the start day itself for a 0-day step)."""
        return self.start + dt.timedelta(days=max(self.days - 1, 0))

    def doses_at(self, time: str) -> tuple[Dose, ...]:
        """The doses (one per drug) taken at a time of day."""
        return tuple(dose for dose in self.doses if dose.time == time)

    @property
    def daily_mg(self) -> dict[str, float]:
        """Daily mg per drug, in the order drugs first appear (a new dict: the caller's own)."""
        # Worked out once per step: the checks, reports and chart ask thousands of times.
        # Kept in the instance's dict by hand: functools.cached_property takes a lock.
        totals = self.__dict__.get("_daily_totals")
        if totals is None:
            summed: dict[str, float] = {}
            for dose in self.doses:
                summed[dose.drug] = round(summed.get(dose.drug, 0.0) + dose.mg, 6)
            totals = self.__dict__["_daily_totals"] = tuple(summed.items())
        return dict(totals)

    @property
    def daily_diazepam_eq_by_drug(self) -> dict[str, float]:
        """Each drug's share of the daily dose, in mg of diazepam (for a switch's chart)."""
        return {
            drug: round(mg * self.diazepam_eq_factor.get(drug, 0.0), 4)
            for drug, mg in self.daily_mg.items()
        }

    @property
    def daily_diazepam_eq_mg(self) -> float:
        """Daily dose of all drugs in mg of diazepam, by the plan's equivalence table."""
        eq_mg = self.__dict__.get("_daily_eq_mg")  # worked out once, as daily_mg
        if eq_mg is None:
            factors = self.diazepam_eq_factor
            eq_mg = round(sum(dose.mg * factors.get(dose.drug, 0.0) for dose in self.doses), 4)
            self.__dict__["_daily_eq_mg"] = eq_mg
        return float(eq_mg)


@dataclasses.dataclass(frozen=True)
class Finding:
    """A guideline check the plan breaks (or a fact worth knowing), with its source.

    ``fix`` is a change to the TaperPlan that resolves it, as (field, value) pairs,
    when one obvious change exists; the window offers it as a one-click fix.
    ``steps`` lists every step the finding's one cause affects (``step`` is the first).
    """

    severity: Severity
    step: int | None
    message: str
    source: str
    rule: str = ""
    fix: tuple[tuple[str, object], ...] = ()
    steps: tuple[int, ...] = ()


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    """One dated line of a plan's follow-up history, with the clinician's note if any."""

    date: dt.date
    text: str
    note: str = ""
    kind: str = "checkin"  # "checkin" or "change"


@dataclasses.dataclass(frozen=True)
class Schedule:
    """The planner's answer: steps of measurable doses and the findings on them."""

    plan: TaperPlan
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...] = ()
    history: tuple[HistoryEntry, ...] = ()

    @property
    def start_date(self) -> dt.date:
        """The day the first change takes effect."""
        return self.steps[0].start

    @property
    def end_date(self) -> dt.date:
        """The day the final dose (zero or maintenance) begins."""
        return self.steps[-1].start

    @property
    def total_days(self) -> int:
        """Days from the start to the end date."""
        return (self.end_date - self.start_date).days

    @functools.cached_property
    def names_drugs(self) -> bool:
        """True when the plan gives a second drug (a switch): every dose then names its drug.

        Each step names it, even one of diazepam alone, so that "30 mg" after a switch from
        clonazepam can never be read as clonazepam. Found once per schedule (it walks them all).
        """
        return any(drug != self.plan.drug for step in self.steps for drug in step.daily_mg)

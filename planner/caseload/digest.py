"""What the caseload keeps of one plan: its dated daily doses, check-ins and errors, not today's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from planner.model import Schedule, Severity

DIGEST_VERSION = 2
from_ordinal = dt.date.fromordinal


@dataclasses.dataclass(frozen=True)
class DigestStep:
    """One step of the schedule as the caseload needs it."""

    start: dt.date
    days: int
    kind: str
    daily_mg: dict[str, float]  # per drug, in the order drugs first appear
    diazepam_eq_mg: float


@dataclasses.dataclass(frozen=True)
class DigestFinding:
    """An error finding with its source (a caseload never shows a warning without its source)."""

    rule: str
    step: int | None
    message: str
    source: str


@dataclasses.dataclass(frozen=True)
class PlanDigest:
    """A plan reduced to what the caseload shows; independent of the day it is read.

    Args:
        patient: the patient's name or identifier ("" when the file has none).
        drugs: every drug the plan gives, the tapered drug first.
        start_mg: today's regimen when the plan was written, daily mg per drug.
        start_diazepam_eq_mg: the same in mg of diazepam (the base of "% of start").
        steps: the schedule's steps as revised by the check-ins.
        checkins: each check-in's date and whether it reported red flags, in date order.
        paused_since: the date of the red-flag check-in that paused the taper, if paused.
        errors: the error findings.
        warnings: how many warning findings the plan has.
    """

    patient: str
    drugs: tuple[str, ...]
    start_mg: dict[str, float]
    start_diazepam_eq_mg: float
    steps: tuple[DigestStep, ...]
    checkins: tuple[tuple[dt.date, bool], ...]
    paused_since: dt.date | None
    errors: tuple[DigestFinding, ...]
    warnings: int

    def to_json(self) -> dict[str, Any]:
        """The digest as JSON-ready data (stored in the index)."""
        return {
            "v": DIGEST_VERSION,
            "patient": self.patient,
            "drugs": list(self.drugs),
            "start_mg": self.start_mg,
            "start_eq": self.start_diazepam_eq_mg,
            "steps": [
                [s.start.toordinal(), s.days, s.kind, s.daily_mg, s.diazepam_eq_mg]
                for s in self.steps
            ],
            "checkins": [[d.isoformat(), flagged] for d, flagged in self.checkins],
            "paused_since": self.paused_since.isoformat() if self.paused_since else None,
            "errors": [dataclasses.asdict(e) for e in self.errors],
            "warnings": self.warnings,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanDigest:
        """Rebuild a digest stored by ``to_json``.

        The index wrote it from a digest, so the steps (most of it) are taken as they are:
        re-checking a big caseload is mostly this.

        Raises:
            ValueError: for data of another version or shape (the index then re-reads the file).
        """
        if data.get("v") != DIGEST_VERSION:
            raise ValueError("digest of another version")
        try:
            paused = data["paused_since"]
            return cls(
                patient=str(data["patient"]),
                drugs=tuple(str(d) for d in data["drugs"]),
                start_mg={str(k): float(v) for k, v in data["start_mg"].items()},
                start_diazepam_eq_mg=float(data["start_eq"]),
                steps=tuple(
                    DigestStep(from_ordinal(start), days, kind, daily_mg, eq)
                    for start, days, kind, daily_mg, eq in data["steps"]
                ),
                checkins=tuple(
                    (dt.date.fromisoformat(c[0]), bool(c[1])) for c in data["checkins"]
                ),
                paused_since=dt.date.fromisoformat(paused) if paused else None,
                errors=tuple(DigestFinding(**e) for e in data["errors"]),
                warnings=int(data["warnings"]),
            )
        except (KeyError, TypeError, IndexError, AttributeError, ValueError) as error:
            raise ValueError(f"damaged digest: {error}") from error


def digest_of(schedule: Schedule) -> PlanDigest:
    """The caseload's view of a planned schedule."""
    plan = schedule.plan
    drugs = [plan.drug]
    for step in schedule.steps:
        drugs.extend(drug for drug in step.daily_mg if drug not in drugs)
    factor = schedule.steps[0].diazepam_eq_factor.get(plan.drug, 0.0) if schedule.steps else 0.0
    checkins = tuple(sorted((c.date, bool(c.red_flags)) for c in plan.checkins))
    paused = any(
        f.rule == "red-flag" and f.severity is Severity.ERROR for f in schedule.findings
    )
    return PlanDigest(
        patient=plan.patient.name,
        drugs=tuple(drugs),
        start_mg={plan.drug: round(plan.regimen.daily_mg, 6)},
        start_diazepam_eq_mg=round(plan.regimen.daily_mg * factor, 4),
        steps=tuple(
            DigestStep(s.start, s.days, str(s.kind), s.daily_mg, s.daily_diazepam_eq_mg)
            for s in schedule.steps
        ),
        checkins=checkins,
        paused_since=_paused_since(checkins) if paused else None,
        errors=tuple(
            DigestFinding(f.rule, f.step, f.message, f.source)
            for f in schedule.findings
            if f.severity is Severity.ERROR
        ),
        warnings=sum(f.severity is Severity.WARNING for f in schedule.findings),
    )


def _paused_since(checkins: tuple[tuple[dt.date, bool], ...]) -> dt.date | None:
    # The first red flag of the last unbroken run of red-flag check-ins: a check-in
    # without red flags after a review resumes the taper.
    since: dt.date | None = None
    for date, flagged in checkins:
        if not flagged:
            since = None
        elif since is None:
            since = date
    return since

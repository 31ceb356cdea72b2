"""What the caseload keeps of one plan: its dated daily doses, check-ins and errors, not today's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Iterable

from planner.model import Schedule, Severity

DIGEST_VERSION = 3
from_ordinal = dt.date.fromordinal
# The JSON scanner itself, without json.loads' checks for bytes and surrounding blanks: the
# index wrote the text, and re-checking 5 000 files decodes 5 000 of them.
_read_json = json.JSONDecoder().raw_decode
# One encoder for every digest: json.dumps with options makes a new one per call.
_write_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


# Daily mg per drug, as (drug, mg) pairs in the order drugs first appear.
DailyMg = tuple[tuple[str, float], ...]
# One step of the schedule as the caseload needs it: (start, days, kind, daily mg per drug,
# daily mg of diazepam equivalents).
# Plain tuples of plain values, not named tuples, dataclasses or dicts: Python's garbage
# collector stops tracking such a tuple, and a caseload of 5 000 plans holds about 23 000
# steps and as many dose changes, which each of its full collections walked (150-180 ms
# pauses while the window read such a folder); they are also made faster from the index.
DigestStep = tuple[dt.date, int, str, DailyMg, float]
# A day the daily doses change: (date, whether it is a switch substitution, daily mg per drug).
DoseChange = tuple[dt.date, bool, DailyMg]


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

    @functools.cached_property
    def dose_changes(self) -> tuple[DoseChange, ...]:
        """Every day the daily doses change, from the regimen the plan started from.

        A step with the same doses as the one before (a hold, a check-in splitting a step,
        a stabilisation) is no change; a stop is. Worked out once per digest: each row
        asks for it twice (next change, review due), and each refresh again.
        """
        changes: list[DoseChange] = []
        before = _rounded(self.start_mg.items())
        for start, _, kind, daily_mg, _ in self.steps:
            now = _rounded(daily_mg)
            if now != before:
                changes.append((start, kind == "switch", daily_mg))
            before = now
        return tuple(changes)

    def encode(self) -> str:
        """The digest as compact JSON (stored in the index): one array, dates as ordinals.

        Arrays rather than objects: the index decodes every plan's digest at each start,
        and a compact array decodes about twice as fast as named fields.
        """
        paused = self.paused_since.toordinal() if self.paused_since else None
        return _write_json(
            [
                DIGEST_VERSION,
                self.patient,
                self.drugs,
                self.start_mg,
                self.start_diazepam_eq_mg,
                [[start.toordinal(), days, kind, dict(daily_mg), eq_mg]
                 for start, days, kind, daily_mg, eq_mg in self.steps],
                [[date.toordinal(), flagged] for date, flagged in self.checkins],
                paused,
                [[e.rule, e.step, e.message, e.source] for e in self.errors],
                self.warnings,
            ]
        )

    @classmethod
    def decode(cls, text: str) -> PlanDigest:
        """Rebuild a digest stored by ``encode``.

        The index wrote it from a digest, so the values are taken as they are: re-checking
        a big caseload is mostly this.

        Raises:
            ValueError: for data of another version or shape (the index then re-reads the file).
        """
        try:
            data, end = _read_json(text)
            if end != len(text) or data[0] != DIGEST_VERSION:
                raise ValueError("digest of another version")
            _, patient, drugs, start_mg, start_eq, steps, checkins, paused, errors, warnings = data
            return cls(
                patient=patient,
                drugs=tuple(drugs),
                start_mg=start_mg,
                start_diazepam_eq_mg=start_eq,
                steps=tuple(
                    [(from_ordinal(s[0]), s[1], s[2], tuple(s[3].items()), s[4]) for s in steps]
                ),
                checkins=tuple([(from_ordinal(day), flagged) for day, flagged in checkins]),
                paused_since=from_ordinal(paused) if paused else None,
                errors=tuple([DigestFinding(*error) for error in errors]),
                warnings=warnings,
            )
        except (KeyError, TypeError, IndexError, AttributeError, ValueError) as error:
            raise ValueError(f"damaged digest: {error}") from error


def digest_of(schedule: Schedule) -> PlanDigest:
    """The caseload's view of a planned schedule."""
    plan = schedule.plan
    drugs = [plan.drug]
    # Each step's daily doses worked out once (a property that adds up the doses).
    steps: tuple[DigestStep, ...] = tuple(
        (s.start, s.days, str(s.kind), tuple(s.daily_mg.items()), s.daily_diazepam_eq_mg)
        for s in schedule.steps
    )
    for _, _, _, daily_mg, _ in steps:
        drugs.extend(drug for drug, _ in daily_mg if drug not in drugs)
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
        steps=steps,
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


def _rounded(daily_mg: Iterable[tuple[str, float]]) -> dict[str, float]:
    # Doses compared to 0.1 µg: a float's last digits are no change of dose.
    return {drug: rounded for drug, mg in daily_mg if (rounded := round(mg, 4))}

"""A schedule as an HL7 FHIR R4 Bundle of MedicationRequests, built and checked by a library."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import resources
from planner import __version__
from planner.catalogue import source_text
from planner.dosing.daily import drugs_in
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, TIMES_OF_DAY, Dose, Schedule, Step, format_mg
from planner.report.summary import describe_plan, summary_line
from planner.report.words import AT_TIME, drug_name

# FHIR EventTiming codes (hl7.org/fhir/R4/valueset-event-timing.html). The app's "night" dose
# is "at night", not "before sleep": HS would claim a bedtime the clinician never chose.
WHEN_CODES: dict[str, str] = {
    "morning": "MORN",
    "midday": "NOON",
    "evening": "EVE",
    "night": "NIGHT",
}
UCUM = "http://unitsofmeasure.org"
CODE_SYSTEMS: dict[str, tuple[str, str]] = {  # catalogue key → (FHIR system URI, name)
    "rxnorm": ("http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm"),
    "dmd": ("https://dmd.nhs.uk", "dm+d"),
}
# Which coding a region's health records use: RxNorm in the US, dm+d in the UK.
REGION_CODE_SYSTEM = {"us": "rxnorm", "uk": "dmd"}
DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


def drug_coding(drug: str, region: str) -> tuple[dict[str, str], str] | None:
    """The catalogue's code for a drug in the region's coding system, with its source.

    Args:
        drug: catalogue name, e.g. "diazepam".
        region: "uk" (dm+d) or "us" (RxNorm).

    Returns:
        The FHIR Coding and a sentence naming the code and its source, or None when the
        catalogue holds no sourced code (the medication is then named by text only).
    """
    key = REGION_CODE_SYSTEM.get(region)
    entry = resources.load_json("catalogue.json")["drugs"].get(drug, {}).get("codes", {})
    code = entry.get(key) if key else None
    if not isinstance(code, dict) or not code.get("code") or not code.get("source"):
        return None  # a code without a source is not used (clinical.md: every value is sourced)
    system, system_name = CODE_SYSTEMS[str(key)]
    coding = {"system": system, "code": str(code["code"]), "display": str(code["display"])}
    sentence = (
        f"{drug_name(drug)}: {system_name} code {code['code']} ({code['display']}); "
        f"source: {source_text(str(code['source']))}."
    )
    return coding, sentence


def _products(schedule: Schedule, drug: str) -> list[str]:
    labels: dict[str, None] = {}
    for step in schedule.steps:
        for dose in step.doses:
            if dose.drug == drug:
                labels.update(dict.fromkeys(portion.product_label for portion in dose.portions))
    return list(labels)


def _dates_text(step: Step) -> str:
    if step.days:
        return f"{step.start.isoformat()} to {step.end.isoformat()}"
    return f"from {step.start.isoformat()}, ongoing"


def dosage_text(step: Step, dose: Dose) -> str:
    """One dosage instruction in words: step, dates, mg and what to take, at which time."""
    return (
        f"Step {step.index} ({step.kind}), {_dates_text(step)}: {format_mg(dose.mg)} mg "
        f"{dose.drug} {AT_TIME[dose.time]}: take {dose.units}."
    )


def _dosage(step: Step, dose: Dose) -> dict[str, Any]:
    bounds = {"start": step.start.isoformat()}
    if step.days:  # a maintenance step goes on: no end date
        bounds["end"] = step.end.isoformat()
    return {
        # Same sequence = taken together (FHIR Dosage.sequence): each time of day of one
        # step shares the step's number, which is also its number on every printout.
        "sequence": step.index,
        "text": dosage_text(step, dose),
        "timing": {
            "repeat": {
                "boundsPeriod": bounds,
                "frequency": 1,
                "period": 1,
                "periodUnit": "d",
                "when": [WHEN_CODES[dose.time]],
            }
        },
        "doseAndRate": [
            {
                "doseQuantity": {
                    "value": Decimal(str(round(dose.mg, 6))),
                    "unit": "mg",
                    "system": UCUM,
                    "code": "mg",
                }
            }
        ],
    }


def _stop_text(schedule: Schedule, drug: str) -> str | None:
    """When the drug is no longer taken: the day after its last step (None if ongoing)."""
    last = max(
        (i for i, step in enumerate(schedule.steps) if step.daily_mg.get(drug)), default=None
    )
    if last is None:
        return None
    step = schedule.steps[last]
    if not step.days:
        return None  # ongoing maintenance
    stop = step.start + dt.timedelta(days=step.days)
    return f"No {drug} from {stop.isoformat()} on (after step {step.index})."


def _notes(schedule: Schedule, drug: str, code_sentence: str | None) -> list[dict[str, str]]:
    plan = schedule.plan
    texts = [
        f"Taper plan made with Taper Planner {__version__}: {summary_line(schedule)}.",
        f"Method: {describe_plan(schedule)}. Diazepam equivalents by "
        f"{EQUIVALENCE_TITLES[plan.equivalence]}. Region: {plan.region.upper()}.",
    ]
    stop = _stop_text(schedule, drug)
    if stop:
        texts.append(stop)
    if code_sentence:
        texts.append(code_sentence)
    for finding in schedule.findings:
        where = f"step {finding.step}" if finding.step else "whole plan"
        texts.append(
            f"Finding ({finding.severity}, {where}): {finding.message} Source: {finding.source}."
        )
    for entry in schedule.history:
        note = f" Note: {entry.note}" if entry.note else ""
        texts.append(f"Follow-up {entry.date.isoformat()}: {entry.text}{note}")
    return [{"text": text} for text in texts]


def medication_request(schedule: Schedule, drug: str) -> dict[str, Any]:
    """One drug's part of the plan as a FHIR MedicationRequest (a plain dict, not yet checked)."""
    plan = schedule.plan
    coded = drug_coding(drug, plan.region)
    concept: dict[str, Any] = {
        "text": f"{drug_name(drug)} ({', '.join(_products(schedule, drug)) or 'no product'})"
    }
    if coded is not None:
        concept["coding"] = [coded[0]]
    patient = plan.patient
    # subject is required (1..1); with no name in the plan, say so rather than invent one.
    subject: dict[str, Any] = (
        {"display": patient.name}
        if patient.name.strip()
        else {"extension": [{"url": DATA_ABSENT_REASON, "valueCode": "unknown"}]}
    )
    request: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "status": "active",
        "intent": "plan",
        "medicationCodeableConcept": concept,
        "subject": subject,
        "note": _notes(schedule, drug, coded[1] if coded else None),
        "dosageInstruction": [
            _dosage(step, dose)
            for step in schedule.steps
            for time in TIMES_OF_DAY
            for dose in step.doses_at(time)
            if dose.drug == drug
        ],
    }
    if patient.prescriber.strip():
        request["requester"] = {"display": patient.prescriber}
    return request


def bundle_dict(schedule: Schedule, now: dt.datetime | None = None) -> dict[str, Any]:
    """The plan as a FHIR Bundle (type collection) with one MedicationRequest per drug."""
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    entries = []
    for drug in drugs_in(schedule):
        resource_id = str(uuid.uuid4())
        request = medication_request(schedule, drug)
        request["id"] = resource_id
        entries.append({"fullUrl": f"urn:uuid:{resource_id}", "resource": request})
    return {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        "type": "collection",
        "timestamp": moment.isoformat(),
        "entry": entries,
    }


def to_fhir_json(schedule: Schedule, now: dt.datetime | None = None) -> str:
    """The plan as FHIR R4 JSON, validated and written by the fhir.resources models.

    Args:
        schedule: the plan to export (every step, as revised by its check-ins).
        now: the bundle's timestamp (timezone-aware); default the current time.

    Raises:
        PlanError: if the FHIR library is missing, or the bundle does not validate.
    """
    try:
        # R4B models serve R4 content; loaded only here, so planning never waits for them.
        from fhir.resources.R4B.bundle import Bundle
        from pydantic import ValidationError
    except ImportError as error:
        raise PlanError(
            "FHIR export needs the fhir.resources library; install Taper Planner with its "
            f"dependencies ({error.name} is missing)",
            field="file",
        ) from error
    if now is not None and now.tzinfo is None:
        raise PlanError("the FHIR bundle's timestamp needs a time zone", field="file")
    try:
        bundle = Bundle.model_validate(bundle_dict(schedule, now))
    except ValidationError as error:  # a bug in this module, never the clinician's input
        raise PlanError(f"The FHIR bundle did not validate: {error}", field="file") from error
    return str(bundle.model_dump_json(indent=2)) + "\n"

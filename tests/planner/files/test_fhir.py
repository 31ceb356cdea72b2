"""The FHIR export: every bundle re-parsed by fhir.resources and checked against the schedule."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.medicationrequest import MedicationRequest

from planner import __version__
from planner.cli import main as cli_main
from planner.dosing.daily import drugs_in
from planner.dosing.schedule import plan
from planner.files import fhir, planfile
from planner.model import (
    TIMES_OF_DAY,
    CheckIn,
    FollowUpAction,
    Patient,
    Regimen,
    Schedule,
    TaperPlan,
)
from tests.planner.helpers import base_plan, lorazepam_switch_plan, switch_plan

NOW = dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC)
WHEN_TO_TIME = {code: time for time, code in fhir.WHEN_CODES.items()}
# hl7.org/fhir/R4/valueset-event-timing.html (the codes this export may use)
EVENT_TIMING = {"MORN", "NOON", "AFT", "EVE", "NIGHT", "HS", "WAKE"}


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def round_trip(schedule: Schedule) -> list[MedicationRequest]:
    """Export, re-parse with the library, and check every dosage against the schedule."""
    bundle = Bundle.model_validate_json(fhir.to_fhir_json(schedule, NOW))
    assert bundle.type == "collection"
    requests = [entry.resource for entry in bundle.entry or []]
    assert all(isinstance(request, MedicationRequest) for request in requests)
    assert len(requests) == len(drugs_in(schedule))
    for drug, request in zip(drugs_in(schedule), requests, strict=True):
        assert request.status == "active"
        assert request.intent == "plan"
        assert request.medicationCodeableConcept.text.lower().startswith(drug)
        expected = [
            (step.index, step.start, step.end if step.days else None, time, Decimal(str(dose.mg)))
            for step in schedule.steps
            for time in TIMES_OF_DAY
            for dose in step.doses_at(time)
            if dose.drug == drug
        ]
        actual = []
        for dosage in request.dosageInstruction:
            repeat = dosage.timing.repeat
            assert (repeat.frequency, repeat.period, repeat.periodUnit) == (1, 1, "d")
            assert len(repeat.when) == 1 and repeat.when[0] in EVENT_TIMING
            quantity = dosage.doseAndRate[0].doseQuantity
            assert (quantity.unit, quantity.code, quantity.system) == ("mg", "mg", fhir.UCUM)
            assert " mg " in dosage.text and AT_WORDS[WHEN_TO_TIME[repeat.when[0]]] in dosage.text
            bounds = repeat.boundsPeriod
            end = _as_date(bounds.end) if bounds.end is not None else None
            actual.append(
                (
                    dosage.sequence,
                    _as_date(bounds.start),
                    end,
                    WHEN_TO_TIME[repeat.when[0]],
                    Decimal(str(quantity.value)),
                )
            )
        assert actual == expected
        assert [d.sequence for d in request.dosageInstruction] == sorted(
            d.sequence for d in request.dosageInstruction
        )
        notes = "\n".join(note.text for note in request.note)
        assert f"Taper Planner {__version__}" in notes
        for finding in schedule.findings:
            assert finding.message in notes and finding.source in notes
    return requests


AT_WORDS = {
    "morning": "in the morning",
    "midday": "at midday",
    "evening": "in the evening",
    "night": "at night",
}


def test_plain_plan_round_trips() -> None:
    schedule = plan(base_plan())
    (request,) = round_trip(schedule)
    # A stop step is nothing to take: no dosage, but a note says from when.
    assert schedule.steps[-1].days == 0 and not schedule.steps[-1].doses
    notes = [note.text for note in request.note]
    assert f"No clonazepam from {schedule.end_date.isoformat()} on" in " ".join(notes)


def test_switch_plan_has_one_request_per_drug() -> None:
    schedule = plan(switch_plan())
    clonazepam, diazepam = round_trip(schedule)
    assert "Clonazepam" in clonazepam.medicationCodeableConcept.text
    assert "Diazepam" in diazepam.medicationCodeableConcept.text
    # During a substitution step both drugs are taken: the same sequence in each request.
    assert {d.sequence for d in clonazepam.dosageInstruction} & {
        d.sequence for d in diazepam.dosageInstruction
    }


def test_liquid_plan_says_millilitres_and_doses_in_mg() -> None:
    schedule = plan(base_plan(formulation="liquid"))
    (request,) = round_trip(schedule)
    assert "oral solution" in request.medicationCodeableConcept.text
    assert all(" mL of " in d.text for d in request.dosageInstruction)


def test_followup_plan_round_trips_with_its_history() -> None:
    checkin = CheckIn(
        date=dt.date(2027, 2, 3),
        symptoms=(("insomnia", 2),),
        action=FollowUpAction.HOLD,
        hold_days=14,
        note="Sleeping badly.",
    )
    schedule = plan(base_plan(checkins=(checkin,)))
    assert schedule.history
    (request,) = round_trip(schedule)
    notes = " ".join(note.text for note in request.note)
    assert "Follow-up 2027-02-03" in notes and "Sleeping badly." in notes


def test_maintenance_step_has_no_end_date() -> None:
    schedule = plan(base_plan(maintenance_mg=0.5))
    (request,) = round_trip(schedule)
    last = request.dosageInstruction[-1].timing.repeat.boundsPeriod
    assert last.end is None
    assert _as_date(last.start) == schedule.end_date


def test_us_diazepam_carries_its_rxnorm_code_with_source() -> None:
    schedule = plan(lorazepam_switch_plan())
    lorazepam, diazepam = round_trip(schedule)
    assert lorazepam.medicationCodeableConcept.coding is None  # no sourced code in the catalogue
    (coding,) = diazepam.medicationCodeableConcept.coding
    assert (coding.system, coding.code) == ("http://www.nlm.nih.gov/research/umls/rxnorm", "3322")
    notes = " ".join(note.text for note in diazepam.note)
    assert "RxNorm code 3322" in notes and "CPIC" in notes


def test_uk_plan_has_no_rxnorm_code() -> None:
    schedule = plan(base_plan(drug="oxazepam", regimen=Regimen(night_mg=30)))
    (request,) = round_trip(schedule)
    assert request.medicationCodeableConcept.coding is None
    us = plan(base_plan(drug="oxazepam", region="us", formulation="capsule",
                        regimen=Regimen(night_mg=30)))  # fmt: skip
    (us_request,) = round_trip(us)
    assert us_request.medicationCodeableConcept.coding[0].code == "7781"


def test_patient_and_prescriber_only_when_given() -> None:
    named = round_trip(plan(base_plan(patient=Patient("Ann <b>", None, "Dr B"))))[0]
    assert named.subject.display == "Ann <b>"
    assert named.requester.display == "Dr B"
    anonymous = round_trip(plan(base_plan()))[0]
    assert anonymous.subject.display is None
    assert anonymous.subject.extension[0].valueCode == "unknown"
    assert anonymous.requester is None


def test_other_drugs_and_methods_round_trip() -> None:
    for plan_value in (
        base_plan(drug="lorazepam", region="us", regimen=Regimen(morning_mg=1, night_mg=2)),
        base_plan(drug="diazepam", regimen=Regimen(morning_mg=5, midday_mg=5, night_mg=10)),
        base_plan(drug="alprazolam", region="us", regimen=Regimen(morning_mg=0.5, night_mg=1),
                  stabilise_days=14, reduce_first="morning"),
    ):  # fmt: skip
        round_trip(plan(plan_value))


def test_naive_timestamp_is_refused() -> None:
    with pytest.raises(fhir.PlanError, match="time zone"):
        fhir.to_fhir_json(plan(base_plan()), dt.datetime(2027, 1, 4))


def _saved(tmp_path: Path, plan_value: TaperPlan) -> Path:
    path = tmp_path / "p.taper.json"
    planfile.save_plan(plan_value, path)
    return path


def test_cli_writes_a_valid_bundle(tmp_path: Path) -> None:
    source = _saved(tmp_path, switch_plan())
    out = tmp_path / "plan.json"
    err = io.StringIO()
    assert cli_main(["export", str(source), "--fhir", str(out)], stderr=err) == 0, err.getvalue()
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    assert len(bundle.entry) == 2
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left over


def test_cli_bad_folder_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    source = _saved(tmp_path, base_plan())
    err = io.StringIO()
    out = tmp_path / "missing" / "plan.json"
    assert cli_main(["export", str(source), "--fhir", str(out)], stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and "Cannot write" in err.getvalue()
    assert not out.parent.exists()


def test_cli_fhir_is_one_target_at_a_time(tmp_path: Path) -> None:
    source = _saved(tmp_path, base_plan())
    err = io.StringIO()
    args = ["export", str(source), "--fhir", str(tmp_path / "a.json"), "--csv", "b.csv"]
    assert cli_main(args, stderr=err) == 2
    assert "not allowed with" in err.getvalue()
    assert not (tmp_path / "a.json").exists()


def test_json_is_plain_fhir() -> None:
    data = json.loads(fhir.to_fhir_json(plan(base_plan()), NOW))
    assert data["timestamp"] == "2027-01-04T09:30:00Z"
    dosage = data["entry"][0]["resource"]["dosageInstruction"][0]
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 0.5


def test_red_flag_pause_is_an_ongoing_dose_with_the_reason() -> None:
    checkin = CheckIn(date=dt.date(2027, 2, 3), red_flags=("seizures",))
    schedule = plan(base_plan(checkins=(checkin,)))
    (request,) = round_trip(schedule)
    last = request.dosageInstruction[-1]
    assert last.timing.repeat.boundsPeriod.end is None  # the current dose goes on
    assert _as_date(last.timing.repeat.boundsPeriod.start) == dt.date(2027, 2, 3)
    notes = " ".join(note.text for note in request.note)
    assert "RED FLAGS: seizures" in notes and "No clonazepam from" not in notes

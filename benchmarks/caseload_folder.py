"""A generated caseload folder: every drug in both regions, switches, check-ins, damaged files."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from planner.catalogue import drug_names, get_drug
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.planfile import SUFFIX, dumps
from planner.model import CheckIn, FollowUpAction, Patient, Regimen, TaperPlan

# Files that cannot be read, each for its own reason; the caseload must list them all.
DAMAGED = {
    "damaged-json": b'{"format": 1, "plan": {',
    "newer-format": b'{"format": 99, "app": "Taper Planner"}\n',
    "not-utf8": b"\xff\xfe\x00not a plan",
    "empty": b"",
}


def _formulation(drug: str, region: str) -> tuple[str, Regimen] | None:
    # The first solid formulation; the smallest whole unit morning and night.
    for formulation in get_drug(drug).formulations.get(region, ()):
        if formulation.name in ("tablet", "capsule"):
            strength = min(p.strength_mg for p in formulation.products)
            return formulation.name, Regimen(morning_mg=strength, night_mg=strength)
    return None


def base_plans(today: dt.date) -> list[tuple[str, TaperPlan]]:
    """One plan per drug and region, one switch per drug, and plans under way.

    Names tell what each is; all plans are valid (damaged files come from ``DAMAGED``).
    """
    plans: list[tuple[str, TaperPlan]] = []
    for drug, region in itertools.product(drug_names(), ("uk", "us")):
        found = _formulation(drug, region)
        if found is None:
            continue
        formulation, regimen = found
        start = today + dt.timedelta(days=-21 if region == "uk" else 3)
        plans.append(
            (
                f"{drug}-{region}",
                TaperPlan(drug=drug, region=region, formulation=formulation, regimen=regimen,
                          start=start,
                          patient=Patient(name=f"{drug.title()} {region.upper()} patient")),
            )
        )
    for drug in ("clonazepam", "lorazepam", "alprazolam"):
        region = "uk" if _formulation(drug, "uk") else "us"
        found = _formulation(drug, region)
        assert found is not None
        plans.append(
            (
                f"{drug}-switch",
                TaperPlan(drug=drug, region=region, formulation=found[0], regimen=found[1],
                          switch_to="diazepam",
                          start=today - dt.timedelta(days=9),
                          patient=Patient(name=f"{drug.title()} switch patient")),
            )
        )
    under_way = TaperPlan(
        regimen=Regimen(morning_mg=0.5, night_mg=1.0), start=today - dt.timedelta(days=40),
        patient=Patient(name="Under way, reviewed"),
    )
    plans.append(
        ("clonazepam-checkins", under_way.replace(checkins=(
            CheckIn(today - dt.timedelta(days=30), (("insomnia", 1),)),
            CheckIn(today - dt.timedelta(days=5), (("anxiety", 2),), (), FollowUpAction.HOLD, 14),
        )))
    )
    plans.append(
        ("clonazepam-paused", under_way.replace(
            patient=Patient(name="Paused on a red flag"),
            checkins=(CheckIn(today - dt.timedelta(days=2), (), ("seizures",)),),
        ))
    )
    return plans


def write_folder(folder: Path, today: dt.date, copies: int = 1) -> list[str]:
    """Write the base plans (``copies`` times each, with numbered names) and damaged files.

    Returns:
        The names of the files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    plans = base_plans(today)
    for name, taper in plans:
        try:
            make_schedule(taper)
        except PlanError as error:  # a generator bug, not a caseload finding
            raise AssertionError(f"{name}: {error}") from error
    for copy in range(copies):
        suffix = f"-{copy:05d}" if copies > 1 else ""
        for name, taper in plans:
            file_name = f"{name}{suffix}{SUFFIX}"
            if copies > 1:  # every file its own patient, as in a real caseload
                patient = Patient(name=f"{taper.patient.name} {copy}")
                taper = taper.replace(patient=patient)
            # Plain writes: thousands of fsyncs would measure the disk, not the caseload.
            (folder / file_name).write_text(dumps(taper), encoding="utf-8")
            names.append(file_name)
    for name, content in DAMAGED.items():
        (folder / f"{name}{SUFFIX}").write_bytes(content)
        names.append(f"{name}{SUFFIX}")
    return names

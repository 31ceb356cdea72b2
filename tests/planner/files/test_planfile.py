"""Plan files: round trip, atomic writes, and clear refusals of damaged or newer files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.files import planfile
from planner.files.planfile import PlanFileError, load_plan, loads, save_plan
from planner.model import Band, CustomStep, Method, Patient, Regimen
from tests.planner.helpers import base_plan


def sample():
    return base_plan(
        regimen=Regimen(morning_mg=0.5, night_mg=1),
        method=Method.BANDS,
        bands=(Band(1, 0.5, 14), Band(0, 0.25)),
        custom_steps=(CustomStep(1.0, 7),),
        switch_to="diazepam",
        patient=Patient('<b>Ann</b> & "Bo"', None, "Dr Who"),
    )


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "ann.taper.json"
    save_plan(sample(), path)
    assert load_plan(path) == sample()
    assert json.loads(path.read_text())["format"] == 2


def test_saving_replaces_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "p.taper.json"
    save_plan(base_plan(), path)
    save_plan(sample(), path)
    assert load_plan(path) == sample()
    assert [p.name for p in tmp_path.iterdir()] == ["p.taper.json"]


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.taper.json"
    save_plan(base_plan(), path)

    def broken_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(planfile.os, "replace", broken_replace)
    with pytest.raises(PlanFileError, match="No space left"):
        save_plan(sample(), path)
    monkeypatch.undo()
    assert load_plan(path) == base_plan()
    assert [p.name for p in tmp_path.iterdir()] == ["p.taper.json"]


def good_dict() -> dict:
    return json.loads(planfile.dumps(sample()))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format=3), "newer version"),
        (lambda d: d.pop("format"), "not a Taper Planner plan file"),
        (lambda d: d["plan"].update(drug="aspirin"), "Unknown drug"),
        (lambda d: d["plan"].update(interval_days="14"), "'plan.interval_days' must be a whole"),
        (lambda d: d["plan"]["regimen_mg"].update(night=-1), "cannot be negative"),
        (lambda d: d["plan"].update(start="2027-02-30"), "a date like"),
        (lambda d: d["plan"].update(extra=1), "unknown field 'plan.extra'"),
        (lambda d: d["plan"].update(method="fast"), "one of percent-current"),
        (lambda d: d["patient"].update(name="x" * 500), "at most 200 characters"),
        (lambda d: d["plan"].update(reduction_percent=1e300), "finite number"),
    ],
)
def test_bad_content_is_refused_with_a_reason(mutate, message: str) -> None:
    data = good_dict()
    mutate(data)
    with pytest.raises(PlanFileError, match=message):
        loads(json.dumps(data))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "damaged"),
        (b'{"format": 1, "plan": ', "damaged"),
        (b"\xff\xfe\x00", "not a text file"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|damaged"),
        (b'{"format": 1, "plan": {"reduction_percent": NaN}}', "damaged"),
        (b"[]", "must be an object"),
    ],
)
def test_damaged_files_are_refused(raw: bytes, message: str) -> None:
    with pytest.raises(PlanFileError, match=message):
        loads(raw)


def test_oversized_and_missing_files_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.taper.json"
    big.write_bytes(b" " * (planfile.MAX_FILE_BYTES + 1))
    with pytest.raises(PlanFileError, match="larger than"):
        load_plan(big)
    with pytest.raises(PlanFileError, match="Cannot open"):
        load_plan(tmp_path / "missing.taper.json")

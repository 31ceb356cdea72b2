"""The command line's product options (DESIGN.md) and the JSON fields they add."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.files import planfile
from tests.planner.test_cli import run

DIAZEPAM = ["plan", "--drug", "diazepam", "--regimen", "morning=5,night=5", "--start", "2027-01-04"]


def test_tablets_plus_liquid_with_a_syringe_in_json() -> None:
    code, out, err = run(
        [
            *DIAZEPAM,
            *("--formulation", "tablet+liquid", "--device", "syringe-1ml", "--stock", "2"),
            *("--format", "json"),
        ]
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    doses = [dose for step in data["steps"] for dose in step["doses"]]
    liquid = [dose for dose in doses if "ml" in dose]
    assert liquid and all(dose["device"] == "syringe-1ml" for dose in liquid)
    assert all(
        dose["product"]
        in {"2 mg tablet", "2 mg/5 mL oral solution", "2 mg tablet + 2 mg/5 mL oral solution"}
        for dose in doses
    )
    mixed = next(d for d in liquid if "+" in d["product"])
    assert "1 mL oral syringe" in mixed["units"] and mixed["ml"] > 0
    solution = next(d for d in data["dispense"] if d["unit"] == "mL")
    assert solution["device"] == "syringe-1ml"


def test_split_and_stock_name_their_drug_for_a_switch(tmp_path: Path) -> None:
    saved = tmp_path / "switch.taper.json"
    code, _out, err = run(
        [
            *("plan", "--regimen", "morning=0.5,night=0.5", "--switch-to", "diazepam"),
            *("--split", "diazepam:5=2", "--stock", "diazepam:5", "--save", str(saved)),
        ]
    )
    assert (code, err) == (0, "")
    reopened = planfile.load_plan(saved)
    assert reopened.splits == (("diazepam", 5.0, 2),)
    assert reopened.stock == (("diazepam", 5.0),)


def test_compounded_steps() -> None:
    code, out, err = run(
        ["plan", "--regimen", "night=1", "--compounded", "0.05", "--format", "json"]
    )
    assert (code, err) == (0, "")
    first = json.loads(out)["steps"][0]["doses"][0]
    assert first["product"] == "0.9 mg compounded capsule"
    assert first["units"] == "1 × 0.9 mg compounded capsule"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--device", "syringe-3ml"], "include no liquid"),
        (["--device", "pipette"], "invalid choice"),
        (["--split", "3=2"], "no 3 mg tablet"),
        (["--split", "5=3"], "pieces 1 (whole), 2 (halves) or 4"),
        (["--split", "lorazepam:1=2"], "not a drug of this plan"),
        (["--stock", "7"], "come in"),
        (["--stock", ""], "--stock is empty"),
        (["--compounded", "0"], "at least 0.001 mg"),
        (["--formulation", "tablet+tablet"], "names a part twice"),
        (["--formulation", "tablet+liquid", "--device", "dropper"], "does not suit"),
        (["--split", ""], "--split is empty"),
        (["--compounded", "0.0015"], "a multiple of 0.001 mg"),
        (
            ["--formulation", "liquid", "--device", "syringe-1ml", "--compounded", "0.05"],
            "compounded doses replace the diazepam liquid",
        ),
        (
            ["--drug", "alprazolam", "--regimen", "night=0.5", "--split", "0.25=4"],
            "would be 0.0625 mg",
        ),
    ],
)
def test_bad_product_options_exit_2_with_one_line(
    args: list[str], words: str, tmp_path: Path
) -> None:
    saved = tmp_path / "never.taper.json"
    code, out, err = run([*DIAZEPAM, *args, "--save", str(saved)])
    assert code == 2 and out == ""
    assert words in err and err.count("\n") == 1
    assert not saved.exists()

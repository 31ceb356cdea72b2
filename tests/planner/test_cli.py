"""The command line contract: output formats, --save, and one-line errors with status 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = [
    "plan",
    "--drug",
    "clonazepam",
    "--regimen",
    "morning=0.5,night=1",
    "--method",
    "percent-current",
    "--percent",
    "10",
    "--interval-days",
    "14",
    "--start",
    "2027-01-04",
    "--formulation",
    "tablet",
]


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_json_matches_the_contract_field_for_field() -> None:
    code, out, err = run([*EXAMPLE, "--format", "json"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {"drug", "steps", "end_date", "total_days", "findings"} <= set(data)
    assert data["drug"] == "clonazepam"
    step = data["steps"][0]
    assert set(step) == {
        "index",
        "start",
        "days",
        "daily_mg",
        "daily_diazepam_eq_mg",
        "kind",
        "doses",
    }
    assert step["index"] == 1 and step["start"] == "2027-01-04" and step["days"] == 14
    assert step["kind"] in {"stabilise", "switch", "reduce", "hold", "maintain", "stop"}
    assert step["daily_mg"] == {"clonazepam": 1.25}
    assert step["daily_diazepam_eq_mg"] == 25.0
    assert step["doses"][0] == {
        "time": "morning",
        "drug": "clonazepam",
        "mg": 0.5,
        "units": "1 × 0.5 mg tablet",
        "product": "0.5 mg tablet",
    }
    last = data["steps"][-1]
    assert last["kind"] == "stop" and last["days"] == 0 and last["daily_mg"] == {}
    assert data["end_date"] == last["start"]
    assert isinstance(data["total_days"], int)
    for finding in data["findings"]:
        assert set(finding) == {"severity", "step", "message", "source", "rule", "fix"}
        assert finding["fix"] is None or set(finding["fix"]) == {"label", "plan"}
        assert finding["severity"] in {"error", "warning", "info"}
        assert finding["source"]


def test_text_is_a_readable_table() -> None:
    code, out, _ = run(EXAMPLE)
    assert code == 0
    assert out.startswith("Clonazepam 1.5 mg/day → 0 in ")
    assert "Step  Kind" in out
    assert "1 × 0.5 mg tablet + ½ × 0.5 mg tablet" in out
    assert "To dispense for the whole plan:" in out


def test_csv_has_one_header_row_and_a_row_per_step() -> None:
    code, out, _ = run([*EXAMPLE, "--format", "csv"])
    rows = list(csv.reader(io.StringIO(out)))
    json_steps = json.loads(run([*EXAMPLE, "--format", "json"])[1])["steps"]
    assert code == 0
    assert rows[0][0] == "step"
    assert len(rows) == 1 + len(json_steps)


def test_save_writes_a_plan_file_that_export_reads(tmp_path: Path) -> None:
    plan_file = tmp_path / "p.taper.json"
    code, _, _ = run([*EXAMPLE, "--save", str(plan_file)])
    assert code == 0
    out_csv = tmp_path / "p.csv"
    assert run(["export", str(plan_file), "--csv", str(out_csv)])[0] == 0
    assert out_csv.read_bytes().decode("utf-8") == run([*EXAMPLE, "--format", "csv"])[1]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--drug", "aspirin"], "Unknown drug 'aspirin'; available: clonazepam"),
        (["--regimen", "night=-1"], "cannot be negative"),
        (["--regimen", "night=500"], "more than twice its maximum"),
        (["--regimen", "noon=1"], "times are morning, midday, evening, night"),
        (["--percent", "0"], "between 1% and 50%"),
        (["--percent", "100"], "between 1% and 50%"),
        (["--formulation", "odt"], "no 'odt' formulation in the UK; available: tablet, liquid"),
        (["--start", "2027-02-30"], "not a date; use YYYY-MM-DD"),
        (["--method", "fast"], "invalid choice"),
        (["--method", "fixed"], "needs --amount-mg"),
        (["--method", "bands", "--bands", "20"], "is not ABOVE=CUT"),
        (["--interval-days", "0"], "between 1 days and 365 days"),
        (["--regimen", "night=0.3"], "cannot be measured"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], expected: str, tmp_path: Path) -> None:
    save = tmp_path / "never.taper.json"
    code, out, err = run([*EXAMPLE, *args, "--save", str(save)])
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert expected in err
    assert not save.exists()


def test_export_of_a_missing_or_damaged_file_exits_2(tmp_path: Path) -> None:
    damaged = tmp_path / "bad.taper.json"
    damaged.write_text("{", encoding="utf-8")
    for path in (tmp_path / "missing.taper.json", damaged):
        code, _, err = run(["export", str(path), "--csv", str(tmp_path / "o.csv")])
        assert code == 2
        assert err.count("\n") == 1
    assert not (tmp_path / "o.csv").exists()


def test_main_py_runs_the_cli_without_importing_qt() -> None:
    code = (
        "import sys, runpy; sys.argv = ['main.py', *sys.argv[1:]]\n"
        "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'PySide6' not in sys.modules and 'matplotlib' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *EXAMPLE, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["drug"] == "clonazepam"


def test_export_options_daily_csv_and_reminders(tmp_path: Path) -> None:
    plan_file = tmp_path / "p.taper.json"
    assert run([*EXAMPLE, "--save", str(plan_file)])[0] == 0
    daily_csv = tmp_path / "daily.csv"
    assert run(["export", str(plan_file), "--csv", str(daily_csv), "--daily"])[0] == 0
    rows = list(csv.reader(io.StringIO(daily_csv.read_bytes().decode("utf-8"))))
    assert rows[0][0] == "date"
    assert rows[1][0] == "2027-01-04"
    ics = tmp_path / "p.ics"
    args = ["export", str(plan_file), "--ics", str(ics), "--reminders"]
    assert run([*args, "--reminder-times", "morning=07:30"])[0] == 0
    assert b"BEGIN:VALARM" in ics.read_bytes()
    code, _, err = run([*args, "--reminder-times", "noon=3"])
    assert code == 2 and "is not TIME=HH:MM" in err


def test_an_unwritable_export_path_is_one_line(tmp_path: Path) -> None:
    plan_file = tmp_path / "p.taper.json"
    run([*EXAMPLE, "--save", str(plan_file)])
    code, _, err = run(["export", str(plan_file), "--csv", str(tmp_path / "no" / "x.csv")])
    assert code == 2
    assert err.startswith("taper-planner: error: Cannot write")
    assert err.count("\n") == 1

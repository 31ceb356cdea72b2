"""Maximum doses by region, at every step of a switch, with a cause and a fix that works."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from planner.catalogue import drug_names, get_drug
from planner.checks.fixes import apply_fix
from planner.cli import main
from planner.dosing.schedule import plan
from planner.files import planfile
from planner.model import Regimen, Severity, TaperPlan
from tests.planner.helpers import START

ALPRAZOLAM_SWITCH = TaperPlan(
    drug="alprazolam",
    region="us",
    regimen=Regimen(morning_mg=1, midday_mg=1, night_mg=1),
    switch_to="diazepam",
    start=START,
)


def test_every_drug_has_a_sourced_maximum_per_region_it_is_sold_in() -> None:
    for name in drug_names():
        drug = get_drug(name)
        for region, formulations in drug.formulations.items():
            if formulations:
                maximum = drug.max_daily(region)
                assert float(maximum.value) > 0 and maximum.source
    # The figures clinical.md gives differ by region.
    assert float(get_drug("lorazepam").max_daily("uk").value) == 4
    assert float(get_drug("lorazepam").max_daily("us").value) == 10
    assert float(get_drug("alprazolam").max_daily("uk").value) == 3
    assert float(get_drug("diazepam").max_daily("uk").value) == 30
    assert float(get_drug("temazepam").max_daily("us").value) == 30


def test_the_alprazolam_switch_is_flagged_at_its_first_step_over_the_maximum() -> None:
    schedule = plan(ALPRAZOLAM_SWITCH)
    over = [f for f in schedule.findings if f.rule == "above-maximum"]
    assert len(over) == 1
    (finding,) = over
    first = next(s for s in schedule.steps if s.daily_mg.get("diazepam", 0) > 40)
    peak = max(schedule.steps, key=lambda s: s.daily_mg.get("diazepam", 0))
    assert finding.severity is Severity.ERROR and finding.step == first.index
    assert f"(step {peak.index})" in finding.message and "60 mg/day" in finding.message
    assert "Ashton 2002" in finding.message and "US maximum of 40" in finding.message
    assert finding.fix == (("equivalence", "va"),)
    fixed = plan(apply_fix(ALPRAZOLAM_SWITCH, finding))
    assert "above-maximum" not in {f.rule for f in fixed.findings}
    assert all(s.daily_mg.get("diazepam", 0) <= 40 for s in fixed.steps)


def test_the_json_fix_applied_to_the_plan_file_removes_the_finding(tmp_path: Path) -> None:
    path = tmp_path / "a.taper.json"
    planfile.save_plan(ALPRAZOLAM_SWITCH, path)
    out, err = io.StringIO(), io.StringIO()
    args = ["plan", "--drug", "alprazolam", "--region", "us", "--switch-to", "diazepam"]
    args += ["--regimen", "morning=1,midday=1,night=1", "--start", "2027-01-04", "--format", "json"]
    assert main(args, stdout=out, stderr=err) == 0
    (finding,) = [f for f in json.loads(out.getvalue())["findings"] if f["rule"] == "above-maximum"]
    assert finding["fix"]["plan"] == {"equivalence": "va"}
    stored = json.loads(path.read_text())
    stored["plan"].update(finding["fix"]["plan"])
    path.write_text(json.dumps(stored))
    rules = {f.rule for f in plan(planfile.load_plan(path)).findings}
    assert "above-maximum" not in rules


@pytest.mark.parametrize("target", ["--csv", "--ics"])
def test_export_refuses_a_plan_with_errors_unless_allowed(tmp_path: Path, target: str) -> None:
    path = tmp_path / "a.taper.json"
    planfile.save_plan(ALPRAZOLAM_SWITCH, path)
    out_file = tmp_path / "out"
    err = io.StringIO()
    assert main(["export", str(path), target, str(out_file)], stderr=err) == 2
    assert not out_file.exists()
    line = err.getvalue()
    assert line.count("\n") == 1 and "error" in line and "--allow-errors" in line
    assert main(["export", str(path), target, str(out_file), "--allow-errors"]) == 0
    assert out_file.exists()

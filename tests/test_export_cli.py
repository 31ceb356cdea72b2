"""The `export` command end to end: PDF, CSV and iCalendar from a saved plan, in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from planner.dosing.schedule import plan
from planner.files import formats, planfile

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "p.taper.json"
    result = run(
        "plan", "--regimen", "morning=0.5,night=1", "--start", "2027-01-04",
        "--stabilise-days", "14", "--patient", '<b>Ann</b> & "Bo"', "--save", str(path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return path


def test_export_csv_matches_formats(plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    result = run("export", str(plan_file), "--csv", str(out))
    assert result.returncode == 0, result.stderr
    schedule = plan(planfile.load_plan(plan_file))
    assert out.read_bytes().decode("utf-8") == formats.to_csv(schedule)


def test_export_ics_parses_and_round_trips_the_dates(plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.ics"
    result = run("export", str(plan_file), "--ics", str(out))
    assert result.returncode == 0, result.stderr
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    schedule = plan(planfile.load_plan(plan_file))
    assert [e.decoded("dtstart") for e in events] == [s.start for s in schedule.steps]


def test_export_pdf_without_a_display(plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    result = run("export", str(plan_file), "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert 'Patient: <b>Ann</b> & "Bo"' in text
        assert "Page 1 of" in text


@pytest.mark.parametrize("kind", ["--pdf", "--csv", "--ics"])
def test_missing_plan_file_exits_2_with_one_line(kind: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("export", str(tmp_path / "nope.taper.json"), kind, str(out))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("taper-planner: error:")
    assert not out.exists()


def test_damaged_plan_file_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.taper.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("export", str(bad), "--pdf", str(tmp_path / "out.pdf"))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.pdf").exists()

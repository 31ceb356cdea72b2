"""Tests for planner.files.formats and the other text outputs: no dose after a switch unnamed."""

from __future__ import annotations

import csv
import io

from planner.dosing.daily import to_daily_csv
from planner.dosing.schedule import plan
from planner.files.calendar import change_summary, to_ics
from planner.files.formats import to_csv, to_text
from planner.model import Regimen, Schedule, Step, format_mg
from tests.planner.helpers import base_plan, switch_plan


def switched() -> tuple[Schedule, Step]:
    """Clonazepam 1.5 mg/day switched to diazepam, and a later step of diazepam alone."""
    schedule = plan(switch_plan())
    step = next(s for s in schedule.steps[6:] if s.doses)
    assert set(step.daily_mg) == {"diazepam"}
    return schedule, step


def test_a_switch_names_drugs_and_a_single_drug_plan_does_not() -> None:
    assert switched()[0].names_drugs
    assert not plan(base_plan()).names_drugs


def test_csv_rows_after_a_switch_name_diazepam() -> None:
    # "30 mg" under a clonazepam plan's title could be read as 30 mg of clonazepam.
    schedule, step = switched()
    row = list(csv.reader(io.StringIO(to_csv(schedule))))[step.index]
    night = row[8]
    assert night.startswith("diazepam ") and row[9].startswith("diazepam ")
    daily_rows = list(csv.reader(io.StringIO(to_daily_csv(schedule))))
    first_day = next(r for r in daily_rows[1:] if r[0] == step.start.isoformat())
    assert first_day[8] == night and first_day[9] == row[9]


def test_text_and_calendar_after_a_switch_name_diazepam() -> None:
    schedule, step = switched()
    line = next(
        text for text in to_text(schedule).splitlines() if text.startswith(f"{step.index} ")
    )
    assert "diazepam 2 × 10 mg tablet" in line  # the night dose
    assert f"  diazepam {format_mg(step.daily_mg['diazepam'])}  " in line  # mg/day
    summary = change_summary(schedule, step, schedule.names_drugs)
    assert "— diazepam " in summary
    ics = to_ics(schedule).decode().replace("\r\n ", "")
    assert "Night: diazepam " in ics.replace("\\n", "\n")


def test_a_single_drug_plan_stays_short() -> None:
    schedule = plan(base_plan(regimen=Regimen(morning_mg=0.5, night_mg=1.0)))
    row = list(csv.reader(io.StringIO(to_csv(schedule))))[1]
    assert row[5] == "0.5 mg: 1 × 0.5 mg tablet" and row[9] == "1.25"


def test_text_and_json_name_the_version() -> None:
    from planner import __version__
    from planner.files.formats import to_dict

    schedule = plan(base_plan())
    assert to_text(schedule).rstrip().endswith(f"Made with Taper Planner {__version__}.")
    assert to_dict(schedule)["generator"] == f"Taper Planner {__version__}"

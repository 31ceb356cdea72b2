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
    assert night.startswith("diazepam ")
    daily_rows = list(csv.reader(io.StringIO(to_daily_csv(schedule))))
    first_day = next(r for r in daily_rows[1:] if r[0] == step.start.isoformat())
    assert first_day[8] == night


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


def test_switch_csv_has_a_numeric_column_per_drug() -> None:
    # "diazepam 27" in one daily_mg cell is text to a spreadsheet and mixes two drugs.
    schedule, step = switched()
    for text in (to_csv(schedule), to_daily_csv(schedule)):
        rows = list(csv.DictReader(io.StringIO(text)))
        assert "daily_mg" not in rows[0]
        for row in rows:
            clonazepam = float(row["daily_mg_clonazepam"])
            diazepam = float(row["daily_mg_diazepam"])
            assert clonazepam >= 0 and diazepam >= 0
    rows = list(csv.DictReader(io.StringIO(to_csv(schedule))))
    row = rows[step.index - 1]
    assert float(row["daily_mg_diazepam"]) == step.daily_mg["diazepam"]
    assert float(row["daily_mg_clonazepam"]) == 0
    for name in ("step", "days", "daily_diazepam_eq_mg", "change_mg"):
        assert all(float(r[name]) == float(r[name]) for r in rows)
    assert rows[0]["kind"] == "switch" and not rows[0]["night"][0].isdigit()


def test_single_drug_csv_keeps_one_numeric_daily_mg() -> None:
    schedule = plan(base_plan(drug="lorazepam", regimen=Regimen(morning_mg=1.0, night_mg=1.0)))
    rows = list(csv.DictReader(io.StringIO(to_csv(schedule))))
    assert float(rows[0]["daily_mg"]) == schedule.steps[0].daily_mg["lorazepam"]
    assert float(rows[-1]["daily_mg"]) == 0


def test_ics_stop_names_the_drug_actually_stopped() -> None:
    schedule, _step = switched()
    stop = schedule.steps[-1]
    assert not stop.doses
    assert change_summary(schedule, stop, True).startswith("Diazepam: stop today")
    ics = to_ics(schedule).decode().replace("\r\n ", "")
    assert "Clonazepam: stop" not in ics and "Diazepam: stop today" in ics
    single = plan(base_plan())
    assert change_summary(single, single.steps[-1], False).startswith("Clonazepam: stop today")

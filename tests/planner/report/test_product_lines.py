"""What the handout and pharmacy say about products: score lines, devices, made-up strengths."""

from __future__ import annotations

from planner.dosing.schedule import plan
from planner.model import Regimen
from planner.report.pharmacy import pharmacy_summary
from planner.report.products import product_lines, supply_devices
from planner.report.tables import pharmacy_table
from tests.planner.helpers import base_plan


def test_compounded_strengths_share_one_column_with_counts() -> None:
    schedule = plan(base_plan(regimen=Regimen(night_mg=1), compounded_step_mg=0.05))
    table = pharmacy_table(pharmacy_summary(schedule, 28))
    assert table.titles == ("No.", "Dates", "clonazepam\ncompounded capsules")
    first = table.groups[0].rows[0][2].text
    # Days 1–14 at 0.9 mg, days 15–28 at 0.85 mg (10% of 0.9 is 0.81: never cut more than asked).
    assert first.splitlines() == ["14 × 0.85 mg", "14 × 0.9 mg"]
    total = table.groups[-1].rows[0][2].text.splitlines()
    strengths = [float(line.split("× ")[1].split(" mg")[0]) for line in total]
    assert strengths == sorted(strengths)
    assert all(round(mg * 1000) % 50 == 0 for mg in strengths)
    assert any("made up by your pharmacy" in line for line in product_lines(schedule))


def test_split_and_device_lines_for_the_patient_and_the_pharmacy() -> None:
    schedule = plan(
        base_plan(
            drug="diazepam",
            formulation="tablet+liquid",
            regimen=Regimen(morning_mg=5, night_mg=5),
            device="syringe-5ml",
            splits=(("diazepam", 5.0, 2),),
        )
    )
    lines = product_lines(schedule)
    assert any(line.startswith("Halve only tablets with a score line") for line in lines)
    assert any("5 mL oral syringe" in line for line in lines)
    supply = supply_devices(pharmacy_summary(schedule, 28).total)
    assert supply == ["Supply a 5 mL oral syringe with the diazepam 2 mg/5 mL oral solution."]

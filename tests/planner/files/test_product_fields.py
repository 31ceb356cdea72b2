"""Plan files keep the product choices, and files saved before them still open."""

from __future__ import annotations

import json

import pytest

from planner.dosing.schedule import plan
from planner.files import planfile
from planner.files.planfile import PlanFileError
from planner.model import Regimen, TaperPlan


def _product_plan() -> TaperPlan:
    return TaperPlan(
        drug="diazepam",
        formulation="tablet+liquid",
        regimen=Regimen(morning_mg=5, night_mg=5),
        device="syringe-3ml",
        splits=(("diazepam", 5.0, 2),),
        stock=(("diazepam", 2.0), ("diazepam", 5.0)),
    )


def test_product_choices_round_trip() -> None:
    taper = _product_plan()
    assert planfile.loads(planfile.dumps(taper)) == taper
    compounded = TaperPlan(compounded_step_mg=0.05)
    assert planfile.loads(planfile.dumps(compounded)) == compounded


def test_a_file_saved_before_products_still_opens() -> None:
    data = json.loads(planfile.dumps(TaperPlan()))
    for key in ("device", "splits", "stock", "compounded_step_mg"):
        del data["plan"][key]
    loaded = planfile.loads(json.dumps(data))
    assert loaded == TaperPlan()
    assert plan(loaded).steps


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("splits", [{"drug": "diazepam", "strength_mg": 5, "pieces": 3}], "1, 2 or 4"),
        ("splits", [{"drug": "diazepam", "strength_mg": 7, "pieces": 2}], "no 7 mg tablet"),
        ("stock", "2", "a list"),
        ("device", "spoonful", "Unknown device"),
        ("compounded_step_mg", 0, None),
    ],
)
def test_bad_product_fields_are_refused(key: str, value: object, message: str | None) -> None:
    data = json.loads(planfile.dumps(_product_plan()))
    data["plan"][key] = value
    if key == "compounded_step_mg":
        data["plan"]["formulation"] = "tablet"
        data["plan"]["device"] = None
    with pytest.raises(PlanFileError, match=message):
        planfile.loads(json.dumps(data))

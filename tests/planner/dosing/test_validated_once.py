"""Planning a plan the loader validated: the same schedule as planning it from scratch."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from benchmarks.caseload_folder import base_plans
from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.files.planfile import dumps, loads
from planner.followup.history import record_change
from planner.model import TaperPlan

TODAY = dt.date(2027, 3, 1)


def _plans() -> list[tuple[str, TaperPlan]]:
    plans = base_plans(TODAY)
    # Changes from a date: the first settings are then the first change's earlier ones.
    under_way = dict(plans)["clonazepam-checkins"]
    slower = under_way.replace(interval_days=21, reduction_percent=5.0)
    changed = record_change(under_way, slower, TODAY - dt.timedelta(days=3), TODAY)
    assert changed.changes and changed.checkins
    plans.append(("changed", changed))
    return plans


@pytest.mark.parametrize(("name", "taper"), _plans(), ids=[name for name, _ in _plans()])
def test_a_loaded_plan_planned_as_validated_gives_the_same_schedule(
    name: str, taper: TaperPlan
) -> None:
    loaded = loads(dumps(taper), name=name)
    assert plan(loaded, verify_fixes=False, validated=True) == plan(loaded, verify_fixes=False)


def test_without_the_flag_an_invalid_plan_is_still_refused() -> None:
    # The flag is the only way past validation: plan() alone still checks every input.
    with pytest.raises(PlanError, match="interval"):
        plan(TaperPlan(interval_days=0), verify_fixes=False)


def test_replace_is_dataclasses_replace() -> None:
    taper = dict(base_plans(TODAY))["clonazepam-switch"]
    changed = taper.replace(interval_days=21, patient=taper.patient)
    assert changed == dataclasses.replace(taper, interval_days=21)
    assert hash(changed) == hash(dataclasses.replace(taper, interval_days=21))
    assert taper.interval_days != 21  # the original is untouched
    assert type(changed) is TaperPlan
    assert vars(changed).keys() == {field.name for field in dataclasses.fields(TaperPlan)}
    with pytest.raises(TypeError, match="no field 'intervals'"):
        taper.replace(intervals=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.interval_days = 3  # type: ignore[misc]

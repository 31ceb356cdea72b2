"""Plan files of format 2 keep the dated history; format 1 still opens; newer is refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner.dosing.schedule import plan
from planner.files.planfile import PlanFileError, dumps, load_plan, loads, save_plan
from planner.followup.history import record_change, record_checkin
from planner.model import CheckIn, FollowUpAction, Method, TaperPlan

START = dt.date(2026, 10, 5)


def revised_plan() -> TaperPlan:
    """A lorazepam plan (US) with a check-in, a change of pace and a red flag."""
    first = TaperPlan(drug="lorazepam", region="us", start=START).replace(
        regimen=TaperPlan().regimen.from_times({"morning": 1.0, "night": 1.0})
    )
    day = dt.date(2026, 11, 2)
    step = record_checkin(
        first,
        CheckIn(day, (("insomnia", 2),), action=FollowUpAction.HOLD, note="sleep"),
        day,
        False,
    )
    later = dt.date(2026, 11, 20)
    step = record_change(
        step, step.replace(interval_days=21, method=Method.FIXED, amount_mg=0.25), later, later
    )
    flag = dt.date(2026, 11, 25)
    return record_checkin(step, CheckIn(flag, red_flags=("psychosis",)), flag, False)


def test_round_trip_keeps_the_whole_history(tmp_path: Path) -> None:
    original = revised_plan()
    path = tmp_path / "p.taper.json"
    save_plan(original, path)
    assert load_plan(path) == original
    assert plan(load_plan(path)).steps == plan(original).steps


def test_the_file_holds_the_initial_plan_then_each_revision_in_date_order() -> None:
    data = json.loads(dumps(revised_plan()))
    assert data["format"] == 2 and "checkins" not in data
    assert data["plan"]["interval_days"] == 14 and data["plan"]["method"] == "percent-current"
    history = data["history"]
    assert [(h["date"], h["kind"]) for h in history] == [
        ("2026-11-02", "checkin"),
        ("2026-11-20", "change"),
        ("2026-11-25", "checkin"),
    ]
    assert history[1]["plan"] == {"method": "fixed", "amount_mg": 0.25, "interval_days": 21}
    assert history[0]["note"] == "sleep" and history[2]["red_flags"] == ["psychosis"]


def test_a_format_1_file_still_opens_with_its_check_ins() -> None:
    data = json.loads(dumps(revised_plan().replace(changes=())))
    old = {
        "format": 1,
        "app": "Taper Planner",
        "patient": data["patient"],
        "plan": data["plan"],
        "checkins": [{k: v for k, v in h.items() if k != "kind"} for h in data["history"]],
    }
    loaded = loads(json.dumps(old))
    assert [c.date for c in loaded.checkins] == [dt.date(2026, 11, 2), dt.date(2026, 11, 25)]
    assert loaded.changes == ()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format=3), "newer version"),
        (lambda d: d["history"][1].update(kind="edit"), "'history\\[1\\].kind' must be"),
        (lambda d: d["history"][1]["plan"].update(regimen_mg={"night": 2.0}), "what was taken"),
        (lambda d: d["history"][1].update(date="2026-10-01"), "must come after"),
        (lambda d: d["history"][1]["plan"].update(colour="red"), "unknown field"),
        (lambda d: d.update(checkins=[]), "unknown field 'checkins'"),
    ],
)
def test_a_damaged_history_is_refused_with_a_reason(mutate, message: str) -> None:
    data = json.loads(dumps(revised_plan()))
    mutate(data)
    with pytest.raises(PlanFileError, match=message):
        loads(json.dumps(data))

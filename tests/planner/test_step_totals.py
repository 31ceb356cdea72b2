"""A step's daily totals: worked out once, the same as summing its doses, never shared."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from fractions import Fraction

from planner.model import Dose, Portion, Step, StepKind

HALF = Portion("0.5 mg tablet", Fraction(1, 2))


def mixed_step() -> Step:
    return Step(
        index=3,
        start=dt.date(2027, 1, 4),
        days=7,
        kind=StepKind.REDUCE,
        doses=(
            Dose("morning", "clonazepam", 0.25, (HALF,)),
            Dose("morning", "diazepam", 5.0, ()),
            Dose("night", "clonazepam", 0.5, (HALF, HALF)),
        ),
        diazepam_eq_factor={"clonazepam": 20.0, "diazepam": 1.0},
    )


def test_the_totals_sum_each_drug_in_the_order_it_first_appears() -> None:
    step = mixed_step()
    assert list(step.daily_mg.items()) == [("clonazepam", 0.75), ("diazepam", 5.0)]
    assert step.daily_diazepam_eq_mg == 0.75 * 20 + 5.0


def test_a_caller_changing_its_totals_changes_no_other_callers() -> None:
    step = mixed_step()
    mine = step.daily_mg
    mine["clonazepam"] = 99.0
    del mine["diazepam"]
    assert step.daily_mg == {"clonazepam": 0.75, "diazepam": 5.0}
    assert json.dumps(step.daily_mg)  # a plain dict: the JSON output writes it as it is


def test_remembered_totals_leave_equality_and_replace_as_they_were() -> None:
    step = mixed_step()
    assert step.daily_mg and step.daily_diazepam_eq_mg  # remembered on this one
    assert step == mixed_step()  # the remembered totals are not fields
    fewer = dataclasses.replace(step, doses=step.doses[:1])
    assert fewer.daily_mg == {"clonazepam": 0.25}
    assert fewer.daily_diazepam_eq_mg == 5.0

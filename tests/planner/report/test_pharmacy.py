"""Tests for planner.report.pharmacy: quantities per dispensing period and for the whole plan."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.model import Regimen, TaperPlan
from planner.report.pharmacy import PERIOD_CHOICES, amount_of, pharmacy_summary, product_name
from tests.planner.dosing.test_daily import switch_schedule
from tests.planner.helpers import lorazepam_switch_plan


@pytest.mark.parametrize("period_days", PERIOD_CHOICES)
def test_periods_tile_the_plan_and_cover_at_least_the_total(period_days: int) -> None:
    schedule = plan(
        TaperPlan(regimen=Regimen(morning_mg=0.5, night_mg=1.0), start=dt.date(2027, 1, 4))
    )
    summary = pharmacy_summary(schedule, period_days)
    assert summary.periods[0].start == schedule.start_date
    assert summary.periods[-1].end == schedule.end_date - dt.timedelta(days=1)
    for before, after in zip(summary.periods, summary.periods[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)
        assert (before.end - before.start).days + 1 == period_days
    for total in summary.total:
        supplied = sum(
            q.to_dispense
            for p in summary.periods
            for q in p.quantities
            if q.product_label == total.product_label
        )
        assert supplied >= total.to_dispense


def test_two_drugs_are_counted_separately() -> None:
    summary = pharmacy_summary(switch_schedule(), 7)
    clonazepam, diazepam = ("clonazepam", "0.5 mg tablet"), ("diazepam", "5 mg tablet")
    assert summary.products == (clonazepam, diazepam)
    assert [amount_of(p.quantities, diazepam) for p in summary.periods] == ["7", "7"]
    assert amount_of(summary.total, clonazepam) == "7"  # 14 halves
    assert amount_of(summary.total, ("diazepam", "2 mg tablet")) == "—"
    assert product_name(clonazepam) == "clonazepam 0.5 mg tablet"


def test_the_same_strength_of_two_drugs_is_two_products() -> None:
    # US lorazepam and diazepam both come as a "2 mg tablet": the switch uses each.
    summary = pharmacy_summary(plan(lorazepam_switch_plan()))
    lorazepam, diazepam = ("lorazepam", "2 mg tablet"), ("diazepam", "2 mg tablet")
    assert lorazepam in summary.products and diazepam in summary.products
    # 2 mg each morning for the two weeks before the morning dose is substituted.
    assert amount_of(summary.total, lorazepam) == "14"
    assert int(amount_of(summary.total, diazepam)) > 100


def test_other_periods_are_refused() -> None:
    with pytest.raises(PlanError, match="7, 14, 28 days; got 30"):
        pharmacy_summary(switch_schedule(), 30)

"""The window and the command line start every method from the same default (planner/defaults)."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from planner.cli import build_parser, plan_from_args
from planner.defaults import DEFAULT_PLAN, default_reduction_percent
from planner.model import Method
from tests.ui.helpers import choose
from ui.form.plan_form import PlanForm


@pytest.mark.parametrize(
    "method", [Method.PERCENT_CURRENT, Method.PERCENT_ORIGINAL, Method.HYPERBOLIC]
)
def test_window_and_cli_start_a_method_at_the_same_step(qtbot: QtBot, method: Method) -> None:
    form = PlanForm()
    qtbot.addWidget(form)
    form.debounce.setInterval(0)
    form.set_plan(DEFAULT_PLAN)
    choose(form.method.method_combo, str(method))
    window_plan = form.build_plan()
    args = build_parser().parse_args(
        ["plan", "--regimen", "morning=0.5,night=1", "--method", str(method)]
    )
    cli_plan = plan_from_args(args, dt.date(2027, 1, 4))
    assert window_plan.reduction_percent == cli_plan.reduction_percent
    assert cli_plan.reduction_percent == default_reduction_percent(method)
    assert window_plan.emax_percent == cli_plan.emax_percent == DEFAULT_PLAN.emax_percent


def test_hyperbolic_default_is_five_points() -> None:
    # 0.5 points (the window's old start) is a ten-times slower taper nobody chose.
    assert default_reduction_percent(Method.HYPERBOLIC) == 5.0

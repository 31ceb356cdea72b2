"""The schedule table model: rows are the planner's steps, in the planner's words."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from planner.dosing.schedule import plan
from planner.model import Dose, Portion, Schedule, Severity, Step, StepKind
from tests.ui.conftest import BASE_PLAN
from ui.schedule.table_model import COLUMNS, ScheduleModel, dose_text

DISPLAY = Qt.ItemDataRole.DisplayRole


def cell(model: ScheduleModel, row: int, name: str) -> str:
    return str(model.data(model.index(row, COLUMNS.index(name)), DISPLAY))


def test_the_model_passes_qt_model_checks(qtmodeltester: ModelTester) -> None:
    model = ScheduleModel()
    qtmodeltester.check(model)
    model.set_schedule(plan(BASE_PLAN))
    qtmodeltester.check(model)
    model.set_schedule(None)
    qtmodeltester.check(model)


def test_rows_show_dates_doses_totals_and_changes() -> None:
    schedule = plan(BASE_PLAN)
    model = ScheduleModel()
    model.set_schedule(schedule)
    assert model.rowCount() == len(schedule.steps) == 6
    assert cell(model, 0, "Step") == "1"
    assert (cell(model, 0, "From"), cell(model, 0, "To")) == (
        "4\N{NO-BREAK SPACE}Jan 2027",
        "17\N{NO-BREAK SPACE}Jan 2027",
    )
    assert cell(model, 0, "Days") == "14"
    assert cell(model, 0, "Morning") == "0.5 mg: 1 × 0.5 mg tablet"
    assert cell(model, 0, "Night") == "0.75 mg: 1 × 0.5 mg tablet + ½ × 0.5 mg tablet"
    assert cell(model, 0, "Midday") == "—"
    assert cell(model, 0, "mg/day") == "1.25 mg"
    assert cell(model, 0, "Change") == "−0.25 mg\n(−17%)"
    assert cell(model, 5, "Step") == "6 stop"
    assert cell(model, 5, "To") == "onwards"
    assert model.used_times() == ("morning", "night")


def test_a_row_with_a_finding_has_an_icon_and_says_why() -> None:
    schedule = plan(BASE_PLAN.replace(formulation="liquid"))  # steps 2–3 have no finding
    model = ScheduleModel()
    model.set_schedule(schedule)
    warned = next(f for f in schedule.findings if f.severity is Severity.WARNING)
    row = warned.step - 1
    assert model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole) is not None
    tooltip = model.data(model.index(row, 3), Qt.ItemDataRole.ToolTipRole)
    assert "WARNING" in tooltip and "Source:" in tooltip
    assert warned.message.split()[0] in tooltip
    # A finding marks every step its one cause affects.
    quiet = {step for f in schedule.findings for step in (f.steps or (f.step,))}
    for step in warned.steps:
        assert model.data(model.index(step - 1, 0), Qt.ItemDataRole.DecorationRole) is not None
    free_row = next(r for r in range(model.rowCount()) if r + 1 not in quiet)
    assert model.data(model.index(free_row, 0), Qt.ItemDataRole.DecorationRole) is None


def test_a_rows_icon_is_the_guidance_panels_mark_for_its_severity() -> None:
    from ui.severity_marks import COLOURS

    schedule = plan(BASE_PLAN.replace(formulation="liquid"))
    model = ScheduleModel()
    model.set_schedule(schedule)
    warned = next(f for f in schedule.findings if f.severity is Severity.WARNING)
    icon = model.data(model.index(warned.step - 1, 0), Qt.ItemDataRole.DecorationRole)
    image = icon.pixmap(16, 16).toImage()
    # Inside the triangle, left of its white stroke: the guidance's amber, not the style's.
    sample = image.pixelColor(image.width() // 2 - 3, image.height() * 8 // 10)
    assert sample.name() == COLOURS[Severity.WARNING].name()


def two_drug_schedule() -> Schedule:
    """A switch step holding clonazepam and diazepam at night, as the planner will make them."""
    tablet = Portion("0.5 mg tablet", Fraction(1, 2))
    diazepam = Portion("5 mg tablet", Fraction(1))
    doses = (
        Dose("morning", "clonazepam", 0.5, (Portion("0.5 mg tablet", Fraction(1)),)),
        Dose("night", "clonazepam", 0.25, (tablet,)),
        Dose("night", "diazepam", 5.0, (diazepam,)),
    )
    factors = {"clonazepam": 20.0, "diazepam": 1.0}
    steps = (
        Step(1, dt.date(2027, 1, 4), 7, StepKind.SWITCH, doses, factors),
        Step(2, dt.date(2027, 1, 11), 0, StepKind.STOP, (), factors),
    )
    return Schedule(BASE_PLAN, steps)


def test_a_step_with_two_drugs_names_each_drug() -> None:
    schedule = two_drug_schedule()
    step = schedule.steps[0]
    assert dose_text(step, "night") == (
        "clonazepam 0.25 mg: ½ × 0.5 mg tablet\ndiazepam 5 mg: 1 × 5 mg tablet"
    )
    assert dose_text(step, "morning") == "clonazepam 0.5 mg: 1 × 0.5 mg tablet"
    model = ScheduleModel()
    model.set_schedule(schedule)
    assert cell(model, 0, "mg/day") == "clonazepam 0.75 mg\ndiazepam 5 mg"
    assert "20 mg/day" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_hold_rows_are_tinted() -> None:
    schedule = plan(dataclasses.replace(BASE_PLAN, stabilise_days=14))
    model = ScheduleModel()
    model.set_schedule(schedule)
    assert cell(model, 0, "Step") == "1 stabilise"
    assert cell(model, 0, "Change") == "no change"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is None


def test_percent_of_start_column(qtbot: object) -> None:
    from planner.dosing.schedule import plan as make
    from planner.report.pace import percent_text
    from tests.ui.conftest import BASE_PLAN
    from ui.schedule.table_model import PERCENT_COLUMN

    model = ScheduleModel()
    schedule = make(BASE_PLAN)
    model.set_schedule(schedule)
    assert model.headerData(PERCENT_COLUMN, Qt.Orientation.Horizontal) == "% of\nstart"
    texts = model.column_texts(PERCENT_COLUMN)
    assert texts[-1] == "0%"
    second = sum(schedule.steps[1].daily_mg.values()) / 1.5 * 100
    assert texts[1] == percent_text(second)
    switch = two_drug_schedule()
    model.set_schedule(switch)
    tip = model.headerData(PERCENT_COLUMN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "diazepam equivalents" in tip
    start_eq = switch.plan.regimen.daily_mg * 20  # clonazepam: 0.5 mg = 10 mg diazepam
    first_eq = switch.steps[0].daily_diazepam_eq_mg
    assert model.column_texts(PERCENT_COLUMN)[0] == percent_text(first_eq / start_eq * 100)


def test_percent_text_never_rounds_a_dose_away() -> None:
    from planner.report.pace import percent_text

    assert percent_text(0.4) == "0.4%" and percent_text(0.01) == "<0.1%"
    assert percent_text(99.96) == "100%" and percent_text(99.6) == "99.6%"
    assert percent_text(0) == "0%" and percent_text(83.333) == "83.3%"


def test_equal_column_keys_mean_equal_texts_and_icon_rows_are_the_icons() -> None:
    # The table skips measuring a column whose key is unchanged: the key must decide its texts.
    from planner.model import CheckIn, FollowUpAction, Regimen
    from tests.planner.helpers import switch_plan

    tapers = [
        BASE_PLAN,
        BASE_PLAN.replace(regimen=Regimen(morning_mg=1.0, night_mg=1.0)),  # a dose edit
        BASE_PLAN.replace(interval_days=21),
        BASE_PLAN.replace(stabilise_days=14, reduction_percent=40.0),  # findings, a hold
        BASE_PLAN.replace(
            checkins=(CheckIn(BASE_PLAN.start + dt.timedelta(days=20), action=FollowUpAction.HOLD),)
        ),
        switch_plan(),
        BASE_PLAN.replace(drug="lorazepam", regimen=Regimen(1.0, 1.0)),
    ]
    seen: dict[tuple[int, object], list[str]] = {}
    for taper in tapers:
        model = ScheduleModel()
        model.set_schedule(plan(taper))
        rows = range(model.rowCount())
        assert model.icon_rows() == {row for row in rows if model.has_icon(row, 0)}
        for column in range(len(COLUMNS)):
            key = model.column_key(column)
            if key is None:
                continue
            texts = model.column_texts(column)
            assert seen.setdefault((column, key), texts) == texts, (column, taper)
    assert len(seen) < 4 * len(tapers)  # some keys repeat: the check compared something

"""The plan form: inputs become a TaperPlan, only the chosen method's inputs show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from planner.errors import PlanError
from planner.model import Band, CustomStep, Method, Patient
from planner.parse import parse_bands
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import choose, type_into
from ui.form.method_params import bands_text
from ui.form.number_field import NumberField
from ui.form.plan_form import PlanForm


@pytest.fixture
def form(qtbot: QtBot) -> PlanForm:
    widget = PlanForm()
    qtbot.addWidget(widget)
    widget.debounce.setInterval(0)
    widget.set_plan(BASE_PLAN)
    return widget


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"method": Method.PERCENT_ORIGINAL, "reduction_percent": 12.5, "final_percent": 5.0},
        {"method": Method.PERCENT_CURRENT, "slow_below_mg": 0.5, "slow_percent": 5.0},
        {"method": Method.FIXED, "amount_mg": 0.25},
        {"method": Method.BANDS, "bands": (Band(1.0, 0.25), Band(0.0, 0.125, 28))},
        {"method": Method.HYPERBOLIC, "reduction_percent": 5.0, "emax_percent": 90.0},
        {"method": Method.CUSTOM, "custom_steps": (CustomStep(1.0, 7), CustomStep(0.0))},
        {"region": "us", "formulation": "odt", "stabilise_days": 14, "reduce_first": "morning"},
        {"patient": Patient("Ann", None, "Dr B"), "maintenance_mg": 0.5, "interval_days": 21},
        {"switch_to": "diazepam", "switch_step_days": 10, "switch_formulation": "liquid"},
        {"switch_to": "diazepam", "switch_order": ("morning", "midday", "evening", "night")},
        {"switch_to": "diazepam", "switch_order": ("evening", "morning", "night", "midday")},
        {"factors": ("seizure_disorder", "age_65_plus"), "withdrawal_risk": "high"},
        {"factors": ("use_over_1_year",), "withdrawal_risk": None},
    ],
)
def test_a_plan_set_on_the_form_comes_back_unchanged(form: PlanForm, changes: dict) -> None:
    plan = BASE_PLAN.replace(**changes)
    form.set_plan(plan)
    assert form.build_plan() == plan


def test_typing_a_dose_emits_the_new_plan(qtbot: QtBot, form: PlanForm) -> None:
    with qtbot.waitSignal(form.plan_changed) as blocker:
        type_into(qtbot, form.doses["night"], "0.5")
    assert blocker.args[0].regimen.night_mg == 0.5


def test_a_burst_of_keystrokes_is_planned_once(qtbot: QtBot, form: PlanForm) -> None:
    form.debounce.setInterval(50)
    emitted = []
    form.plan_changed.connect(emitted.append)
    with qtbot.waitSignal(form.plan_changed):
        type_into(qtbot, form.method.percent_current, "25")
    qtbot.wait(100)
    assert [plan.reduction_percent for plan in emitted] == [25.0]


def test_only_the_chosen_methods_inputs_are_shown(form: PlanForm) -> None:
    for method, page in form.method.pages.items():
        choose(form.method.method_combo, str(method))
        shown = [m for m, p in form.method.pages.items() if not p.isHidden()]
        assert shown == [method]
        assert not page.isHidden()


def test_formulations_follow_the_region_and_drug(form: PlanForm) -> None:
    def offered() -> list[str]:
        combo = form.formulation
        return [combo.itemData(i) for i in range(combo.count())]

    assert offered() == ["tablet", "liquid", "tablet+liquid"]
    choose(form.region, "us")
    assert offered() == ["tablet", "odt"]
    choose(form.drug, "nitrazepam")
    assert offered() == []
    choose(form.region, "uk")
    assert offered() == ["tablet", "liquid", "tablet+liquid"]


def test_dose_inputs_step_by_the_smallest_measurable_amount(form: PlanForm) -> None:
    choose(form.formulation, "liquid")
    assert form.doses["morning"].singleStep() == pytest.approx(0.125)
    choose(form.formulation, "tablet")
    assert form.doses["morning"].singleStep() == pytest.approx(0.25)


def test_unreadable_bands_are_refused_at_their_field(qtbot: QtBot, form: PlanForm) -> None:
    choose(form.method.method_combo, str(Method.BANDS))
    with qtbot.waitSignal(form.input_rejected) as blocker:
        type_into(qtbot, form.method.bands, "1=0.25,zero")
    assert blocker.args[0].field == "bands"
    assert "'zero' is not ABOVE=CUT" in form.rows.label_for("bands").text()
    with qtbot.waitSignal(form.plan_changed) as blocker:
        type_into(qtbot, form.method.bands, "1=0.25,0=0.125/28")
    assert blocker.args[0].bands == (Band(1.0, 0.25), Band(0.0, 0.125, 28))


def test_custom_steps_are_edited_as_a_list(qtbot: QtBot, form: PlanForm) -> None:
    choose(form.method.method_combo, str(Method.CUSTOM))
    editor = form.method.custom
    with qtbot.waitSignal(form.plan_changed):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.table.item(0, 0).setText("1")
    editor.table.item(0, 1).setText("7")
    assert form.build_plan().custom_steps == (CustomStep(1.0, 7),)
    editor.table.item(0, 1).setText("a week")
    with pytest.raises(PlanError, match="not a whole number of days"):
        form.build_plan()


def test_bands_text_round_trip() -> None:
    bands = (Band(20.0, 4.0), Band(5.0, 1.0, 28), Band(0.0, 0.5))
    assert bands_text(bands) == "20=4,5=1/28,0=0.5"
    assert parse_bands(bands_text(bands)) == bands


def test_every_input_has_an_accessible_name_and_a_labelled_buddy(form: PlanForm) -> None:
    inputs = [*form.findChildren(QAbstractSpinBox), *form.findChildren(QComboBox)]
    inputs += form.findChildren(NumberField)
    inputs += [form.patient_name, form.prescriber, form.method.bands, form.start]
    inputs += [form.date_of_birth, form.start.calendar_button]
    assert [w for w in inputs if not w.accessibleName()] == []
    buddies = {label.buddy() for label in form.findChildren(QLabel) if label.buddy()}
    assert form.doses["night"] in buddies
    assert form.start in buddies and form.date_of_birth in buddies
    assert form.method.percent_current in buddies


def test_dose_steps_follow_the_drug_taken_after_a_switch(form: PlanForm) -> None:
    assert form.maintenance.singleStep() == pytest.approx(0.25)
    form.switch.enabled_check.click()
    # UK diazepam 2 mg tablets are whole only (no scored one found): steps of 2 mg of diazepam.
    assert form.maintenance.singleStep() == pytest.approx(2.0)
    assert form.method.amount.singleStep() == pytest.approx(2.0)
    assert form.doses["night"].singleStep() == pytest.approx(0.25)


def test_the_switch_and_factor_inputs_are_named(form: PlanForm) -> None:
    assert form.switch.enabled_check.accessibleName() == "Switch to diazepam first"
    names = [check.accessibleName() for check in form.factors.checks.values()]
    assert len(names) == 10 and all(name.startswith("Patient factor: ") for name in names)

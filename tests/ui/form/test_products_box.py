"""The Products section: tablets + liquid, the device, splits, stock and compounding."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from planner.files.planfile import load_plan
from planner.model import Regimen
from tests.ui.conftest import BASE_PLAN, Dialogs
from tests.ui.helpers import choose, type_into
from ui.window.main_window import MainWindow


def _flush(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        window.form.flush()
    return blocker.args[0]


def test_tablets_with_a_liquid_top_up_and_a_syringe(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    choose(form.drug, "diazepam")
    choose(form.formulation, "tablet+liquid")
    products = form.products
    assert [row.product.label for row in products._rows][-1] == "2 mg/5 mL oral solution"
    assert not products.device.isHidden()
    choose(products.device, "syringe-1ml")
    for row in products._rows:
        if row.product.strength_mg != 2:
            row.stocked.setChecked(False)  # Scottish guidance: diazepam 2 mg tablets only
    form.doses["morning"].setValue(5)
    form.doses["night"].setValue(5)
    schedule = _flush(qtbot, window)
    assert schedule.plan.formulation == "tablet+liquid"
    assert schedule.plan.device == "syringe-1ml"
    assert schedule.plan.stock == (("diazepam", 2.0),)
    assert schedule.plan.splits == ()  # clonazepam's quartered 2 mg tablet does not carry over
    units = schedule.steps[0].doses[0].units
    assert "2 mg tablet" in units and "1 mL oral syringe" in units


def test_allowing_halves_says_to_halve_only_scored_tablets(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.form
    choose(form.drug, "diazepam")
    choose(form.formulation, "tablet")
    form.doses["morning"].setValue(10)
    form.doses["night"].setValue(10)
    row = next(r for r in form.products._rows if r.product.strength_mg == 5)
    assert row.pieces is not None
    choose(row.pieces, 2)
    assert "score line" in form.products.note.text() and not form.products.note.isHidden()
    schedule = _flush(qtbot, window)
    assert ("diazepam", 5.0, 2) in schedule.plan.splits
    assert any(f.rule == "split-override" for f in schedule.findings)


def test_compounded_doses_and_reopening_a_plan(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    form.products.compounded.setChecked(True)
    assert not form.products.step_mg.isHidden()
    assert not any(row.stocked.isEnabled() for row in form.products._rows)
    form.products.step_mg.setValue(0.05)
    schedule = _flush(qtbot, window)
    assert schedule.plan.compounded_step_mg == 0.05
    assert schedule.steps[0].doses[0].portions[0].product_label.endswith("compounded capsule")
    # A saved plan's choices come back into the form.
    saved = BASE_PLAN.replace(
        drug="lorazepam",
        regimen=Regimen(morning_mg=1, night_mg=1),
        splits=(("lorazepam", 1.0, 2),),
        stock=(("lorazepam", 1.0),),
    )
    with qtbot.waitSignal(window.schedule_shown):
        form.set_plan(saved)
    rows = {r.product.strength_mg: r for r in form.products._rows}
    assert rows[1.0].stocked.isChecked() and not rows[2.5].stocked.isChecked()
    assert rows[1.0].chosen_pieces() == 2 and not form.products.compounded.isChecked()
    assert form.build_plan().splits == saved.splits and form.build_plan().stock == saved.stock


def test_a_device_for_a_drug_without_liquid_is_not_offered(window: MainWindow) -> None:
    form = window.form
    choose(form.drug, "lorazepam")
    choose(form.region, "uk")
    assert form.products.device.isHidden() or form.products.device.count() == 0


def test_unticking_every_product_is_refused_at_the_field(window: MainWindow) -> None:
    form = window.form
    for row in form.products._rows:
        row.stocked.setChecked(False)
    form.flush()
    assert "Tick at least one clonazepam product" in form.rows.label_for("stock").text()


def _diazepam_doses_mg(schedule) -> list[float]:  # type: ignore[no-untyped-def]
    return [dose.mg for step in schedule.steps for dose in step.doses if dose.drug == "diazepam"]


def test_a_switch_sets_diazepams_own_products(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    # UK clonazepam 1.5 mg/day switched to diazepam tablets: the UK 5 mg tablet is listed
    # whole-only, so without the clinician's split no diazepam dose has half a 5 mg tablet.
    form = window.form
    switch = form.switch
    switch.enabled_check.click()
    type_into(qtbot, form.method.percent_current, "25")
    before = _flush(qtbot, window)
    assert before.plan.switch_to == "diazepam" and before.plan.splits == ()
    assert not any(mg % 1 for mg in _diazepam_doses_mg(before))
    products = switch.products
    assert not products.isHidden()
    rows = {row.product.strength_mg: row for row in products._rows}
    assert sorted(rows) == [2.0, 5.0, 10.0]
    assert products.device.isHidden() and products.shared_note.isHidden()  # tablets only
    with qtbot.waitSignal(window.schedule_shown) as blocker:
        choose(rows[5.0].pieces, 2)
        rows[2.0].stocked.setChecked(False)
        rows[10.0].stocked.setChecked(False)
    halved = blocker.args[0]
    assert halved.plan.splits == (("diazepam", 5.0, 2),)
    assert halved.plan.stock == (("diazepam", 5.0),)
    doses = _diazepam_doses_mg(halved)
    assert 2.5 in doses and all((mg / 2.5) % 1 == 0 for mg in doses)
    assert any("½ × 5 mg tablet" in d.units for s in halved.steps for d in s.doses)
    assert "score line" in products.note.text()
    # The choices survive a save and reopen into a new window's form.
    dialogs.save_path = str(tmp_path / "switch.taper.json")
    window.save_action.trigger()
    assert load_plan(tmp_path / "switch.taper.json") == halved.plan
    window.new_action.trigger()
    assert window.current_plan().switch_to is None
    dialogs.open_path = str(tmp_path / "switch.taper.json")
    window.open_action.trigger()
    assert window.current_plan() == halved.plan
    reopened = {row.product.strength_mg: row for row in switch.products._rows}
    assert reopened[5.0].chosen_pieces() == 2 and not reopened[2.0].stocked.isChecked()
    assert form.build_plan() == halved.plan
    # Undo takes the split back, in the plan and in the form.
    with qtbot.waitSignal(window.schedule_shown):
        choose(reopened[5.0].pieces, 1)
    assert window.current_plan().splits == ()
    with qtbot.waitSignal(window.schedule_shown):
        window.undo_action.trigger()
    assert window.current_plan().splits == (("diazepam", 5.0, 2),)
    assert {r.product.strength_mg: r for r in switch.products._rows}[5.0].chosen_pieces() == 2


def test_a_switchs_liquid_gets_its_device_unless_todays_drug_has_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.form
    form.switch.enabled_check.click()
    choose(form.switch.formulation, "tablet+liquid")
    products = form.switch.products
    assert not products.device.isHidden()  # clonazepam tablets have no liquid of their own
    choose(products.device, "syringe-3ml")
    schedule = _flush(qtbot, window)
    assert schedule.plan.device == "syringe-3ml"
    solution = [
        p for s in schedule.steps for d in s.doses if d.drug == "diazepam" for p in d.portions
        if p.is_liquid
    ]  # fmt: skip
    assert solution and all(p.device == "syringe-3ml" for p in solution)
    # Clonazepam's own liquid: the plan's one device is chosen under Products.
    choose(form.formulation, "liquid")
    assert products.device.isHidden() and not products.shared_note.isHidden()
    choose(form.products.device, "syringe-1ml")
    assert _flush(qtbot, window).plan.device == "syringe-1ml"


def test_a_switch_error_shows_at_diazepams_products(window: MainWindow) -> None:
    form = window.form
    form.switch.enabled_check.click()
    for row in form.switch.products._rows:
        row.stocked.setChecked(False)
    form.flush()
    message = form.rows.label_for("stock.diazepam").text()
    assert "Tick at least one diazepam product" in message
    assert form.rows.label_for("stock").text() == ""


def test_unticking_the_2_mg_tablet_keeps_the_2_mg_per_5_ml_top_up(
    qtbot: QtBot, window: MainWindow
) -> None:
    # The tablet and the solution share the strength 2: the stock names the tablets only.
    form = window.form
    choose(form.drug, "diazepam")
    choose(form.formulation, "tablet+liquid")
    rows = {row.product.label: row for row in form.products._rows}
    liquid = rows["2 mg/5 mL oral solution"]
    assert liquid.stocked.isChecked() and not liquid.stocked.isEnabled()
    rows["2 mg tablet"].stocked.setChecked(False)
    form.doses["morning"].setValue(6)
    form.doses["night"].setValue(6)
    schedule = _flush(qtbot, window)
    assert schedule.plan.stock == (("diazepam", 5.0), ("diazepam", 10.0))
    labels = {p.product_label for s in schedule.steps for d in s.doses for p in d.portions}
    assert "2 mg tablet" not in labels and "2 mg/5 mL oral solution" in labels
    form.set_plan(schedule.plan)  # as a reopened file or an undo shows it
    rows = {row.product.label: row for row in form.products._rows}
    assert (
        not rows["2 mg tablet"].stocked.isChecked()
        and rows[liquid.product.label].stocked.isChecked()
    )

"""The Products section: tablets + liquid, the device, splits, stock and compounding."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from planner.model import Regimen
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import choose
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
    assert "Tick at least one product" in form.rows.label_for("stock").text()

"""Every input of the plan form as typed (valid or not), to keep in a draft and put back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

if TYPE_CHECKING:
    from ui.form.plan_form import PlanForm

FormState = dict[str, object]
# Drafts saved before dates were typed kept "no date of birth" as this date.
OLD_NO_BIRTH = "1800-01-01"


def _combos(form: PlanForm) -> dict[str, QComboBox]:
    # In the order they are put back: the region and drug decide which formulations exist.
    return {
        "region": form.region,
        "drug": form.drug,
        "formulation": form.formulation,
        "equivalence": form.equivalence,
        "policy": form.policy,
        "method": form.method.method_combo,
        "switch.formulation": form.switch.formulation,
        "switch.order": form.switch.order,
        "risk": form.factors.risk,
        "products.device": form.products.device,
    }


def _checks(form: PlanForm) -> dict[str, QCheckBox]:
    checks = {f"factor.{name}": check for name, check in form.factors.checks.items()}
    return {"switch": form.switch.enabled_check, "compounded": form.products.compounded, **checks}


def _texts(form: PlanForm) -> dict[str, QLineEdit]:
    method = form.method
    return {
        "patient": form.patient_name,
        "date_of_birth": form.date_of_birth,
        "prescriber": form.prescriber,
        **{f"dose.{time}": box for time, box in form.doses.items()},
        "interval": form.interval,
        "start": form.start,
        "stabilise": form.stabilise,
        "maintenance": form.maintenance,
        "percent_current": method.percent_current,
        "slow_below": method.slow_below,
        "slow_percent": method.slow_percent,
        "percent_original": method.percent_original,
        "final_percent": method.final_percent,
        "amount": method.amount,
        "bands": method.bands,
        "occupancy": method.occupancy,
        "emax": method.emax,
        "ed50": method.ed50,
        "switch.step_days": form.switch.step_days,
        "products.step_mg": form.products.step_mg,
    }


def form_state(form: PlanForm) -> FormState:
    """Every input as shown: combo data, ticks, texts (dates too) exactly as typed, custom steps."""
    table = form.method.custom.table
    cells = [
        [item.text() if (item := table.item(row, col)) is not None else "" for col in range(2)]
        for row in range(table.rowCount())
    ]
    return {
        **{key: str(combo.currentData()) for key, combo in _combos(form).items()},
        **{key: check.isChecked() for key, check in _checks(form).items()},
        **{key: box.text() for key, box in _texts(form).items()},
        "custom_steps": cells,
    }


def restore_form_state(form: PlanForm, state: FormState) -> None:
    """Put ``state`` back into the inputs; unknown keys and values the form lacks are skipped.

    Nothing is announced or ticked on the way (the state is what the clinician left).
    """
    form.date_checks.quiet = True
    try:
        _restore(form, state)
        form.date_checks.check()  # the dates put back are the clinician's: not asked about
    finally:
        form.date_checks.quiet = False
    form.notice.hide_notice()


def _restore(form: PlanForm, state: FormState) -> None:
    for key, combo in _combos(form).items():
        index = combo.findData(state.get(key))
        if index >= 0:
            combo.setCurrentIndex(index)
    for key, check in _checks(form).items():
        value = state.get(key)
        if isinstance(value, bool) and check.isEnabled():
            check.setChecked(value)
    if state.get("date_of_birth") == OLD_NO_BIRTH:
        state = {**state, "date_of_birth": ""}
    for key, box in _texts(form).items():
        text = state.get(key)
        if isinstance(text, str):
            box.setText(text)
    cells = state.get("custom_steps")
    if isinstance(cells, list):
        rows = [row for row in cells if isinstance(row, list) and len(row) == 2]
        form.method.custom.set_texts([(str(row[0]), str(row[1])) for row in rows])

"""The switch-to-diazepam inputs (Ashton): on or off, step length, order and diazepam's products."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QWidget

from planner.catalogue import get_drug
from planner.dosing.products import combinations
from planner.model import TaperPlan
from planner.validate import SWITCH_STEP_DAYS_RANGE
from ui.form.form_rows import FieldRows, compact_combo, form_layout
from ui.form.number_field import NumberField
from ui.form.products_box import ProductsBox

SWITCH_TARGET = "diazepam"
# Sensible substitution orders (combo data: times joined by commas); a plan file's
# other order is added to the list as it is.
ORDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Night first (Ashton)", ("night", "evening", "midday", "morning")),
    ("Morning first", ("morning", "midday", "evening", "night")),
    ("Daytime first, night last", ("midday", "morning", "evening", "night")),
)
NOTE_STYLE = "color: #555555;"
DISABLED_TIP = "The patient already takes diazepam: there is nothing to switch."
ENABLED_TIP = (
    "Substitute diazepam one dose time at a time (Ashton Manual), then taper diazepam "
    "by the method below."
)


class SwitchBox(QGroupBox):
    """Whether to switch to diazepam first, and how; the details show only when ticked.

    Signals:
        edited: any switch input changed (the form debounces it).
    """

    edited = Signal()

    def __init__(self, rows: FieldRows, parent: QWidget | None = None) -> None:
        super().__init__("Switch to diazepam", parent)
        self.enabled_check = QCheckBox("S&witch to diazepam first (Ashton)")
        self.enabled_check.setAccessibleName("Switch to diazepam first")
        self.step_days = NumberField(*SWITCH_STEP_DAYS_RANGE, 1, 0, "days")
        self.step_days.name("switch_step_days", "Each substitution step")
        self.formulation = compact_combo(QComboBox())
        self.order = compact_combo(QComboBox())
        for text, order in ORDERS:
            self.order.addItem(text, ",".join(order))
        self.note = QLabel(
            "After the switch, the taper's mg amounts (cut, bands, slower-below and "
            "target) are mg of diazepam."
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        # Diazepam's own products: stocked strengths, splits and its liquid's device.
        self.products = ProductsBox(rows, switch_drug=SWITCH_TARGET)
        self.products.setFlat(True)
        self._region = ""
        form = form_layout(self)
        form.addRow(self.enabled_check)
        rows.add_error_line(form, "switch_to", self.enabled_check)
        self._details: list[QWidget] = [
            self.step_days, self.formulation, self.order, self.products
        ]  # fmt: skip
        rows.add(
            form, "Each ste&p:", self.step_days, "switch_step_days", "Days per substitution step"
        )
        rows.add(
            form, "Dia&zepam as:", self.formulation, "switch_formulation", "Diazepam formulation"
        )
        rows.add(form, "Or&der:", self.order, "switch_order", "Substitution order")
        form.addRow(self.products)
        form.addRow(self.note)
        self._form = form
        self.enabled_check.toggled.connect(self.on_enabled_check_toggled)
        self.step_days.valueChanged.connect(self.edited)
        self.formulation.currentIndexChanged.connect(self.on_formulation_combo_changed)
        self.order.currentIndexChanged.connect(self.edited)
        self.products.edited.connect(self.edited)
        self._show_details(False)

    def _show_details(self, shown: bool) -> None:
        for widget in self._details:
            self._form.setRowVisible(widget, shown)
        self.note.setVisible(shown)

    @Slot(bool)
    def on_enabled_check_toggled(self, checked: bool) -> None:
        self._show_details(checked)
        self.edited.emit()

    @Slot(int)
    def on_formulation_combo_changed(self, _index: int) -> None:
        self._list_products()
        self.edited.emit()

    def _list_products(self) -> None:
        formulation = str(self.formulation.currentData() or "")
        self.products.set_medicine(SWITCH_TARGET, self._region, formulation)

    def switching(self) -> bool:
        """True when the plan switches to diazepam first."""
        return self.enabled_check.isEnabled() and self.enabled_check.isChecked()

    def set_medicine(self, drug: str, region: str) -> str:
        """Offer the switch unless the drug is diazepam; list diazepam's forms in ``region``.

        Returns:
            The label of the diazepam formulation chosen before if ``region`` lacks it
            (the first one offered is chosen instead), else "".
        """
        allowed = drug != SWITCH_TARGET
        self.enabled_check.setEnabled(allowed)
        self.enabled_check.setToolTip(ENABLED_TIP if allowed else DISABLED_TIP)
        self._show_details(self.switching())
        wanted = self.formulation.currentData()
        wanted_label = self.formulation.currentText()
        blocked = self.formulation.blockSignals(True)
        self.formulation.clear()
        for formulation in get_drug(SWITCH_TARGET).formulations.get(region, ()):
            self.formulation.addItem(formulation.label, formulation.name)
        for label, name in combinations(SWITCH_TARGET, region):  # tablets + a liquid top-up
            self.formulation.addItem(label, name)
        index = self.formulation.findData(wanted)
        self.formulation.setCurrentIndex(max(index, 0))
        self.formulation.blockSignals(blocked)
        self._region = region
        self._list_products()
        return wanted_label if wanted and index < 0 else ""

    def formulation_name(self, plan: TaperPlan) -> str:
        """The chosen diazepam formulation (the plan's when the region offers none)."""
        return str(self.formulation.currentData() or plan.switch_formulation)

    def set_plan(self, plan: TaperPlan) -> None:
        """Show a plan's switch settings without emitting ``edited``."""
        widgets = (self.enabled_check, self.step_days, self.formulation, self.order)
        blocked = [widget.blockSignals(True) for widget in widgets]
        self.enabled_check.setChecked(plan.switch_to is not None)
        self.step_days.setValue(plan.switch_step_days)
        self.formulation.setCurrentIndex(max(self.formulation.findData(plan.switch_formulation), 0))
        index = self.order.findData(",".join(plan.switch_order))
        if index < 0:
            custom = "Custom: " + ", ".join(plan.switch_order)
            self.order.addItem(custom, ",".join(plan.switch_order))
            index = self.order.count() - 1
        self.order.setCurrentIndex(index)
        for widget, was in zip(widgets, blocked, strict=True):
            widget.blockSignals(was)
        self._list_products()
        self.products.set_plan(plan)
        self._show_details(self.switching())

    def apply(self, plan: TaperPlan) -> TaperPlan:
        """``plan`` with the switch settings shown.

        Raises:
            PlanError: when the step length typed is not a whole number of days in range,
                or no diazepam product is ticked.
        """
        # A hidden (unticked) step length is not part of the plan: only read it when switching.
        step_days = int(self.step_days.value()) if self.switching() else plan.switch_step_days
        switched = plan.replace(
            switch_to=SWITCH_TARGET if self.switching() else None,
            switch_step_days=step_days,
            switch_formulation=self.formulation_name(plan),
            switch_order=tuple(filter(None, str(self.order.currentData()).split(","))),
        )
        return self.products.apply(switched)

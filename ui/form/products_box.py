"""The Products inputs: what the patient has, how tablets split, the device, compounding."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from planner.catalogue import Product, get_device, get_drug
from planner.dosing.products import devices_for, whole_pieces
from planner.errors import PlanError
from planner.model import TaperPlan
from ui.form.form_rows import FieldRows, compact_combo, form_layout
from ui.form.number_field import NumberField

PIECES: tuple[tuple[str, int], ...] = (("whole", 1), ("halves", 2), ("quarters", 4))
NOTE_STYLE = "color: #555555;"
SCORE_NOTE = "Halve or quarter only tablets with a score line."
DEFAULT_STEP_MG = 0.05


class _ProductRow:
    """One product: ticked when the pharmacy stocks it, and for tablets how it may split."""

    def __init__(self, product: Product) -> None:
        self.product = product
        self.stocked = QCheckBox(product.label)
        self.stocked.setChecked(True)
        tip = f"Catalogue: {product.description}"
        self.stocked.setToolTip(tip + (f"; {product.note}" if product.note else ""))
        self.pieces: QComboBox | None = None
        self.part_of_formulation = False  # a tablets + liquid formulation's liquid: always in
        if not product.is_liquid:
            self.pieces = compact_combo(QComboBox())
            for text, pieces in PIECES:
                if not whole_pieces(product.strength_mg, pieces):
                    continue  # e.g. quarters of 0.25 mg: 62.5 µg, finer than doses are measured
                default = " (label)" if pieces == product.pieces else ""
                self.pieces.addItem(text + default, pieces)
            self.pieces.setCurrentIndex(self.pieces.findData(product.pieces))
            self.pieces.setAccessibleName(f"How the {product.label} may be split")
            self.pieces.setToolTip(product.note or "As the product's label allows")

    def chosen_pieces(self) -> int:
        """The pieces the clinician allows (the catalogue's when unchanged)."""
        return int(self.pieces.currentData()) if self.pieces is not None else 1


class ProductsBox(QGroupBox):
    """The products of one drug: the plan's own, or (``switch_drug``) a switch's diazepam.

    The plan has one measuring device. The own drug's box sets it when that drug has a
    liquid; otherwise a switch's box sets it for diazepam's liquid (see ``share_device``).

    Signals:
        edited: any product input changed (the form debounces it).
    """

    edited = Signal()

    def __init__(
        self, rows: FieldRows, parent: QWidget | None = None, switch_drug: str | None = None
    ) -> None:
        title = "Products" if switch_drug is None else f"{switch_drug.title()} products"
        super().__init__(title, parent)
        self._switch_drug = switch_drug
        self._drug = switch_drug or ""
        self._device_shared = False  # a switch's box: the own drug's box sets the device
        self._rows: list[_ProductRow] = []
        self._medicine: tuple[str, str, str] | None = None  # what the rows list
        form = form_layout(self)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._grid_host)
        # A switch's errors name its drug ("stock.diazepam"): shown here, not at the own box.
        suffix = "" if switch_drug is None else f".{switch_drug}"
        rows.add_error_line(form, "stock" + suffix, self._grid_host)
        rows.register("splits" + suffix, rows.label_for("stock" + suffix), self._grid_host)
        self.device = compact_combo(QComboBox())
        device_text = "Measure &with:" if switch_drug is None else "Measure wit&h:"
        rows.add(form, device_text, self.device, "device" + suffix, "Measuring device")
        self.shared_note = QLabel("Its liquid is measured with the device chosen under Products.")
        self.shared_note.setWordWrap(True)
        self.shared_note.setStyleSheet(NOTE_STYLE)
        form.addRow(self.shared_note)
        self.shared_note.setVisible(False)
        self.compounded = QCheckBox("Pharmacy makes up each dose")
        self.compounded.setToolTip(
            "Compounded capsules or tapering strips: any dose in multiples of the step"
        )
        # Typed, never rounded or clamped: "0.0005" stays and says what is allowed.
        self.step_mg = NumberField(0.001, 10.0, 0.005, 3, "mg")
        self.step_mg.name("compounded_step_mg", "The compounding step")
        self.step_mg.setValue(DEFAULT_STEP_MG)
        form.addRow(self.compounded)
        rows.add(form, "In &steps of:", self.step_mg, "compounded_step_mg", "Compounding step")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        form.addRow(self.note)
        self._form = form
        self.device.currentIndexChanged.connect(self.on_input_changed)
        self.compounded.toggled.connect(self.on_compounded_toggled)
        self.step_mg.valueChanged.connect(self.on_input_changed)
        self._form.setRowVisible(self.step_mg, False)
        # Compounding applies to the plan's own drug only (planner.dosing.products.options_for).
        self._form.setRowVisible(self.compounded, switch_drug is None)

    # ------------------------------------------------------------ showing
    def set_medicine(self, drug: str, region: str, formulation: str) -> None:
        """List the products of a drug's formulation, keeping choices for the same products."""
        if (drug, region, formulation) == self._medicine:
            return  # the same products, their choices kept: as listing them again would
        self._medicine = (drug, region, formulation)
        try:
            products = get_drug(drug).formulation(region, formulation).products
        except PlanError:
            products = ()
        # Choices carry over within one drug only: another drug's 2 mg tablet is another product.
        before = {row.product.label: row for row in self._rows} if drug == self._drug else {}
        for row in self._rows:
            for widget in (row.stocked, row.pieces):
                if widget is not None:
                    self._grid.removeWidget(widget)
                    widget.deleteLater()
        self._drug = drug
        self._rows = []
        for index, product in enumerate(products):
            row = _ProductRow(product)
            old = before.get(product.label)
            if old is not None:
                row.stocked.setChecked(old.stocked.isChecked())
                if row.pieces is not None and old.pieces is not None:
                    row.pieces.setCurrentIndex(old.pieces.currentIndex())
            if row.product.is_liquid and any(not p.is_liquid for p in products):
                # The formulation is tablets + this liquid: choose "tablets" to leave it out.
                row.part_of_formulation = True
                row.stocked.setToolTip("Part of the formulation chosen (tablets + a liquid)")
            self._grid.addWidget(row.stocked, index, 0)
            if row.pieces is not None:
                self._grid.addWidget(row.pieces, index, 1)
                row.pieces.currentIndexChanged.connect(self.on_input_changed)
            row.stocked.toggled.connect(self.on_input_changed)
            self._rows.append(row)
        self._fill_devices(drug, region, formulation)
        self._update_note()

    def share_device(self, shared: bool) -> None:
        """A switch's box: hide its device when the own drug's liquid sets the plan's one."""
        self._device_shared = shared
        self._show_device_row()

    def _show_device_row(self) -> None:
        has_liquid = self.device.count() > 0
        self._form.setRowVisible(self.device, has_liquid and not self._device_shared)
        self.shared_note.setVisible(has_liquid and self._device_shared)

    def _fill_devices(self, drug: str, region: str, formulation: str) -> None:
        wanted = self.device.currentData()
        blocked = self.device.blockSignals(True)
        self.device.clear()
        try:
            names = devices_for(drug, region, formulation)
        except PlanError:
            names = ()
        if names:
            self.device.addItem(f"As supplied ({get_device(names[0]).label})", "")
            for name in names:
                self.device.addItem(get_device(name).label, name)
        self.device.setCurrentIndex(max(self.device.findData(wanted), 0))
        self.device.blockSignals(blocked)
        self._show_device_row()

    def set_plan(self, plan: TaperPlan) -> None:
        """Show a plan's product choices without emitting ``edited``."""
        widgets: list[QWidget] = [self.device, self.compounded, self.step_mg]
        for row in self._rows:
            widgets += [w for w in (row.stocked, row.pieces) if w is not None]
        blocked = [widget.blockSignals(True) for widget in widgets]
        drug = self._switch_drug or plan.drug
        stocked = [mg for name, mg in plan.stock if name == drug]
        splits = {mg: pieces for name, mg, pieces in plan.splits if name == drug}
        for row in self._rows:
            strength = row.product.strength_mg
            in_stock = not stocked or any(abs(strength - s) < 1e-9 for s in stocked)
            row.stocked.setChecked(in_stock or row.part_of_formulation)
            if row.pieces is not None:
                pieces = next(
                    (p for mg, p in splits.items() if abs(mg - strength) < 1e-9),
                    row.product.pieces,
                )
                row.pieces.setCurrentIndex(max(row.pieces.findData(pieces), 0))
        self.device.setCurrentIndex(max(self.device.findData(plan.device or ""), 0))
        compounded = self._switch_drug is None and plan.compounded_step_mg is not None
        self.compounded.setChecked(compounded)
        if compounded and plan.compounded_step_mg is not None:
            self.step_mg.setValue(plan.compounded_step_mg)
        for widget, was in zip(widgets, blocked, strict=True):
            widget.blockSignals(was)
        self._form.setRowVisible(self.step_mg, self.compounded.isChecked())
        self._update_note()

    def _update_note(self) -> None:
        # Compounded doses replace the catalogued products: their rows do not apply then.
        compounded = self.compounded.isChecked()
        for row in self._rows:
            for widget in (row.stocked, row.pieces):
                if widget is not None:
                    widget.setEnabled(not compounded and not row.part_of_formulation)
        raised = [
            row.product.label
            for row in self._rows
            if row.chosen_pieces() > row.product.pieces and row.stocked.isChecked()
        ]
        raised = [] if compounded else raised
        self.note.setText(
            f"{SCORE_NOTE} Split by your choice: {', '.join(raised)}." if raised else ""
        )
        self.note.setVisible(bool(raised))

    # ------------------------------------------------------------ reading
    def apply(self, plan: TaperPlan) -> TaperPlan:
        """``plan`` with the products shown (the other drug's choices kept as they were).

        A switch's box changes nothing unless the plan switches to its drug.

        Raises:
            PlanError: when no product is ticked.
        """
        if self._switch_drug is not None:
            return self._apply_switch(plan) if plan.switch_to == self._switch_drug else plan
        drug = plan.drug
        drugs = (drug, plan.switch_to)  # choices for a drug no longer in the plan are dropped
        stock, splits = self._chosen(drug)
        device = str(self.device.currentData() or "") or None
        if not self.device.count():  # no liquid of this drug: a switch's liquid may keep one
            device = plan.device if plan.switch_to else None
        return plan.replace(
            stock=(*(s for s in plan.stock if s[0] != drug and s[0] in drugs), *stock),
            splits=(*(s for s in plan.splits if s[0] != drug and s[0] in drugs), *splits),
            device=device,
            compounded_step_mg=self.step_mg.value() if self.compounded.isChecked() else None,
        )

    def _chosen(
        self, drug: str
    ) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float, int], ...]]:
        """The stock (empty: every product) and the splits that differ from the label."""
        rows = self._stock_rows()
        ticked = [row.product.strength_mg for row in rows if row.stocked.isChecked()]
        if rows and not ticked:
            field = "stock" if self._switch_drug is None else f"stock.{drug}"
            raise PlanError(f"Tick at least one {drug} product the patient has", field=field)
        every = len(ticked) == len(rows)
        stock = () if every else tuple((drug, mg) for mg in dict.fromkeys(ticked))
        splits = tuple(
            (drug, row.product.strength_mg, row.chosen_pieces())
            for row in self._rows
            if row.pieces is not None and row.chosen_pieces() != row.product.pieces
        )
        return stock, splits

    def _stock_rows(self) -> list[_ProductRow]:
        """The rows a stock names: with tablets + a liquid, the tablets (the liquid stays)."""
        solids = [row for row in self._rows if not row.product.is_liquid]
        return solids or self._rows

    def _apply_switch(self, plan: TaperPlan) -> TaperPlan:
        drug = self._drug
        stock, splits = self._chosen(drug)
        device = plan.device
        if not self._device_shared:  # this box's liquid (or none) sets the plan's device
            device = str(self.device.currentData() or "") or None
        return plan.replace(
            stock=(*(s for s in plan.stock if s[0] != drug), *stock),
            splits=(*(s for s in plan.splits if s[0] != drug), *splits),
            device=device,
        )

    # ------------------------------------------------------------ slots
    @Slot()
    def on_input_changed(self) -> None:
        self._update_note()
        self.edited.emit()

    @Slot(bool)
    def on_compounded_toggled(self, checked: bool) -> None:
        self._form.setRowVisible(self.step_mg, checked)
        self._update_note()
        self.edited.emit()

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
from planner.dosing.products import devices_for
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
        if not product.is_liquid:
            self.pieces = compact_combo(QComboBox())
            for text, pieces in PIECES:
                default = " (label)" if pieces == product.pieces else ""
                self.pieces.addItem(text + default, pieces)
            self.pieces.setCurrentIndex(self.pieces.findData(product.pieces))
            self.pieces.setAccessibleName(f"How the {product.label} may be split")
            self.pieces.setToolTip(product.note or "As the product's label allows")

    def chosen_pieces(self) -> int:
        """The pieces the clinician allows (the catalogue's when unchanged)."""
        return int(self.pieces.currentData()) if self.pieces is not None else 1


class ProductsBox(QGroupBox):
    """The products of the plan's own drug (a switch's diazepam keeps the file's choices).

    Signals:
        edited: any product input changed (the form debounces it).
    """

    edited = Signal()

    def __init__(self, rows: FieldRows, parent: QWidget | None = None) -> None:
        super().__init__("Products", parent)
        self._drug = ""
        self._rows: list[_ProductRow] = []
        form = form_layout(self)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._grid_host)
        rows.add_error_line(form, "stock", self._grid_host)
        rows.register("splits", rows.label_for("stock"), self._grid_host)
        self.device = compact_combo(QComboBox())
        rows.add(form, "Measure &with:", self.device, "device", "Measuring device")
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

    # ------------------------------------------------------------ showing
    def set_medicine(self, drug: str, region: str, formulation: str) -> None:
        """List the products of a drug's formulation, keeping choices for the same products."""
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
            self._grid.addWidget(row.stocked, index, 0)
            if row.pieces is not None:
                self._grid.addWidget(row.pieces, index, 1)
                row.pieces.currentIndexChanged.connect(self.on_input_changed)
            row.stocked.toggled.connect(self.on_input_changed)
            self._rows.append(row)
        self._fill_devices(drug, region, formulation)
        self._update_note()

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
        self._form.setRowVisible(self.device, bool(names))

    def set_plan(self, plan: TaperPlan) -> None:
        """Show a plan's product choices without emitting ``edited``."""
        widgets: list[QWidget] = [self.device, self.compounded, self.step_mg]
        for row in self._rows:
            widgets += [w for w in (row.stocked, row.pieces) if w is not None]
        blocked = [widget.blockSignals(True) for widget in widgets]
        stocked = [mg for drug, mg in plan.stock if drug == plan.drug]
        splits = {mg: pieces for drug, mg, pieces in plan.splits if drug == plan.drug}
        for row in self._rows:
            strength = row.product.strength_mg
            row.stocked.setChecked(not stocked or any(abs(strength - s) < 1e-9 for s in stocked))
            if row.pieces is not None:
                pieces = next(
                    (p for mg, p in splits.items() if abs(mg - strength) < 1e-9),
                    row.product.pieces,
                )
                row.pieces.setCurrentIndex(max(row.pieces.findData(pieces), 0))
        self.device.setCurrentIndex(max(self.device.findData(plan.device or ""), 0))
        self.compounded.setChecked(plan.compounded_step_mg is not None)
        if plan.compounded_step_mg is not None:
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
                    widget.setEnabled(not compounded)
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

        Raises:
            PlanError: when no product is ticked.
        """
        drug = plan.drug
        drugs = (drug, plan.switch_to)  # choices for a drug no longer in the plan are dropped
        ticked = [row.product.strength_mg for row in self._rows if row.stocked.isChecked()]
        if self._rows and not ticked:
            raise PlanError("Tick at least one product the patient has", field="stock")
        every = len(ticked) == len(self._rows)
        stock = () if every else tuple((drug, mg) for mg in dict.fromkeys(ticked))
        splits = tuple(
            (drug, row.product.strength_mg, row.chosen_pieces())
            for row in self._rows
            if row.pieces is not None and row.chosen_pieces() != row.product.pieces
        )
        device = str(self.device.currentData() or "") or None
        if not self.device.count():  # no liquid of this drug: a switch's liquid may keep one
            device = plan.device if plan.switch_to else None
        return plan.replace(
            stock=(*(s for s in plan.stock if s[0] != drug and s[0] in drugs), *stock),
            splits=(*(s for s in plan.splits if s[0] != drug and s[0] in drugs), *splits),
            device=device,
            compounded_step_mg=self.step_mg.value() if self.compounded.isChecked() else None,
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

"""The taper method chooser, showing only the chosen method's own parameters."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.defaults import DEFAULT_PLAN, default_reduction_percent
from planner.model import Band, Method, TaperPlan, format_mg
from planner.parse import parse_bands
from planner.validate import EMAX_PERCENT_RANGE, PERCENT_RANGE
from ui.form.form_rows import FieldRows, compact_combo, error_label, form_layout
from ui.form.number_field import NumberField
from ui.form.steps_editor import StepsEditor

METHOD_TITLES: dict[Method, str] = {
    Method.PERCENT_CURRENT: "Percent of the current dose",
    Method.PERCENT_ORIGINAL: "Percent of the starting dose",
    Method.FIXED: "Fixed amount per step",
    Method.BANDS: "Bands: cut depends on the dose",
    Method.HYPERBOLIC: "Hyperbolic (receptor occupancy)",
    Method.CUSTOM: "Custom steps",
}
# The TaperPlan fields each method reads; their errors show on that method's page.
METHOD_FIELDS = (
    "method",
    "reduction_percent",
    "slow_below_mg",
    "slow_percent",
    "final_percent",
    "amount_mg",
    "bands",
    "emax_percent",
    "ed50_mg",
    "custom_steps",
)
OCCUPANCY_RANGE = (0.5, 50.0)
# What a method's page shows before a plan of that method is opened (the same as the
# defaults a new plan of that method gets).
ED50_MAX_MG = 1000.0


def spin(low: float, high: float, step: float, decimals: int, suffix: str) -> NumberField:
    """A number field with a range, step, decimals and a unit (typed text is never changed)."""
    return NumberField(low, high, step, decimals, suffix)


def optional_spin(high: float, step: float, decimals: int, suffix: str, off: str) -> NumberField:
    """A number field that may be left empty (or 0), shown as ``off`` and meaning "not set"."""
    box = spin(0.0, high, step, decimals, suffix)
    box.set_blank(0.0, off)
    return box


def optional_value(box: NumberField) -> float | None:
    """The box's value, or None when empty or 0 ("off").

    Raises:
        PlanError: when the text is not a number in range.
    """
    value = box.value()
    return None if value == box.minimum() else value


def _valid_or_zero(box: NumberField) -> float:
    return box.value() if box.is_valid() else 0.0


def bands_text(bands: tuple[Band, ...]) -> str:
    """Bands as the clinician types them: '20=4,10=2/7,0=0.5'."""
    return ",".join(
        f"{format_mg(b.above_mg)}={format_mg(b.cut_mg)}"
        + ("" if b.interval_days is None else f"/{b.interval_days}")
        for b in bands
    )


class MethodParams(QWidget):
    """A method combo box and, below it, the parameters of the chosen method only.

    Signals:
        edited: any method input changed (the form debounces it).
    """

    edited = Signal()

    def __init__(self, rows: FieldRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self.method_combo = compact_combo(QComboBox())
        for method, title in METHOD_TITLES.items():
            self.method_combo.addItem(title, str(method))
        low, high = PERCENT_RANGE
        self.percent_current = spin(low, high, 1.0, 1, " %")
        self.slow_below = optional_spin(200.0, 0.25, 3, " mg/day", "off")
        self.slow_percent = optional_spin(high, 1.0, 1, " %", "off")
        self.percent_original = spin(low, high, 1.0, 1, " %")
        self.final_percent = optional_spin(high, 1.0, 1, " %", "off")
        self.amount = spin(0.0, 200.0, 0.25, 3, " mg/day")
        self.bands = QLineEdit()
        self.bands.setPlaceholderText("20=4,10=2,5=1,0=0.5")
        self.occupancy = spin(*OCCUPANCY_RANGE, 0.5, 1, " points")
        self.emax = spin(*EMAX_PERCENT_RANGE, 1.0, 1, " %")
        self.ed50 = optional_spin(ED50_MAX_MG, 0.1, 3, " mg/day", "drug default")
        self.custom = StepsEditor()
        self._name_fields()
        # Each method's box starts at the shared default (planner/defaults.py), not its minimum.
        for method, box in (
            (Method.PERCENT_CURRENT, self.percent_current),
            (Method.PERCENT_ORIGINAL, self.percent_original),
            (Method.HYPERBOLIC, self.occupancy),
        ):
            box.setValue(default_reduction_percent(method))
        self.emax.setValue(DEFAULT_PLAN.emax_percent)
        self.amount.setValue(0.0)
        self.pages: dict[Method, QWidget] = {}
        self._page_errors: dict[Method, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = form_layout()
        rows.add(top, "Me&thod:", self.method_combo, "method", "Taper method")
        layout.addLayout(top)
        self._build_pages(layout)
        self._connect_edits()
        self.on_method_combo_changed(0)

    def _name_fields(self) -> None:
        self.percent_current.name("reduction_percent", "The cut per step")
        self.slow_below.name("slow_below_mg", "Slower below")
        self.slow_percent.name("slow_percent", "The slower cut")
        self.percent_original.name("reduction_percent", "The cut per step")
        self.final_percent.name("final_percent", "The final steps")
        self.amount.name("amount_mg", "The cut per step")
        self.occupancy.name("reduction_percent", "The occupancy fall")
        self.emax.name("emax_percent", "The assumed Emax")
        self.ed50.name("ed50_mg", "The assumed ED50")

    def _page(self, layout: QVBoxLayout, method: Method) -> QFormLayout:
        page = QWidget()
        form = form_layout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.pages[method] = page
        layout.addWidget(page)
        return form

    def _build_pages(self, layout: QVBoxLayout) -> None:
        add = self._rows.add
        form = self._page(layout, Method.PERCENT_CURRENT)
        add(form, "&Cut per step:", self.percent_current, None, "Cut per step, percent of the dose")
        add(form, "Slower be&low:", self.slow_below, None, "Slower below this mg per day")
        add(form, "Slo&wer cut:", self.slow_percent, None, "Slower tail cut per step, percent")
        form = self._page(layout, Method.PERCENT_ORIGINAL)
        add(form, "&Cut per step:", self.percent_original, None, "Cut per step, percent of start")
        add(form, "&Final steps:", self.final_percent, None, "Smaller final steps, percent")
        form = self._page(layout, Method.FIXED)
        add(form, "&Cut per step:", self.amount, None, "Cut per step in mg per day")
        form = self._page(layout, Method.BANDS)
        add(form, "&Bands (mg):", self.bands, None, "Bands: above mg equals cut mg, per step")
        hint = QLabel(
            "ABOVE=CUT: while the daily dose is above ABOVE mg, cut CUT mg. "
            "Add /DAYS for that band's own interval, e.g. 5=1/28."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form = self._page(layout, Method.HYPERBOLIC)
        note = QLabel(
            "ASSUMPTIONS, not published constants: the occupancy model below is "
            "editable and shown on every printout."
        )
        note.setWordWrap(True)
        note.setStyleSheet("font-weight: bold;")
        form.addRow(note)
        add(form, "&Occupancy fall:", self.occupancy, None, "Fall in occupancy per step, points")
        add(form, "Assumed &Emax:", self.emax, None, "Assumed Emax, percent")
        add(form, "Assumed E&D50:", self.ed50, None, "Assumed ED50 in mg per day")
        form = self._page(layout, Method.CUSTOM)
        form.addRow(self.custom)
        for method, page in self.pages.items():
            label = error_label()
            page_layout = page.layout()
            assert isinstance(page_layout, QFormLayout)
            page_layout.addRow(label)
            self._page_errors[method] = label
            self._rows.register(f"page:{method}", label)

    def _connect_edits(self) -> None:
        for box in (self.percent_current, self.slow_below, self.slow_percent,
                    self.percent_original, self.final_percent, self.amount,
                    self.occupancy, self.emax, self.ed50):  # fmt: skip
            box.valueChanged.connect(self.edited)
        self.bands.textEdited.connect(self.edited)
        self.custom.steps_changed.connect(self.edited)
        self.method_combo.currentIndexChanged.connect(self.on_method_combo_changed)

    def method(self) -> Method:
        """The chosen method."""
        return Method(self.method_combo.currentData())

    @Slot(int)
    def on_method_combo_changed(self, _index: int) -> None:
        method = self.method()
        for page_method, page in self.pages.items():
            page.setVisible(page_method is method)
        label = self._page_errors[method]
        widgets = {
            "reduction_percent": {
                Method.PERCENT_CURRENT: self.percent_current,
                Method.PERCENT_ORIGINAL: self.percent_original,
                Method.HYPERBOLIC: self.occupancy,
            }.get(method),
            "slow_below_mg": self.slow_below,
            "slow_percent": self.slow_percent,
            "final_percent": self.final_percent,
            "amount_mg": self.amount,
            "bands": self.bands,
            "emax_percent": self.emax,
            "ed50_mg": self.ed50,
            "custom_steps": self.custom,
        }
        for field in METHOD_FIELDS[1:]:
            self._rows.register(field, label, widgets.get(field))
        self.edited.emit()

    def set_dose_limits(self, step_mg: float, max_mg: float) -> None:
        """Step mg inputs by the formulation's smallest measurable amount, up to ``max_mg``."""
        for box in (self.slow_below, self.amount):
            box.setSingleStep(step_mg)
            # Never clamp what the plan already holds; the planner says if it is too high.
            box.setMaximum(max(max_mg, _valid_or_zero(box)))

    def set_plan(self, plan: TaperPlan) -> None:
        """Show a plan's method and its parameters (the caller blocks signals)."""
        self.method_combo.setCurrentIndex(self.method_combo.findData(str(plan.method)))
        percent_box = {
            Method.PERCENT_ORIGINAL: self.percent_original,
            Method.HYPERBOLIC: self.occupancy,
        }.get(plan.method, self.percent_current)
        percent_box.setValue(plan.reduction_percent)
        self.slow_below.setValue(plan.slow_below_mg or 0.0)
        self.slow_percent.setValue(plan.slow_percent or 0.0)
        self.final_percent.setValue(plan.final_percent or 0.0)
        self.amount.setValue(plan.amount_mg or 0.0)
        self.bands.setText(bands_text(plan.bands))
        self.emax.setValue(plan.emax_percent)
        self.ed50.setValue(plan.ed50_mg or 0.0)
        self.custom.set_steps(plan.custom_steps)
        self.on_method_combo_changed(self.method_combo.currentIndex())

    def apply(self, plan: TaperPlan) -> TaperPlan:
        """``plan`` with the chosen method and its parameters.

        Raises:
            PlanError: when an input of the chosen method cannot be read or is out of range.
        """
        method = self.method()
        # Only the chosen method's own inputs are read: a hidden page's text is not the plan.
        if method is Method.PERCENT_CURRENT:
            plan = plan.replace(
                reduction_percent=self.percent_current.value(),
                slow_below_mg=optional_value(self.slow_below),
                slow_percent=optional_value(self.slow_percent),
            )
        elif method is Method.PERCENT_ORIGINAL:
            plan = plan.replace(
                reduction_percent=self.percent_original.value(),
                final_percent=optional_value(self.final_percent),
            )
        elif method is Method.FIXED:
            plan = plan.replace(amount_mg=self.amount.value())
        elif method is Method.BANDS:
            plan = plan.replace(bands=parse_bands(self.bands.text()))
        elif method is Method.HYPERBOLIC:
            plan = plan.replace(
                reduction_percent=self.occupancy.value(),
                emax_percent=self.emax.value(),
                ed50_mg=optional_value(self.ed50),
            )
        elif method is Method.CUSTOM:
            plan = plan.replace(custom_steps=self.custom.steps())
        return plan.replace(method=method)

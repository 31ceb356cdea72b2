"""The plan form: patient, medicine, today's regimen, method and pace, as a TaperPlan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.catalogue import REGIONS, drug_names, get_drug
from planner.dosing.measure import smallest_dose_mg
from planner.dosing.products import combinations
from planner.errors import PlanError
from planner.limits import MAX_TEXT_CHARS
from planner.model import (
    EQUIVALENCE_TITLES,
    TIMES_OF_DAY,
    Equivalence,
    Patient,
    PatientFactor,
    Regimen,
    TaperPlan,
)
from planner.validate import ABSURD_DOSE_FACTOR, INTERVAL_DAYS_RANGE, STABILISE_DAYS_RANGE
from ui.form.date_checks import BIRTH_FIELD, DateChecks, birth_date_error
from ui.form.date_field import DateField
from ui.form.factors_box import FactorsBox
from ui.form.form_rows import (
    POLICIES,
    FieldRows,
    combo_with,
    compact_combo,
    error_label,
    form_layout,
)
from ui.form.method_params import MethodParams, spin
from ui.form.notice_bar import NoticeBar, formulation_change
from ui.form.number_field import NumberField
from ui.form.products_box import ProductsBox
from ui.form.sections import reveal, sections_in
from ui.form.switch_box import SWITCH_TARGET, SwitchBox
from ui.wheel_guard import WheelGuard

DEBOUNCE_MS = 150
# Open at first: the method and the pace, so a 1024 × 600 window shows them unscrolled;
# the others show what they hold on their title line.
OPEN_SECTIONS = frozenset({"method", "pace"})


def _smallest(drug: str, region: str, formulation: str) -> float:
    """The formulation's smallest single dose in mg (0.25 while none is chosen)."""
    try:
        return smallest_dose_mg(drug, region, formulation) or 0.25
    except PlanError:
        return 0.25


def _days(low: int, high: int) -> NumberField:
    return NumberField(low, high, 1, 0, "days")


class PlanForm(QWidget):
    """Every input of a taper; edits reach ``plan_changed`` through one short debounce.

    Signals:
        plan_changed(TaperPlan): the inputs make a different plan (debounced).
        input_rejected(PlanError): an input cannot be read at all (e.g. a malformed band);
            the message is already shown at its field.
    """

    plan_changed = Signal(object)
    input_rejected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = TaperPlan()
        self._last_emitted: TaperPlan | None = None
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.general_error = error_label()
        self.rows = FieldRows(self.general_error)
        self.notice = NoticeBar()
        self._setting_plan = False  # True while set_plan fills the inputs: no notices then
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_error)
        # Built in this order, the order Tab follows; each box is a section that closes.
        boxes = {"patient": self._patient_group(), "medicine": self._medicine_group()}
        self.products = boxes["products"] = ProductsBox(self.rows)
        boxes["regimen"] = self._regimen_group()
        self.factors = boxes["factors"] = FactorsBox(self.rows)
        self.switch = boxes["switch"] = SwitchBox(self.rows)
        boxes["method"] = method_box = QGroupBox("Method")
        self.method = MethodParams(self.rows)
        QVBoxLayout(method_box).addWidget(self.method)
        boxes["pace"] = self._pace_group()
        self.sections = sections_in(layout, boxes, OPEN_SECTIONS, self.plan_changed)
        layout.addStretch(1)
        # One guard for every input: no value changes on a wheel event without focus.
        self.wheel_guard = WheelGuard(self)
        self.wheel_guard.guard(self)
        self._connect_edits()
        self.date_checks = DateChecks(
            self.start, self.date_of_birth, self.factors.checks[str(PatientFactor.AGE_65_PLUS)],
            self.notice,
        )  # fmt: skip
        self.on_drug_combo_changed(0)

    # ------------------------------------------------------------ building
    def _patient_group(self) -> QGroupBox:
        group = QGroupBox("Patient")
        form = form_layout(group)
        self.patient_name = QLineEdit()
        self.patient_name.setPlaceholderText("name or identifier")
        # Any typed date is kept: a future or 1890 birth date is an error, never clamped.
        self.date_of_birth = DateField().name(BIRTH_FIELD, "The date of birth")
        self.date_of_birth.set_blank("not given")
        self.prescriber = QLineEdit()
        for line in (self.patient_name, self.prescriber):
            line.setMaxLength(MAX_TEXT_CHARS)  # the same limit a plan file is read with
        self.rows.add(form, "&Patient:", self.patient_name, "patient", "Patient name or identifier")
        self.rows.add(form, "Date of &birth:", self.date_of_birth, BIRTH_FIELD, "Date of birth")
        self.rows.add(form, "P&rescriber:", self.prescriber, None, "Prescriber")
        return group

    def _medicine_group(self) -> QGroupBox:
        group = QGroupBox("Medicine")
        form = form_layout(group)
        self.region = combo_with([(region.upper(), region) for region in REGIONS])
        self.drug = combo_with([(get_drug(name).display_name, name) for name in drug_names()])
        self.formulation = compact_combo(QComboBox())
        self.equivalence = combo_with([(EQUIVALENCE_TITLES[e], str(e)) for e in Equivalence])
        self.rows.add(form, "Re&gion:", self.region, "region", "Region")
        self.rows.add(form, "&Drug:", self.drug, "drug", "Drug")
        self.rows.add(form, "&Formulation:", self.formulation, "formulation", "Formulation")
        self.rows.add(
            form, "E&quivalence:", self.equivalence, "equivalence", "Diazepam equivalence table"
        )
        return group

    def _regimen_group(self) -> QGroupBox:
        group = QGroupBox("Today's regimen (mg per dose)")
        form = form_layout(group)
        self.doses: dict[str, NumberField] = {}
        mnemonic = {"morning": "&Morning", "midday": "M&idday", "evening": "&Evening"}
        for time in TIMES_OF_DAY:
            box = spin(0.0, 200.0, 0.25, 3, " mg")
            box.set_blank(0.0, "none")
            box.name(f"regimen.{time}", f"The {time} dose")
            self.doses[time] = box
            text = mnemonic.get(time, "&Night") + " (mg):"
            self.rows.add(form, text, box, f"regimen.{time}", f"{time.title()} dose in mg")
        self.rows.add_error_line(form, "regimen", self.doses["morning"])
        return group

    def _pace_group(self) -> QGroupBox:
        group = QGroupBox("Pace and timing")
        form = form_layout(group)
        self.interval = _days(*INTERVAL_DAYS_RANGE).name("interval_days", "The interval")
        self.start = DateField().name("start", "The start date")
        self.stabilise = _days(*STABILISE_DAYS_RANGE).name("stabilise_days", "Stabilise first")
        self.stabilise.set_blank(0.0, "none")
        self.maintenance = spin(0.0, 200.0, 0.25, 3, " mg/day").name("maintenance_mg", "The target")
        self.maintenance.set_blank(0.0, "0 (stop)")
        self.policy = combo_with(list(POLICIES))
        add = self.rows.add
        add(form, "Inter&val:", self.interval, "interval_days", "Interval between steps in days")
        add(form, "S&tart date:", self.start, "start", "Start date of the first change")
        add(form, "&Stabilise first:", self.stabilise, "stabilise_days", "Stabilisation days")
        add(form, "T&arget:", self.maintenance, "maintenance_mg", "Maintenance target mg per day")
        add(form, "Time of da&y:", self.policy, "reduce_first", "Which dose to reduce first")
        return group

    def _connect_edits(self) -> None:
        self.debounce.timeout.connect(self.on_debounce_timeout)
        for line in (self.patient_name, self.prescriber):
            line.textEdited.connect(self.on_input_edited)
        for date_field in (self.date_of_birth, self.start):
            date_field.valueChanged.connect(self.on_input_edited)
        for box in (*self.doses.values(), self.maintenance):
            box.valueChanged.connect(self.on_input_edited)
        for days in (self.interval, self.stabilise):
            days.valueChanged.connect(self.on_input_edited)
        for combo in (self.equivalence, self.policy, self.formulation):
            combo.currentIndexChanged.connect(self.on_input_edited)
        self.region.currentIndexChanged.connect(self.on_region_combo_changed)
        self.drug.currentIndexChanged.connect(self.on_drug_combo_changed)
        self.formulation.currentIndexChanged.connect(self.on_formulation_combo_changed)
        self.method.edited.connect(self.on_input_edited)
        self.factors.edited.connect(self.on_input_edited)
        self.switch.edited.connect(self.on_switch_edited)
        self.products.edited.connect(self.on_input_edited)

    # ------------------------------------------------------------ slots
    @Slot()
    def on_input_edited(self) -> None:
        self.debounce.start()

    @Slot(int)
    def on_region_combo_changed(self, _index: int) -> None:
        self._offer_formulations(by_region=True)

    @Slot(int)
    def on_drug_combo_changed(self, _index: int) -> None:
        self._offer_formulations(by_region=False)

    def _offer_formulations(self, by_region: bool) -> None:
        """Offer only the formulations the drug has in the region, keeping the choice if any.

        A choice that no longer exists is replaced by the first one offered, and a notice
        says so (the clinician must see that the product changed; Undo takes it back).
        """
        drug = get_drug(str(self.drug.currentData()))
        region = str(self.region.currentData())
        lost_switch_form = self.switch.set_medicine(drug.name, region)
        wanted = self.formulation.currentData()
        wanted_label = self.formulation.currentText()
        blocked = self.formulation.blockSignals(True)
        self.formulation.clear()
        for formulation in drug.formulations.get(region, ()):
            self.formulation.addItem(formulation.label, formulation.name)
        for label, name in combinations(drug.name, str(self.region.currentData())):
            self.formulation.addItem(label, name)
        index = self.formulation.findData(wanted)
        self.formulation.setCurrentIndex(max(index, 0))
        self.formulation.blockSignals(blocked)
        changes = []
        if wanted and index < 0:
            now = self.formulation.currentText()
            changes.append(
                formulation_change(by_region, region, drug.display_name, wanted_label, now)
            )
        if lost_switch_form and self.switch.switching():
            changes.append(
                f"{region.upper()} has no diazepam {lost_switch_form} for the switch: "
                f"switched to {self.switch.formulation.currentText() or 'none'}."
            )
        if changes and not self._setting_plan:
            self.notice.show_notice(" ".join(changes) + " Undo (Ctrl+Z) goes back.")
        self.on_formulation_combo_changed(self.formulation.currentIndex())

    @Slot(int)
    def on_formulation_combo_changed(self, _index: int) -> None:
        self.products.set_medicine(
            str(self.drug.currentData()),
            str(self.region.currentData()),
            str(self.formulation.currentData() or ""),
        )
        # One device per plan: diazepam's box sets it only when today's drug has no liquid.
        self.switch.products.share_device(self.products.device.count() > 0)
        if hasattr(self, "wheel_guard"):  # the products' rows are new inputs: guard them too
            self.wheel_guard.guard(self.products)
            self.wheel_guard.guard(self.switch.products)
        self.update_dose_steps()
        self.on_input_edited()

    @Slot()
    def on_switch_edited(self) -> None:
        # After a switch the taper's amounts are diazepam mg, measured in diazepam's units.
        self.wheel_guard.guard(self.switch.products)  # its rows follow diazepam's formulation
        self.update_dose_steps()
        self.on_input_edited()

    def update_dose_steps(self) -> None:
        """Step dose inputs by the smallest single dose the chosen formulation gives."""
        region = str(self.region.currentData())
        drug = str(self.drug.currentData())
        today_step = _smallest(drug, region, str(self.formulation.currentData() or ""))
        today_max = float(get_drug(drug).max_daily_mg.value) * ABSURD_DOSE_FACTOR
        for box in self.doses.values():
            box.setSingleStep(today_step)
            box.setMaximum(today_max)
        taper_step, taper_max = today_step, today_max
        if self.switch.switching():
            formulation = self.switch.formulation_name(self._base)
            taper_step = _smallest(SWITCH_TARGET, region, formulation)
            taper_max = float(get_drug(SWITCH_TARGET).max_daily_mg.value) * ABSURD_DOSE_FACTOR
        self.maintenance.setSingleStep(taper_step)
        held = self.maintenance.value() if self.maintenance.is_valid() else 0.0
        self.maintenance.setMaximum(max(taper_max, held))
        self.method.set_dose_limits(taper_step, taper_max)

    @Slot()
    def on_debounce_timeout(self) -> None:
        # The window is held while the plan is built: a collection then could free a
        # window nobody refers to (a closed one) and delete this form under the emit.
        window = self.window()
        self.flush()
        del window

    # ------------------------------------------------------------ the plan
    def build_plan(self) -> TaperPlan:
        """The plan the inputs describe; fields the form does not show keep their values.

        Raises:
            PlanError: when an input cannot be read or is out of its range (the text
                stays as typed; the error names the field).
        """
        birth_date = self.date_of_birth.date()
        error = birth_date_error(birth_date, self.date_checks.today())
        if error is not None:
            raise error
        plan = self._base.replace(
            patient=Patient(
                name=self.patient_name.text().strip(),
                date_of_birth=birth_date,
                prescriber=self.prescriber.text().strip(),
            ),
            region=str(self.region.currentData()),
            drug=str(self.drug.currentData()),
            formulation=str(self.formulation.currentData() or ""),
            equivalence=Equivalence(self.equivalence.currentData()),
            regimen=Regimen.from_times({t: box.value() for t, box in self.doses.items()}),
            interval_days=int(self.interval.value()),
            start=self._start_date(),
            stabilise_days=int(self.stabilise.value()),
            maintenance_mg=self.maintenance.value(),
            reduce_first=self.policy.currentData() or None,
        )
        return self.products.apply(self.method.apply(self.switch.apply(self.factors.apply(plan))))

    def _start_date(self) -> dt.date:
        start = self.start.date()
        assert start is not None  # the start field may not be empty: date() raises then
        return start

    def flush(self) -> None:
        """Build the plan now and emit it if it changed (or report why it cannot be read)."""
        self.debounce.stop()
        self.date_checks.check()  # a date newly typed may ask a question or tick a factor
        try:
            plan = self.build_plan()
        except PlanError as error:
            self._last_emitted = None
            self.show_error(error)
            self.input_rejected.emit(error)
            return
        if plan != self._last_emitted:
            self._last_emitted = plan
            self.plan_changed.emit(plan)

    @Slot(object)
    def replan(self, _reason: object = None) -> None:
        """Emit the plan again after the debounce, even if unchanged (its context changed)."""
        self._last_emitted = None
        self.debounce.start()

    def set_plan(self, plan: TaperPlan) -> None:
        """Show ``plan`` in every input, then emit it at once (no debounce)."""
        self._setting_plan = self.date_checks.quiet = True
        try:
            self._show_plan(plan)
            self.date_checks.check()  # the dates shown with the plan are never asked about
        finally:
            self._setting_plan = self.date_checks.quiet = False
        self.notice.hide_notice()  # a notice describes an edit; this plan replaces it
        self.flush()

    def _show_plan(self, plan: TaperPlan) -> None:
        self._base = plan
        self.region.setCurrentIndex(max(self.region.findData(plan.region), 0))
        self.drug.setCurrentIndex(max(self.drug.findData(plan.drug), 0))
        self.formulation.setCurrentIndex(max(self.formulation.findData(plan.formulation), 0))
        self.products.set_plan(plan)
        self.factors.set_plan(plan)
        self.switch.set_plan(plan)
        self.wheel_guard.guard(self.switch.products)  # diazepam's rows for the plan's form
        self.update_dose_steps()
        self.equivalence.setCurrentIndex(self.equivalence.findData(str(plan.equivalence)))
        for time, mg in plan.regimen.by_time().items():
            self.doses[time].setValue(mg)
        self.patient_name.setText(plan.patient.name)
        self.date_of_birth.set_date(plan.patient.date_of_birth)
        self.prescriber.setText(plan.patient.prescriber)
        self.interval.setValue(plan.interval_days)
        self.start.set_date(plan.start)
        self.stabilise.setValue(plan.stabilise_days)
        self.maintenance.setValue(plan.maintenance_mg)
        self.policy.setCurrentIndex(max(self.policy.findData(plan.reduce_first or ""), 0))
        blocked = self.method.blockSignals(True)
        self.method.set_plan(plan)
        self.method.blockSignals(blocked)

    # ------------------------------------------------------------ errors
    def show_error(self, error: PlanError) -> QLabel:
        """Show a planner error beside the field it names.

        Returns:
            The label showing it (the caller may scroll it into view).
        """
        label = self.rows.show(error.field, str(error))
        reveal(label)  # a closed section opens to show it
        return label

    def clear_errors(self) -> None:
        """Hide every error message."""
        self.rows.clear()

    def error_message(self) -> str:
        """The error now shown, or ""."""
        return self.rows.message()

"""The plan form: patient, medicine, today's regimen, method and pace, as a TaperPlan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.catalogue import REGIONS, drug_names, get_drug
from planner.dosing.measure import smallest_dose_mg
from planner.errors import PlanError
from planner.limits import MAX_TEXT_CHARS
from planner.model import (
    EQUIVALENCE_TITLES,
    TIMES_OF_DAY,
    Equivalence,
    Patient,
    Regimen,
    TaperPlan,
)
from planner.validate import ABSURD_DOSE_FACTOR, INTERVAL_DAYS_RANGE, STABILISE_DAYS_RANGE
from ui.form.factors_box import FactorsBox
from ui.form.form_rows import FieldRows, compact_combo, error_label, form_layout
from ui.form.method_params import MethodParams, spin
from ui.form.switch_box import SWITCH_TARGET, SwitchBox

DEBOUNCE_MS = 150
EARLIEST_BIRTH = QDate(1900, 1, 1)
# The combo's data is "" for the default policy (a None item data cannot be found again).
POLICIES: tuple[tuple[str, str], ...] = (
    ("Equal doses, any remainder at night", ""),
    *((f"Cut the {time} dose first", time) for time in TIMES_OF_DAY),
)


def to_qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def _smallest(drug: str, region: str, formulation: str) -> float:
    """The formulation's smallest single dose in mg (0.25 while none is chosen)."""
    try:
        return smallest_dose_mg(drug, region, formulation) or 0.25
    except PlanError:
        return 0.25


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    box = compact_combo(QComboBox())
    for text, data in items:
        box.addItem(text, data)
    return box


def _days(low: int, high: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(" days")
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(self._patient_group())
        layout.addWidget(self._medicine_group())
        layout.addWidget(self._regimen_group())
        self.factors = FactorsBox(self.rows)
        layout.addWidget(self.factors)
        self.switch = SwitchBox(self.rows)
        layout.addWidget(self.switch)
        method_box = QGroupBox("Method")
        self.method = MethodParams(self.rows)
        QVBoxLayout(method_box).addWidget(self.method)
        layout.addWidget(method_box)
        layout.addWidget(self._pace_group())
        layout.addStretch(1)
        self._connect_edits()
        self.on_drug_combo_changed(0)

    # ------------------------------------------------------------ building
    def _patient_group(self) -> QGroupBox:
        group = QGroupBox("Patient")
        form = form_layout(group)
        self.patient_name = QLineEdit()
        self.patient_name.setPlaceholderText("name or identifier")
        self.date_of_birth = QDateEdit()
        self.date_of_birth.setDisplayFormat("d MMM yyyy")
        self.date_of_birth.setCalendarPopup(True)
        self.date_of_birth.setMinimumDate(EARLIEST_BIRTH)
        self.date_of_birth.setMaximumDate(QDate.currentDate())
        self.date_of_birth.setSpecialValueText("not given")
        self.date_of_birth.setDate(EARLIEST_BIRTH)
        self.prescriber = QLineEdit()
        for line in (self.patient_name, self.prescriber):
            line.setMaxLength(MAX_TEXT_CHARS)  # the same limit a plan file is read with
        self.rows.add(form, "&Patient:", self.patient_name, "patient", "Patient name or identifier")
        self.rows.add(form, "Date of &birth:", self.date_of_birth, None, "Date of birth, optional")
        self.rows.add(form, "P&rescriber:", self.prescriber, None, "Prescriber")
        return group

    def _medicine_group(self) -> QGroupBox:
        group = QGroupBox("Medicine")
        form = form_layout(group)
        self.region = _combo([(region.upper(), region) for region in REGIONS])
        self.drug = _combo([(get_drug(name).display_name, name) for name in drug_names()])
        self.formulation = compact_combo(QComboBox())
        self.equivalence = _combo([(EQUIVALENCE_TITLES[e], str(e)) for e in Equivalence])
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
        self.doses: dict[str, QDoubleSpinBox] = {}
        mnemonic = {"morning": "&Morning", "midday": "M&idday", "evening": "&Evening"}
        for time in TIMES_OF_DAY:
            box = spin(0.0, 200.0, 0.25, 3, " mg")
            self.doses[time] = box
            text = mnemonic.get(time, "&Night") + " (mg):"
            self.rows.add(form, text, box, f"regimen.{time}", f"{time.title()} dose in mg")
        self.rows.add_error_line(form, "regimen", self.doses["morning"])
        return group

    def _pace_group(self) -> QGroupBox:
        group = QGroupBox("Pace and timing")
        form = form_layout(group)
        self.interval = _days(*INTERVAL_DAYS_RANGE)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.stabilise = _days(*STABILISE_DAYS_RANGE)
        self.stabilise.setSpecialValueText("none")
        self.maintenance = spin(0.0, 200.0, 0.25, 3, " mg/day")
        self.maintenance.setSpecialValueText("0 (stop)")
        self.policy = _combo(list(POLICIES))
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
        for date_edit in (self.date_of_birth, self.start):
            date_edit.dateChanged.connect(self.on_input_edited)
        for box in (*self.doses.values(), self.maintenance):
            box.valueChanged.connect(self.on_input_edited)
        for days in (self.interval, self.stabilise):
            days.valueChanged.connect(self.on_input_edited)
        for combo in (self.equivalence, self.policy, self.formulation):
            combo.currentIndexChanged.connect(self.on_input_edited)
        self.region.currentIndexChanged.connect(self.on_drug_combo_changed)
        self.drug.currentIndexChanged.connect(self.on_drug_combo_changed)
        self.formulation.currentIndexChanged.connect(self.on_formulation_combo_changed)
        self.method.edited.connect(self.on_input_edited)
        self.factors.edited.connect(self.on_input_edited)
        self.switch.edited.connect(self.on_switch_edited)

    # ------------------------------------------------------------ slots
    @Slot()
    def on_input_edited(self) -> None:
        self.debounce.start()

    @Slot(int)
    def on_drug_combo_changed(self, _index: int) -> None:
        """Offer only the formulations the drug has in the region, keeping the choice if any."""
        drug = get_drug(str(self.drug.currentData()))
        self.switch.set_medicine(drug.name, str(self.region.currentData()))
        wanted = self.formulation.currentData()
        blocked = self.formulation.blockSignals(True)
        self.formulation.clear()
        for formulation in drug.formulations.get(str(self.region.currentData()), ()):
            self.formulation.addItem(formulation.label, formulation.name)
        index = self.formulation.findData(wanted)
        self.formulation.setCurrentIndex(max(index, 0))
        self.formulation.blockSignals(blocked)
        self.on_formulation_combo_changed(self.formulation.currentIndex())

    @Slot(int)
    def on_formulation_combo_changed(self, _index: int) -> None:
        self.update_dose_steps()
        self.on_input_edited()

    @Slot()
    def on_switch_edited(self) -> None:
        # After a switch the taper's amounts are diazepam mg, measured in diazepam's units.
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
        self.maintenance.setMaximum(max(taper_max, self.maintenance.value()))
        self.method.set_dose_limits(taper_step, taper_max)

    @Slot()
    def on_debounce_timeout(self) -> None:
        self.flush()

    # ------------------------------------------------------------ the plan
    def build_plan(self) -> TaperPlan:
        """The plan the inputs describe; fields the form does not show keep their values.

        Raises:
            PlanError: when an input cannot be read (bands, custom steps).
        """
        birth = self.date_of_birth.date()
        plan = self._base.replace(
            patient=Patient(
                name=self.patient_name.text().strip(),
                date_of_birth=None if birth == EARLIEST_BIRTH else to_date(birth),
                prescriber=self.prescriber.text().strip(),
            ),
            region=str(self.region.currentData()),
            drug=str(self.drug.currentData()),
            formulation=str(self.formulation.currentData() or ""),
            equivalence=Equivalence(self.equivalence.currentData()),
            regimen=Regimen.from_times({t: box.value() for t, box in self.doses.items()}),
            interval_days=self.interval.value(),
            start=to_date(self.start.date()),
            stabilise_days=self.stabilise.value(),
            maintenance_mg=self.maintenance.value(),
            reduce_first=self.policy.currentData() or None,
        )
        return self.method.apply(self.switch.apply(self.factors.apply(plan)))

    def flush(self) -> None:
        """Build the plan now and emit it if it changed (or report why it cannot be read)."""
        self.debounce.stop()
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

    def set_plan(self, plan: TaperPlan) -> None:
        """Show ``plan`` in every input, then emit it at once (no debounce)."""
        self._base = plan
        self.region.setCurrentIndex(max(self.region.findData(plan.region), 0))
        self.drug.setCurrentIndex(max(self.drug.findData(plan.drug), 0))
        self.formulation.setCurrentIndex(max(self.formulation.findData(plan.formulation), 0))
        self.factors.set_plan(plan)
        self.switch.set_plan(plan)
        self.update_dose_steps()
        self.equivalence.setCurrentIndex(self.equivalence.findData(str(plan.equivalence)))
        for time, mg in plan.regimen.by_time().items():
            self.doses[time].setValue(mg)
        self.patient_name.setText(plan.patient.name)
        birth = plan.patient.date_of_birth
        self.date_of_birth.setDate(EARLIEST_BIRTH if birth is None else to_qdate(birth))
        self.prescriber.setText(plan.patient.prescriber)
        self.interval.setValue(plan.interval_days)
        self.start.setDate(to_qdate(plan.start))
        self.stabilise.setValue(plan.stabilise_days)
        self.maintenance.setValue(plan.maintenance_mg)
        self.policy.setCurrentIndex(max(self.policy.findData(plan.reduce_first or ""), 0))
        blocked = self.method.blockSignals(True)
        self.method.set_plan(plan)
        self.method.blockSignals(blocked)
        self.flush()

    # ------------------------------------------------------------ errors
    def show_error(self, error: PlanError) -> QLabel:
        """Show a planner error beside the field it names.

        Returns:
            The label showing it (the caller may scroll it into view).
        """
        return self.rows.show(error.field, str(error))

    def clear_errors(self) -> None:
        """Hide every error message."""
        self.rows.clear()

    def error_message(self) -> str:
        """The error now shown, or ""."""
        return self.rows.message()

"""Patient factors (a checklist) and the withdrawal risk, which shape cautions and checks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QWidget

from planner.model import FACTOR_LABELS, PatientFactor, TaperPlan
from ui.form.form_rows import FieldRows, compact_combo, form_layout

# The combo's data is "" for "from the factors" (a None item data cannot be found again).
RISKS: tuple[tuple[str, str], ...] = (
    ("From the factors", ""),
    ("Low", "low"),
    ("Moderate", "moderate"),
    ("High", "high"),
)
RISK_TIP = (
    "Withdrawal risk sets how large the first cut may be (about 20% low, 10% moderate, "
    "5% high). From the factors: high with a seizure disorder, use over a year or a high "
    "dose, otherwise moderate."
)


class FactorsBox(QGroupBox):
    """A tick box per patient factor and the withdrawal-risk choice.

    Signals:
        edited: a factor was ticked or cleared, or the risk changed.
    """

    edited = Signal()

    def __init__(self, rows: FieldRows, parent: QWidget | None = None) -> None:
        super().__init__("Patient factors", parent)
        form = form_layout(self)
        form.setVerticalSpacing(3)
        self.checks: dict[str, QCheckBox] = {}
        for factor in PatientFactor:
            check = QCheckBox(FACTOR_LABELS[factor])
            check.setAccessibleName(f"Patient factor: {FACTOR_LABELS[factor]}")
            check.toggled.connect(self.edited)
            self.checks[str(factor)] = check
            form.addRow(check)
        rows.add_error_line(form, "factors", None)
        self.risk = compact_combo(QComboBox())
        for text, data in RISKS:
            self.risk.addItem(text, data)
        self.risk.setToolTip(RISK_TIP)
        caption: QLabel = rows.add(
            form, "Withdrawal ris&k:", self.risk, "withdrawal_risk", "Withdrawal risk"
        )
        caption.setToolTip(RISK_TIP)
        self.risk.currentIndexChanged.connect(self.edited)

    def factors(self) -> tuple[str, ...]:
        """The ticked factors, in the planner's order."""
        return tuple(factor for factor, check in self.checks.items() if check.isChecked())

    def set_plan(self, plan: TaperPlan) -> None:
        """Show a plan's factors and risk without emitting ``edited``."""
        for factor, check in self.checks.items():
            blocked = check.blockSignals(True)
            check.setChecked(factor in plan.factors)
            check.blockSignals(blocked)
        blocked = self.risk.blockSignals(True)
        self.risk.setCurrentIndex(max(self.risk.findData(plan.withdrawal_risk or ""), 0))
        self.risk.blockSignals(blocked)

    def apply(self, plan: TaperPlan) -> TaperPlan:
        """``plan`` with the factors and risk shown; the plan's order is kept, new ones follow."""
        ticked = self.factors()
        kept = tuple(f for f in plan.factors if f in ticked or f not in self.checks)
        return plan.replace(
            factors=kept + tuple(f for f in ticked if f not in kept),
            withdrawal_risk=self.risk.currentData() or None,
        )

"""The check-in dialog: date, withdrawal symptoms 0–3, red flags, the decision and a note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner import guidance
from planner.errors import PlanError
from planner.followup.checkins import symptom_name
from planner.model import ACTION_LABELS, CheckIn, FollowUpAction, TaperPlan
from planner.validate import INTERVAL_DAYS_RANGE, MAX_NOTE_CHARS
from ui.form.date_field import DateField, date_text
from ui.form.form_rows import error_label
from ui.form.number_field import NumberField
from ui.wheel_guard import WheelGuard

GROUP_TITLES = {
    "autonomic": "Autonomic",
    "mood": "Mood",
    "gastrointestinal": "Gastrointestinal",
    "neurological": "Neurological",
    "sleep": "Sleep",
    "severe": "Severe",
}
SEVERITY_TIP = "0 none (–), 1 mild, 2 moderate, 3 severe"
COLUMNS = 3
# Symptom names longer than this show their clinical term in the grid (full text on hover).
SHORT_NAME_CHARS = 24
# Guidelines hold first for about two weeks (JCPG 2025 Rec. 11).
DEFAULT_HOLD_DAYS = 14
RED_FLAG_STYLE = (
    "background: #b00020; color: white; font-weight: bold; padding: 6px; border-radius: 3px;"
)
RED_FLAG_MESSAGE = (
    "Red flag: this needs urgent medical review, not a schedule change. The taper will be "
    "paused at the current dose until a later check-in, after the review, resumes it."
)


PAUSED_MESSAGE = (
    'The taper is paused after red flags. After the review, record the decision "Resume the '
    'taper after the review": it goes on from the dose it was paused at. Red flags again keep '
    "it paused."
)


def earliest_checkin(plan: TaperPlan) -> dt.date:
    """The first date a new check-in may have (start, after the last check-in, last change)."""
    earliest = plan.start
    if plan.checkins:
        earliest = max(earliest, plan.checkins[-1].date + dt.timedelta(days=1))
    if plan.changes:
        earliest = max(earliest, plan.changes[-1].date)
    return earliest


def short_name(text: str) -> str:
    """A grid label for a symptom: its plain words, or its clinical term when those are long.

    'Heightened sensitivity of the senses (sensory hypersensitivity)' → 'Sensory
    hypersensitivity'; 'Insomnia (difficulty sleeping)' → 'Insomnia'.
    """
    plain, _, rest = text.partition(" (")
    term = rest.rstrip(")")
    if len(plain) <= SHORT_NAME_CHARS or not term:
        return plain
    return term[:1].upper() + term[1:]


def _severity_box(name: str, symptom: str) -> NumberField:
    # Typed, never refused key by key: "5" stays and says 0 to 3; empty means none (–).
    box = NumberField(0, 3, 1, 0, "").name(f"severity.{symptom}", f"{name} severity")
    box.set_blank(0.0, "–")
    box.setMaximumWidth(box.fontMetrics().horizontalAdvance("0") * 6)
    box.setToolTip(SEVERITY_TIP)
    box.setAccessibleName(f"{name} severity, 0 to 3")
    return box


class CheckInDialog(QDialog):
    """Record what the patient reports at a follow-up visit and what the clinician decides."""

    def __init__(
        self,
        plan: TaperPlan,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        paused: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record check-in")
        today = today or dt.date.today()
        # A visit that happened: never after today (a date is corrected, not invented).
        self.date_range = (min(earliest_checkin(plan), today), today)
        self.date = DateField().name("date", "The check-in date")
        self.date.set_date(today)
        self.date.setAccessibleName("Check-in date")
        self.severities: dict[str, NumberField] = {}
        self.red_flags: dict[str, QCheckBox] = {}
        self.action = QComboBox()
        for action, label in ACTION_LABELS.items():
            # While paused only a resume (after the review) goes on; otherwise no resume.
            if paused == (action is FollowUpAction.RESUME):
                self.action.addItem(label, str(action))
        self.action.setAccessibleName("Decision")
        # Typed, never clamped: "999" stays and says what is allowed.
        self.hold_days = NumberField(*INTERVAL_DAYS_RANGE, 1, 0, "days")
        self.hold_days.name("hold_days", "The hold")
        self.hold_days.setValue(DEFAULT_HOLD_DAYS)
        self.hold_days.setMaximumWidth(120)
        self.hold_days.setAccessibleName("Hold for days")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("optional, e.g. what was agreed with the patient")
        self.note.setAccessibleName("Note")
        self.note.setFixedHeight(54)
        self.paused_note = QLabel(PAUSED_MESSAGE)
        self.paused_note.setWordWrap(True)
        self.paused_note.setVisible(paused)
        self.urgent = QLabel(RED_FLAG_MESSAGE)
        self.urgent.setWordWrap(True)
        self.urgent.setStyleSheet(RED_FLAG_STYLE)
        self.urgent.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Record")
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        top.addRow(self._caption("&Date:", self.date), self.date)
        layout.addLayout(top)
        layout.addWidget(self._symptoms_group())
        layout.addWidget(self._red_flags_group())
        layout.addWidget(self.urgent)
        layout.addWidget(self.paused_note)
        layout.addWidget(self._decision_group())
        layout.addWidget(self.buttons)
        self.error = error_label()
        self.error.setAccessibleName("What to correct")
        layout.insertWidget(layout.indexOf(self.buttons), self.error)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # No severity, decision or date changes on a wheel event without focus.
        WheelGuard(self).guard(self)
        self.action.currentIndexChanged.connect(self.on_action_changed)
        self.on_action_changed(self.action.currentIndex())

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _symptoms_group(self) -> QGroupBox:
        box = QGroupBox("Withdrawal symptoms — severity 0 (none, shown –) to 3 (severe)")
        by_group: dict[str, list[guidance.GuidanceItem]] = {}
        for item in guidance.withdrawal_symptoms():
            if not item.red_flag:
                by_group.setdefault(item.group, []).append(item)
        columns = [QVBoxLayout() for _ in range(COLUMNS)]
        heights = [0] * COLUMNS
        # Largest groups first, each into the shortest column, keeps the grid compact.
        for group in sorted(by_group, key=lambda g: -len(by_group[g])):
            column = heights.index(min(heights))
            columns[column].addWidget(self._group_box(group, by_group[group]))
            heights[column] += len(by_group[group]) + 1
        row = QHBoxLayout(box)
        for layout in columns:
            layout.addStretch(1)
            row.addLayout(layout, 1)
        return box

    def _group_box(self, group: str, items: list[guidance.GuidanceItem]) -> QGroupBox:
        box = QGroupBox(GROUP_TITLES.get(group, group.title()))
        form = QFormLayout(box)
        form.setContentsMargins(6, 4, 6, 4)
        form.setVerticalSpacing(2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for item in items:
            name = short_name(item.text)
            spin = _severity_box(name, item.id)
            self.severities[item.id] = spin
            label = self._caption(name, spin)
            label.setToolTip(item.text)
            form.addRow(label, spin)
        return box

    def _red_flags_group(self) -> QGroupBox:
        box = QGroupBox("Red flags — urgent medical review")
        box.setStyleSheet("QGroupBox { color: #b00020; font-weight: bold; }")
        row = QHBoxLayout(box)
        for item in guidance.red_flags():
            check = QCheckBox(symptom_name(item.id))
            check.setToolTip(item.text)
            check.setStyleSheet("color: palette(text); font-weight: normal;")
            check.setAccessibleName(f"Red flag: {symptom_name(item.id)}")
            check.toggled.connect(self.on_red_flag_toggled)
            self.red_flags[item.id] = check
            row.addWidget(check)
        row.addStretch(1)
        return box

    def _decision_group(self) -> QGroupBox:
        box = QGroupBox("Decision")
        form = QFormLayout(box)
        form.addRow(self._caption("&Plan change:", self.action), self.action)
        form.addRow(self._caption("&Hold for:", self.hold_days), self.hold_days)
        form.addRow(self._caption("&Note:", self.note), self.note)
        self._decision_form = form
        return box

    @Slot(int)
    def on_action_changed(self, _index: int) -> None:
        holding = self.chosen_action() is FollowUpAction.HOLD
        self._decision_form.setRowVisible(self.hold_days, holding)

    @Slot(bool)
    def on_red_flag_toggled(self, _checked: bool) -> None:
        flagged = bool(self.ticked_red_flags())
        self.urgent.setVisible(flagged)
        # A red flag pauses the taper whatever is chosen; the choice would mislead.
        self.action.setEnabled(not flagged)
        self.hold_days.setEnabled(not flagged)

    def chosen_action(self) -> FollowUpAction:
        """The decision chosen."""
        return FollowUpAction(self.action.currentData())

    def ticked_red_flags(self) -> tuple[str, ...]:
        """The red-flag ids ticked, in the guidance's order."""
        return tuple(flag for flag, check in self.red_flags.items() if check.isChecked())

    def accept(self) -> None:
        """Record only a check-in that can be read; otherwise say what to correct, stay open."""
        try:
            self.checkin()
        except PlanError as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            wrong = self._field_named(error.field)
            wrong.setFocus()
            wrong.selectAll()
            return
        super().accept()

    def _field_named(self, field: str) -> NumberField | DateField:
        """The input a check-in error names (the date unless it names another)."""
        if field == "hold_days":
            return self.hold_days
        symptom = field.removeprefix("severity.")
        return self.severities.get(symptom, self.date)

    def checked_date(self) -> dt.date:
        """The check-in date typed.

        Raises:
            PlanError: when it is not a date, or is after today or before the first date a
                check-in may have (what is allowed is said).
        """
        day = self.date.date()
        assert day is not None  # the field may not be empty: date() raised then
        earliest, today = self.date_range
        if not earliest <= day <= today:
            when = (
                "after today: a check-in records a visit that happened"
                if day > today
                else "too early: a check-in comes after the start and the last check-in"
            )
            raise PlanError(
                f"The check-in date {date_text(day)} is {when}; type a date from "
                f"{date_text(earliest)} to {date_text(today)}",
                field="date",
            )
        return day

    def checkin(self) -> CheckIn:
        """The check-in the dialog describes (symptoms at 0 are left out).

        Raises:
            PlanError: when the date or (for a hold) the days cannot be read.
        """
        holding = self.hold_days.isEnabled() and self.chosen_action() is FollowUpAction.HOLD
        hold_days = DEFAULT_HOLD_DAYS
        if holding or self.hold_days.is_valid():  # a hidden field's text does not matter
            hold_days = int(self.hold_days.value())
        return CheckIn(
            date=self.checked_date(),
            symptoms=tuple(
                (symptom, int(box.value()))
                for symptom, box in self.severities.items()
                if box.value()
            ),
            red_flags=self.ticked_red_flags(),
            action=self.chosen_action(),
            hold_days=hold_days,
            note=self.note.toPlainText().strip()[:MAX_NOTE_CHARS],
        )

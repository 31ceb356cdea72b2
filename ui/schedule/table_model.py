"""A read-only table model over a Schedule's steps: doses, totals, changes and findings."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from planner.model import TIMES_OF_DAY, Finding, Schedule, Severity, Step, StepKind, format_mg
from planner.report.pace import pace_basis, percent_of_start, percent_text
from planner.report.summary import step_changes
from ui.severity_marks import mark_icon

COLUMNS: tuple[str, ...] = (
    "Step",
    "From",
    "To",
    "Days",
    *(f"{time.title()}" for time in TIMES_OF_DAY),
    "mg/day",
    "Change",
    "% of\nstart",  # two short lines keep the column narrow
)
FIRST_TIME_COLUMN = 4
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAILY_COLUMN = FIRST_TIME_COLUMN + len(TIMES_OF_DAY)
CHANGE_COLUMN = DAILY_COLUMN + 1
PERCENT_COLUMN = CHANGE_COLUMN + 1
# Hold and stabilise rows are tinted like their shaded spans on the chart.
HOLD_KINDS = (StepKind.STABILISE, StepKind.HOLD, StepKind.MAINTAIN)
HOLD_TINT = QColor("#e3eef9")
# The size of a table's small icons (the styles' PM_SmallIconSize).
ICON_PX = 16
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SERVED_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
)
Index = QModelIndex | QPersistentModelIndex


def severity_icon(severity: Severity) -> QIcon:
    """The mark of ``severity``, as the guidance panel shows it (see ui.severity_marks)."""
    return mark_icon(severity, ICON_PX)


def day_text(day: dt.date) -> str:
    """'4 Jan 2027': no day-month order to misread; when narrow it wraps before the year only."""
    # Not strftime: a table reset formats every step's two dates, and this is 5 × faster.
    return f"{day.day}\N{NO-BREAK SPACE}{MONTHS[day.month - 1]} {day.year}"


def dose_text(step: Step, time: str, named: bool | None = None, separator: str = ": ") -> str:
    """'0.75 mg: 1 × 0.5 mg tablet + ½ × 0.5 mg tablet'.

    Each dose starts with its drug when ``named`` (by default: when the step has two drugs);
    ``separator`` goes between the amount and the units.
    """
    if named is None:
        named = len(step.daily_mg) > 1
    lines = [
        (f"{dose.drug} " if named else "") + f"{format_mg(dose.mg)} mg{separator}{dose.units}"
        for dose in step.doses_at(time)
    ]
    return "\n".join(lines) or "—"


def daily_text(step: Step, named: bool | None = None) -> str:
    """'1.25 mg', or one line per drug ('diazepam 20 mg') during a switch or when ``named``."""
    totals = step.daily_mg
    if not totals:
        return "0 mg"
    if named is None:
        named = len(totals) > 1
    if not named:
        return f"{format_mg(next(iter(totals.values())))} mg"
    return "\n".join(f"{drug} {format_mg(mg)} mg" for drug, mg in totals.items())


def change_text(change_mg: float, change_percent: float | None) -> str:
    """'−0.25 mg' over '(−17%)', or 'no change'."""
    if change_mg == 0:
        return "no change"
    text = f"{format_mg(change_mg)} mg".replace("-", "−")
    if change_percent is not None:
        text += f"\n({change_percent:+.0f}%)".replace("-", "−")
    return text


class ScheduleModel(QAbstractTableModel):
    """One row per step of the schedule; reset whenever a new schedule arrives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._schedule: Schedule | None = None
        self._changes: list[tuple[float, float | None]] = []
        self._percents: list[float] = []
        self._findings: dict[int, list[Finding]] = {}
        self._named = False
        self._pace_basis = ""

    def set_schedule(self, schedule: Schedule | None) -> None:
        """Show a new schedule (or none)."""
        self.beginResetModel()
        self._schedule = schedule
        self._changes = step_changes(schedule) if schedule is not None else []
        self._percents = percent_of_start(schedule) if schedule is not None else []
        self._pace_basis = pace_basis(schedule) if schedule is not None else ""
        self._findings = {}
        # With two drugs (a switch) every dose names its drug, even after the switch.
        self._named = schedule is not None and schedule.names_drugs
        for finding in schedule.findings if schedule is not None else ():
            # A finding of one cause marks every step it names, not only the first.
            for index in finding.steps or ((finding.step,) if finding.step is not None else ()):
                self._findings.setdefault(index, []).append(finding)
        self.endResetModel()

    def schedule(self) -> Schedule | None:
        """The schedule shown."""
        return self._schedule

    def step(self, row: int) -> Step:
        """The step shown on ``row``."""
        assert self._schedule is not None
        return self._schedule.steps[row]

    def findings(self, row: int) -> list[Finding]:
        """The findings on ``row``'s step, most severe first."""
        found = self._findings.get(self.step(row).index, [])
        return sorted(found, key=lambda f: SEVERITY_ORDER.index(f.severity))

    def text(self, row: int, column: int) -> str:
        """The text shown in a cell."""
        return self._display(self.step(row), row, column)

    def column_texts(self, column: int) -> list[str]:
        """The text of every cell of a column, top to bottom."""
        if self._schedule is None:
            return []
        return [self._display(step, row, column) for row, step in enumerate(self._schedule.steps)]

    def column_key(self, column: int) -> tuple[object, ...] | None:
        """What a step and dates column's texts follow from, cheaper than making them.

        None for the dose, total, change and percent columns: their texts are the key.
        """
        if self._schedule is None or column > 3:
            return None
        steps = self._schedule.steps
        if column == 0:
            return tuple((step.index, step.kind) for step in steps)
        if column == 1:
            return tuple(step.start for step in steps)
        return tuple((step.start, step.days) for step in steps)  # the end, or the days

    def icon_rows(self) -> frozenset[int]:
        """The rows whose first cell shows a severity icon."""
        if self._schedule is None:
            return frozenset()
        steps = self._schedule.steps
        return frozenset(row for row, step in enumerate(steps) if step.index in self._findings)

    def has_icon(self, row: int, column: int) -> bool:
        """True when a cell shows a severity icon beside its text."""
        return column == 0 and self.step(row).index in self._findings

    def used_times(self) -> tuple[str, ...]:
        """Times of day that hold a dose at any step (others can be hidden)."""
        if self._schedule is None:
            return TIMES_OF_DAY
        return tuple(
            time for time in TIMES_OF_DAY if any(s.doses_at(time) for s in self._schedule.steps)
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._schedule is None:
            return 0
        return len(self._schedule.steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == PERCENT_COLUMN
        ):
            return f"The daily dose as a percentage {self._pace_basis or 'of the starting dose'}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks each painted cell for about ten roles: most get None at once.
        if role not in SERVED_ROLES or self._schedule is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(self.step(row), row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            found = self.findings(row)
            if found:
                return severity_icon(found[0].severity)
        if role == Qt.ItemDataRole.BackgroundRole and self.step(row).kind in HOLD_KINDS:
            # A colour, which the delegate paints as a brush: making a QBrush in Python made
            # Python types for Qt's gradients first (4 ms of start-up).
            return HOLD_TINT
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            0,
            3,
            CHANGE_COLUMN,
            PERCENT_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, step: Step, row: int, column: int) -> str:
        if column == 0:
            # Most steps are reductions; only the other kinds are named.
            return str(step.index) if step.kind is StepKind.REDUCE else f"{step.index} {step.kind}"
        if column == 1:
            return day_text(step.start)
        if column == 2:
            return day_text(step.end) if step.days else "onwards"
        if column == 3:
            return str(step.days) if step.days else "—"
        if column < DAILY_COLUMN:
            time = TIMES_OF_DAY[column - FIRST_TIME_COLUMN]
            # Drug and amount on one line, the units on the next: a narrow column reads well.
            return dose_text(step, time, self._named, ":\n" if self._named else ": ")
        if column == DAILY_COLUMN:
            return daily_text(step, self._named)
        if column == PERCENT_COLUMN:
            return percent_text(self._percents[row])
        return change_text(*self._changes[row])

    def _tooltip(self, row: int) -> str:
        step = self.step(row)
        lines = [f"Diazepam equivalent: {format_mg(step.daily_diazepam_eq_mg)} mg/day"]
        lines += [
            f"{f.severity.upper()}: {f.message}\nSource: {f.source}" for f in self.findings(row)
        ]
        # Rich text wraps long messages; escaping keeps any '<' in them literal.
        return "<p>" + html.escape("\n\n".join(lines)).replace("\n", "<br>") + "</p>"

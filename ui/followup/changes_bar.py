"""The notice over the form of a plan under way: from which date its edits apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.checks.fixes import Fix, replaced
from planner.errors import PlanError
from planner.followup.history import is_under_way, latest_revision, record_change
from planner.model import TaperPlan
from ui.followup import clock
from ui.form.date_field import DateField, date_text
from ui.form.form_rows import error_label
from ui.text_colour import ERROR, MUTED, colour_text_in_sheet

NOTICE_STYLE = "background: #fff4ce; color: #3b2f00; padding: 4px; border-radius: 3px;"


def earliest_change(plan: TaperPlan) -> dt.date:
    """The first date a change may apply from: after the start, not before the last revision."""
    latest = latest_revision(plan)
    first = plan.start + dt.timedelta(days=1)
    return max(first, latest) if latest is not None else first


class ChangesFromBar(QWidget):
    """'Changes apply from 1 Dec 2026; the steps before stay as taken', with the date to choose.

    Hidden for a plan not under way (it is edited freely). The date defaults to today; it
    can be earlier, but not before the last revision nor after today. A date typed outside
    that range, or no date at all, stays as typed and says what is allowed; edits are then
    refused with that message until it is corrected.

    Signals:
        date_changed(object): the clinician chose another date (a ``datetime.date``).
    """

    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("When changes apply")
        self.date = DateField().name("changes_from", "The date changes apply from")
        self.date.setMaximumWidth(self.date.fontMetrics().horizontalAdvance("30 Sept 2026") * 2)
        self.date.setAccessibleName("Changes apply from")
        self.date.setToolTip(
            "The first day your edits apply; the days before stay as they were planned"
        )
        self.error = error_label()
        self.error.setAccessibleName("Changes apply from: error")
        self.setStyleSheet(NOTICE_STYLE)
        # The notice's style sheet colours every label in it; these two keep their colours.
        colour_text_in_sheet(self.error, ERROR)
        colour_text_in_sheet(self.date.weekday_label, MUTED)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 2, 4, 2)
        layout = QHBoxLayout()
        layout.addWidget(self.label, 1)
        layout.addWidget(self.date)
        column.addLayout(layout)
        column.addWidget(self.error)
        self.date.valueChanged.connect(self.on_date_value_changed)
        self._plan: TaperPlan | None = None
        self._expected: TaperPlan | None = None
        self.setVisible(False)

    def over(self, widget: QWidget) -> QWidget:
        """A column of this notice over ``widget`` (the form)."""
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self)
        layout.addWidget(widget, 1)
        return column

    def expect(self, plan: TaperPlan) -> TaperPlan:
        """Note ``plan``, given to the form from outside it (a check-in, a fix); returns it."""
        self._expected = plan
        return plan

    def applied(
        self, old: TaperPlan, new: TaperPlan, refused: Callable[[PlanError], None]
    ) -> TaperPlan | None:
        """The plan an edit of ``old`` makes: from the date shown when the plan is under way.

        A check-in recorded or removed (given through ``expect``) is the record itself and
        passes unchanged. Any other edit keeps the record of ``old`` and becomes a change
        from the date shown (the form may hold an older record: it never edits it). An
        edit the record refuses (e.g. of the start of a plan under way) goes to
        ``refused`` and gives None.
        """
        expected, self._expected = self._expected, None
        record_edit = (new.checkins, new.changes) != (old.checkins, old.changes)
        if record_edit and new == expected:
            return new
        try:
            return record_change(old, new, self.from_date(old), clock.today())
        except PlanError as error:
            refused(error)
            return None

    def fix_applied(self, old: TaperPlan, fix: Fix) -> TaperPlan:
        """The plan a one-click fix of ``old`` makes, as ``applied`` makes it.

        Fixes are tried this way, so one offered for a plan under way works from the date
        shown.

        Raises:
            PlanError: when the record refuses the change, as ``applied`` would.
        """
        return record_change(old, replaced(old, fix), self.from_date(old), clock.today())

    def from_date(self, old: TaperPlan) -> dt.date:
        """The date an edit of ``old`` applies from: the one typed when under way, else today.

        Raises:
            PlanError: when ``old`` is under way and the date typed cannot be used.
        """
        today = clock.today()
        return self.chosen() if is_under_way(old, today) else today

    def chosen(self) -> dt.date:
        """The date edits apply from.

        Raises:
            PlanError: when the text is not a date, or is before the last revision or after
                today (what is allowed is said).
        """
        day = self.date.date()
        if day is None:  # the field may not be empty: date() raised already
            raise PlanError("The date changes apply from is empty", field="changes_from")
        earliest, latest = self._range()
        if not earliest <= day <= latest:
            when = (
                "too early: they apply after the start, from the last revision on"
                if day < earliest
                else "after today"
            )
            raise PlanError(
                f"Changes cannot apply from {date_text(day)}, {when}; type a date from "
                f"{date_text(earliest)} to {date_text(latest)}",
                field="changes_from",
            )
        return day

    def _range(self) -> tuple[dt.date, dt.date]:
        """The first and last dates changes may apply from."""
        if self._plan is None:
            today = clock.today()
            return dt.date.min, today
        earliest = earliest_change(self._plan)
        return earliest, max(clock.today(), earliest)

    def set_plan(self, plan: TaperPlan) -> None:
        """Show the notice for ``plan`` (hidden when it has not started and has no record)."""
        today = clock.today()
        under_way = is_under_way(plan, today)
        self.setVisible(under_way)
        if not under_way:
            return
        earliest = earliest_change(plan)
        same_plan = self._plan is not None and self._plan.start == plan.start
        # A typed date that is no date stays for the clinician to correct; a real date the
        # record has overtaken (a check-in recorded after it) moves to the first one allowed.
        typed_wrong = not self.date.is_valid() or not self.date.text().strip()
        chosen = None if typed_wrong else self.date.date()
        in_range = chosen is not None and earliest <= chosen <= max(today, earliest)
        keep = same_plan and (typed_wrong or in_range)
        self._plan = plan
        if not keep:
            blocked = self.date.blockSignals(True)
            self.date.set_date(max(today, earliest))
            self.date.blockSignals(blocked)
        self._update_label()

    def _update_label(self) -> None:
        try:
            chosen = self.chosen()
        except PlanError as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            self.label.setText("Changes apply from the date you type; the steps before stay.")
            return
        self.error.clear()
        self.error.setVisible(False)
        self.label.setText(
            f"Changes apply from {date_text(chosen)}; the steps before stay as taken."
        )

    @Slot()
    def on_date_value_changed(self) -> None:
        self._update_label()
        if not self.error.text():
            self.date_changed.emit(self.chosen())

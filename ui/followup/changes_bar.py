"""The notice over the form of a plan under way: from which date its edits apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.errors import PlanError
from planner.followup.history import is_under_way, latest_revision, record_change
from planner.model import TaperPlan
from ui.followup import clock
from ui.form.qdates import to_date, to_qdate

NOTICE_STYLE = "background: #fff4ce; color: #3b2f00; padding: 4px; border-radius: 3px;"


def earliest_change(plan: TaperPlan) -> dt.date:
    """The first date a change may apply from: after the start, not before the last revision."""
    latest = latest_revision(plan)
    first = plan.start + dt.timedelta(days=1)
    return max(first, latest) if latest is not None else first


class ChangesFromBar(QWidget):
    """'Changes apply from 1 Dec 2026; the steps before stay as taken', with the date to choose.

    Hidden for a plan not under way (it is edited freely). The date defaults to today; it
    can be earlier, but not before the last revision nor after today.

    Signals:
        date_changed(object): the clinician chose another date (a ``datetime.date``).
    """

    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("When changes apply")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName("Changes apply from")
        self.date.setToolTip(
            "The first day your edits apply; the days before stay as they were planned"
        )
        self.setStyleSheet(NOTICE_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.date)
        self.date.dateChanged.connect(self.on_date_date_changed)
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
            return record_change(old, new, self.chosen(), clock.today())
        except PlanError as error:
            refused(error)
            return None

    def chosen(self) -> dt.date:
        """The date edits apply from."""
        return to_date(self.date.date())

    def set_plan(self, plan: TaperPlan) -> None:
        """Show the notice for ``plan`` (hidden when it has not started and has no record)."""
        today = clock.today()
        under_way = is_under_way(plan, today)
        self.setVisible(under_way)
        if not under_way:
            return
        earliest = earliest_change(plan)
        same_plan = self._plan is not None and self._plan.start == plan.start
        keep = same_plan and earliest <= self.chosen() <= today
        blocked = self.date.blockSignals(True)
        self.date.setMinimumDate(to_qdate(earliest))
        self.date.setMaximumDate(to_qdate(max(today, earliest)))
        if not keep:
            self.date.setDate(to_qdate(max(today, earliest)))
        self.date.blockSignals(blocked)
        self._plan = plan
        self._update_label()

    def _update_label(self) -> None:
        self.label.setText(
            f"Changes apply from {self.chosen():%-d %b %Y}; the steps before stay as taken."
        )

    @Slot(object)
    def on_date_date_changed(self, _date: object) -> None:
        self._update_label()
        self.date_changed.emit(self.chosen())

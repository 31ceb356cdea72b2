"""The schedule side of the window: out-of-date banner, comparison line, chart over table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.model import Schedule
from planner.report.summary import duration_text
from ui.elided_label import ElidedLabel
from ui.schedule.chart import ScheduleChart
from ui.schedule.table_model import ScheduleModel
from ui.schedule.table_view import ScheduleView

# The narrowest chart and text beside it: still both on an 800 px screen, beside the form.
CHART_MIN_WIDTH_PX = 200
BESIDE_MIN_WIDTH_PX = 230
BANNER_STYLE = "background: #fff3cd; color: #664d03; border: 1px solid #e0c36c; padding: 4px;"


def ends_text(label: str, schedule: Schedule) -> str:
    """'Current: ends 15 Mar 2027 (10 weeks)'."""
    end = schedule.end_date
    return f"{label}: ends {end.day} {end:%b %Y} ({duration_text(schedule.total_days)})"


class SchedulePane(QWidget):
    """Shows the last valid schedule; keeps the table and chart selections in step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(False)
        # One line beside the buttons, cut with '…' when narrow (never a word per line).
        self.compare = ElidedLabel()
        self.header = QHBoxLayout()
        self.header.addWidget(self.compare, 1)
        self.chart = ScheduleChart()
        # The chart's right axis: diazepam mg, or the pace as % of the starting dose. A menu
        # item, not a header button: at 1024 px the header has no room for one more.
        self.percent_action = QAction("Chart Axis in % of &Start", self)
        self.percent_action.setCheckable(True)
        self.percent_action.setToolTip("Show the chart's right axis as % of the starting dose")
        self.percent_action.toggled.connect(self.chart.set_percent_axis)
        self.model = ScheduleModel(self)
        self.table = ScheduleView(self.model)
        # The chart shares its row with whatever the window puts beside it (the guidance),
        # so the table below has the whole width: a switch's columns fit at 1024 px.
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.addWidget(self.chart)
        self.top.setChildrenCollapsible(False)
        # Narrower than this its axes (dose and diazepam-equivalent labels) have no room.
        self.chart.setMinimumWidth(CHART_MIN_WIDTH_PX)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.top)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(self.header)
        layout.addWidget(self.splitter, 1)
        self._schedule: Schedule | None = None
        self._pinned: Schedule | None = None
        self._original: Schedule | None = None
        self.table.step_selected.connect(self.on_table_step_selected)
        self.chart.step_clicked.connect(self.on_chart_step_clicked)

    def add_header_actions(self, actions: list[QAction]) -> None:
        """Put tool buttons for ``actions`` (pin, unpin) beside the comparison line."""
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.header.addWidget(button)

    def put_beside_chart(self, widget: QWidget) -> None:
        """Show ``widget`` right of the chart, over the table."""
        self.top.addWidget(widget)
        # A smaller window takes from both alike, but leaves the text a readable width.
        widget.setMinimumWidth(max(widget.minimumWidth(), BESIDE_MIN_WIDTH_PX))
        self.top.setStretchFactor(0, 1)
        self.top.setStretchFactor(1, 1)

    def schedule(self) -> Schedule | None:
        """The last valid schedule shown."""
        return self._schedule

    def pinned(self) -> Schedule | None:
        """The schedule pinned for comparison, if any."""
        return self._pinned

    def show_schedule(self, schedule: Schedule, original: Schedule | None) -> None:
        """Show a new valid schedule (and clear the out-of-date state).

        ``original`` is the plan as it was before its check-ins (None: it has none), drawn
        faintly behind it.
        """
        row = self.table.selected_row()
        self._schedule = schedule
        self._original = original
        self.model.set_schedule(schedule)
        self.chart.set_schedule(schedule, original)
        self.set_stale(None)
        self._update_compare()
        if 0 <= row < self.model.rowCount():
            self.table.select_row(row)

    def settle(self) -> None:
        """Lay the table out and draw the chart now: the window's next paint shows both.

        Left to their timers, both ran after the window had painted the new table with its
        old row heights beside the old chart, and the window painted everything again.
        """
        if not self.isVisible():
            return  # not shown yet: sized now, the rows would be sized again when shown
        self.table.settle()
        self.chart.blit.flush()

    def adopt(self, schedule: Schedule) -> None:
        """Keep ``schedule``, the one shown with its fixes now tried, without redrawing.

        Its steps are the same objects as those drawn; only its findings' fixes differ.
        """
        self._schedule = schedule
        self.chart.schedule = schedule

    def set_stale(self, message: str | None) -> None:
        """Mark the schedule out of date with the planner's message, or clear the mark."""
        stale = message is not None
        if message is not None:
            self.banner.setText(
                f"Out of date: {message.rstrip('.')}. The schedule below is the last valid one."
            )
        self.banner.setVisible(stale)
        self.table.setEnabled(not stale)
        self.chart.set_stale(stale)

    def is_stale(self) -> bool:
        """True while the shown schedule is out of date."""
        return not self.banner.isHidden()

    def pin(self) -> None:
        """Pin the current schedule as the faint comparison line."""
        self._pinned = self._schedule
        self.chart.set_pinned(self._pinned)
        self._update_compare()

    def unpin(self) -> None:
        """Remove the comparison line."""
        self._pinned = None
        self.chart.set_pinned(None)
        self._update_compare()

    def original(self) -> Schedule | None:
        """The plan as it was before its check-ins, when it has any."""
        return self._original

    def _update_compare(self) -> None:
        parts = []
        if self._schedule is not None:
            parts.append(ends_text("Revised" if self._original else "Current", self._schedule))
        if self._original is not None:
            parts.append(ends_text("Original plan (dotted)", self._original))
        if self._pinned is not None:
            parts.append(ends_text("Pinned (dashed grey)", self._pinned))
        self.compare.setText("   ·   ".join(parts))

    def select_step(self, step_number: int) -> None:
        """Select step N (1-based, as findings name it) in the table and on the chart."""
        self.table.select_row(step_number - 1)

    @Slot(int)
    def on_table_step_selected(self, row: int) -> None:
        self.chart.highlight_step(row)

    @Slot(int)
    def on_chart_step_clicked(self, row: int) -> None:
        self.table.select_row(row)

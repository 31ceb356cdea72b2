"""The caseload window: a folder's plans in a sortable table with filters and a search box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.caseload.index import CaseloadIndex
from planner.caseload.review import REVIEW_AFTER_CUT_DAYS, REVIEW_AFTER_SWITCH_DAYS
from planner.caseload.row import CaseRow
from planner.errors import PlanError
from ui.caseload.filters import Filters
from ui.caseload.model import COLUMN_WIDTHS, STATUS_COLUMN, CaseloadModel, Prepared
from ui.caseload.reader import FolderReader

REFRESH_DELAY_MS = 400  # a burst of saves in the folder is re-indexed once
DEFAULT_WITHIN_DAYS = 7
PROGRESS_BAR_WIDTH = 160


def _today() -> dt.date:
    return dt.date.today()


class CaseloadWindow(QWidget):
    """Every plan file in a folder at a glance; double-click opens one in the main window.

    The folder is read a slice at a time between events (``ui/caseload/reader.py``), so
    the window stays responsive through a first read of thousands of files.

    Signals:
        open_requested(Path): the clinician asked to open this plan file.
        refreshed(): the rows now show the folder as it was just read.
    """

    open_requested = Signal(Path)
    refreshed = Signal()

    def __init__(
        self,
        index: CaseloadIndex,
        today: Callable[[], dt.date] = _today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Caseload — Taper Planner")
        self.index = index
        self.today = today
        self.folder: Path | None = None
        self.reader = FolderReader(index, self)
        self._again = False  # the folder changed while it was being read
        self._totals = ""  # the counts of every row, for the line under the table
        self.model = CaseloadModel(self)  # it sorts and filters itself (see its docstring)
        self.table = QTableView()
        self.table.setModel(self.model)
        # Most urgent first: paused, then overdue reviews, then unreadable files.
        self.sort_column, self.sort_order = STATUS_COLUMN, Qt.SortOrder.AscendingOrder
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.sort_column, self.sort_order)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        rows = self.table.verticalHeader()
        # One height for every row, never measured from its contents.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.folder_label = QLabel()
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton("Refresh")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search patient, file or drug")
        self.search.setClearButtonEnabled(True)
        self.changes_box = QCheckBox("Dose changes within")
        self.within_days = QSpinBox()
        self.within_days.setRange(0, 365)
        self.within_days.setValue(DEFAULT_WITHIN_DAYS)
        self.within_days.setSuffix(" days")
        self.overdue_box = QCheckBox("Review overdue")
        self.paused_box = QCheckBox("Paused")
        self.errors_box = QCheckBox("With errors")
        self.counts = QLabel()
        self.progress_bar = QProgressBar()  # shown only while the folder is being read
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(PROGRESS_BAR_WIDTH)
        self.progress_bar.hide()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.rule = QLabel(
            f"A review is due {REVIEW_AFTER_CUT_DAYS} days after each dose change (ASAM: "
            f"symptoms may take up to a week) and {REVIEW_AFTER_SWITCH_DAYS} days after each "
            "switch step (JCPG 2025 Table 7; Ashton), unless a later check-in covers it; at "
            "once after a red flag."
        )
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: palette(mid);")
        self._build_layout()
        self.watcher = QFileSystemWatcher(self)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._connect_signals()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for widget in (self.changes_box, self.within_days, self.overdue_box, self.paused_box,
                       self.errors_box):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress_bar)
        bottom.addWidget(self.counts)
        bottom.addWidget(self.rule, 1)
        layout.addLayout(bottom)

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.on_refresh_clicked)
        self.search.textChanged.connect(self.on_filter_changed)
        self.within_days.valueChanged.connect(self.on_filter_changed)
        for box in (self.changes_box, self.overdue_box, self.paused_box, self.errors_box):
            box.toggled.connect(self.on_filter_changed)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self.on_sort_changed)
        self.watcher.directoryChanged.connect(self.on_folder_changed)
        self.refresh_timer.timeout.connect(self.refresh)
        self.reader.progressed.connect(self.on_reader_progressed)
        self.reader.finished.connect(self.on_reader_finished)

    def open_folder(self, folder: Path) -> str | None:
        """Show the caseload of ``folder``; returns why it cannot be read, or None."""
        if self.folder is not None:
            self.watcher.removePaths(self.watcher.directories())
        self.cancel_reading()  # another folder's read, part-way: its rows must not show here
        self.folder = folder.resolve()
        self.folder_label.setText(f"Caseload folder: {self.folder}")
        self.watcher.addPath(str(self.folder))
        return self.refresh()

    @property
    def reading(self) -> bool:
        """True while the folder is being read."""
        return self.reader.busy

    @Slot()
    def refresh(self) -> str | None:
        """Start re-reading what changed in the folder; returns why it cannot be listed, or None.

        The rows are replaced when the read ends (``refreshed``); meanwhile the window
        says how far it is, and takes clicks and keys.
        """
        if self.folder is None:
            return None
        if self.reader.busy:  # changed while being read: read it once more after
            self._again = True
            return None
        self._again = False
        try:
            self.reader.start(self.folder, self.today())
        except PlanError as error:
            self.model.set_rows([])
            self.counts.setText(str(error))
            self.refreshed.emit()
            return str(error)
        if self.reader.busy:
            self.setCursor(Qt.CursorShape.BusyCursor)  # working, and still taking clicks
        return None

    def read_to_end(self) -> None:
        """Finish a read now, without returning to the event loop (a screenshot)."""
        self.reader.finish_now()

    def cancel_reading(self) -> None:
        """Stop a read part-way; the index is left as it was before it (nothing is written)."""
        self.reader.cancel()
        self._again = False
        self.unsetCursor()
        self.progress_bar.hide()

    @Slot(list)
    def on_reader_finished(self, prepared: list[Prepared]) -> None:
        self.unsetCursor()
        self.progress_bar.hide()
        self.model.set_prepared(prepared, sort=(self.sort_column, self.sort_order))
        self._update_counts()
        self.refreshed.emit()
        if self._again:
            self.refresh_timer.start()

    @Slot(str, int, int)
    def on_reader_progressed(self, text: str, done: int, total: int) -> None:
        # A big folder read for the first time takes seconds: say how far it is.
        self.counts.setText(text)
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.show()

    def visible_rows(self) -> list[CaseRow]:
        """The rows the filters pass, in the order shown."""
        return self.model.visible_rows()

    def _update_counts(self, rows_changed: bool = True) -> None:
        # The totals change only with the rows; a search keystroke recounts only those shown.
        if rows_changed:
            rows = self.model.rows()
            overdue = sum(row.review_overdue for row in rows)
            paused = sum(row.paused for row in rows)
            unreadable = sum(row.problem is not None for row in rows)
            with_errors = sum(bool(row.errors) for row in rows)
            self._totals = (
                f"{len(rows)} plans shown · {overdue} reviews overdue · {paused} paused · "
                f"{with_errors} with errors · {unreadable} cannot be read"
            )
        self.counts.setText(f"{self.model.rowCount()} of {self._totals}")

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the rows by ``column`` (as clicking its header does)."""
        self.table.horizontalHeader().setSortIndicator(column, order)

    @Slot(int, Qt.SortOrder)
    def on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.model.sort(column, order)

    @Slot()
    def on_refresh_clicked(self) -> None:
        self.refresh()

    @Slot()
    def on_filter_changed(self) -> None:
        self.model.set_filters(
            Filters(
                search=self.search.text().strip(),
                changes_within_days=(
                    self.within_days.value() if self.changes_box.isChecked() else None
                ),
                overdue=self.overdue_box.isChecked(),
                paused=self.paused_box.isChecked(),
                with_errors=self.errors_box.isChecked(),
            )
        )
        self._update_counts(rows_changed=False)

    @Slot(QModelIndex)
    def on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.folder is not None:
            self.open_requested.emit(self.folder / self.model.row_at(index.row()).file)

    @Slot(str)
    def on_folder_changed(self, _path: str) -> None:
        self.refresh_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        # Back to the caseload (after editing a plan, or the next morning): the folder watcher
        # sees files added, removed or replaced, not a file written in place, and "today"
        # may have moved on. Re-checking is cheap (only changed files are re-read).
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh_timer.start()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed mid-read: stop; the index keeps what it had (it is written only at the end).
        self.refresh_timer.stop()
        self.cancel_reading()
        super().closeEvent(event)

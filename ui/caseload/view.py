"""The caseload window: a folder's plans in a sortable table with filters and a search box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QFileSystemWatcher,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.caseload.index import CaseloadIndex
from planner.caseload.locks import open_by
from planner.caseload.review import REVIEW_AFTER_CUT_DAYS, REVIEW_AFTER_SWITCH_DAYS
from planner.caseload.row import CaseRow
from planner.errors import PlanError
from ui.caseload.model import COLUMN_WIDTHS, ROW_ROLE, STATUS_COLUMN, CaseloadModel
from ui.caseload.proxy import CaseloadProxy, Filters

REFRESH_DELAY_MS = 400  # a burst of saves in the folder is re-indexed once
DEFAULT_WITHIN_DAYS = 7


def _today() -> dt.date:
    return dt.date.today()


class CaseloadWindow(QWidget):
    """Every plan file in a folder at a glance; double-click opens one in the main window.

    Signals:
        open_requested(Path): the clinician asked to open this plan file.
    """

    open_requested = Signal(Path)

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
        self._busy = False  # a refresh is running (progress lets events through)
        self._again = False  # and another was asked for meanwhile
        self.model = CaseloadModel(self)
        self.proxy = CaseloadProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        # The model sorts (fast, in Python); the proxy filters. Most urgent first: paused,
        # then overdue reviews, then unreadable files.
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

    def open_folder(self, folder: Path) -> str | None:
        """Show the caseload of ``folder``; returns why it cannot be read, or None."""
        if self.folder is not None:
            self.watcher.removePaths(self.watcher.directories())
        self.folder = folder.resolve()
        self.folder_label.setText(f"Caseload folder: {self.folder}")
        self.watcher.addPath(str(self.folder))
        return self.refresh()

    @Slot()
    def refresh(self) -> str | None:
        """Re-read what changed in the folder and show every plan; returns a problem or None."""
        if self.folder is None:
            return None
        if self._busy:  # the folder changed while it was being read: read it once more after
            self._again = True
            return None
        self._busy, self._again = True, False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            entries = self.index.refresh(self.folder, self._show_progress)
        except PlanError as error:
            self.model.set_rows([])
            self.counts.setText(str(error))
            return str(error)
        finally:
            QGuiApplication.restoreOverrideCursor()
            self._busy = False
            if self._again:
                self.refresh_timer.start()
        today = self.today()
        holders = open_by(self.folder)
        self.model.set_rows([entry.row(today, holders.get(entry.name, "")) for entry in entries])
        self.model.sort(self.sort_column, self.sort_order)
        self._update_counts()
        return None

    def _show_progress(self, done: int, total: int) -> None:
        # A big folder read for the first time takes seconds: say how far it is, and let the
        # window repaint (not take clicks: a second refresh cannot start inside this one).
        self.counts.setText(f"Reading plan files: {done} of {total}…")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def visible_rows(self) -> list[CaseRow]:
        """The rows the filters pass, in the order shown."""
        return [
            self.proxy.data(self.proxy.index(number, 0), ROW_ROLE)
            for number in range(self.proxy.rowCount())
        ]

    def _update_counts(self) -> None:
        rows = self.model.rows()
        overdue = sum(row.review_overdue for row in rows)
        paused = sum(row.paused for row in rows)
        unreadable = sum(row.problem is not None for row in rows)
        with_errors = sum(bool(row.errors) for row in rows)
        shown = self.proxy.rowCount()
        self.counts.setText(
            f"{shown} of {len(rows)} plans shown · {overdue} reviews overdue · {paused} paused · "
            f"{with_errors} with errors · {unreadable} cannot be read"
        )

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
        self.proxy.set_filters(
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
        self._update_counts()

    @Slot(QModelIndex)
    def on_table_double_clicked(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if isinstance(row, CaseRow) and self.folder is not None:
            self.open_requested.emit(self.folder / row.file)

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
        self.refresh_timer.stop()
        super().closeEvent(event)

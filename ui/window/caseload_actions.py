"""File → Open Caseload…: the caseload window for a chosen folder, opening plans in this window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QStandardPaths, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.wheel_guard import WheelGuard

if TYPE_CHECKING:
    from ui.caseload.view import CaseloadWindow

SETTINGS_KEY = "caseload/folder"


def data_dir() -> Path:
    """The app-data folder (where the caseload index lives), as Qt names it."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".taper-planner")


class PlanOpener(Protocol):
    """What the caseload needs of the main window."""

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is safe to go on."""

    def open_path(self, path: Path) -> str | None:
        """Open a plan file; the reason it was refused, or None."""


def choose_folder(parent: QWidget, start: str) -> str:
    """Ask for the caseload folder; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, "Open caseload folder", start)


class CaseloadActions(QObject):
    """The Open Caseload action and the one caseload window it shows."""

    def __init__(self, parent: QWidget, opener: PlanOpener) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.opener = opener
        self.window: CaseloadWindow | None = None
        self.open_action = QAction("Open &Caseload…", parent)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setToolTip("Every plan in a folder: dose changes, reviews due, pauses")
        self.open_action.triggered.connect(self.on_open_triggered)

    def show_folder(self, folder: Path, data_folder: Path | None = None) -> str | None:
        """Show the caseload of ``folder``; returns why it cannot be read, or None."""
        if self.window is None:
            # Loaded when first opened: SQLite and the caseload's worker processes are not
            # needed to start the app, and importing them delayed its first paint.
            from planner.caseload.index import CaseloadIndex
            from ui.caseload.view import CaseloadWindow

            index = CaseloadIndex(data_folder if data_folder is not None else data_dir())
            self.window = CaseloadWindow(index, parent=self.parent_widget)
            self.window.resize(1366, 768)
            self.window.open_requested.connect(self.on_open_requested)
            # Its filters change only when clicked or tabbed into, as the form's inputs do.
            WheelGuard(self.window).guard(self.window)
        problem = self.window.open_folder(folder)
        self.window.show()
        self.window.raise_()
        return problem

    @Slot()
    def on_open_triggered(self) -> None:
        chosen = choose_folder(self.parent_widget, str(Path.home()))
        if chosen:
            self.show_folder(Path(chosen))

    @Slot(Path)
    def on_open_requested(self, path: Path) -> None:
        if self.opener.maybe_save():
            self.opener.open_path(path)
            self.parent_widget.raise_()
            self.parent_widget.activateWindow()

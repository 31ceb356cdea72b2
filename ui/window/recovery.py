"""Autosave and crash recovery: unsaved work is kept in the app-data folder and offered back."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.atomic import make_private_folder, write_atomic
from planner.files.planfile import PlanFileError, load_plan, save_plan
from planner.model import TaperPlan
from ui import APP_TITLE
from ui.messages import ask, warn

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

AUTOSAVE_DELAY_MS = 1500


def data_dir() -> Path:
    """The platform's app-data folder for Taper Planner."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".taper-planner")


class RecoveryStore:
    """One recovery plan file plus a note of which file it belongs to and when it was kept."""

    def __init__(self, folder: Path) -> None:
        make_private_folder(folder)  # user-only (0700): it holds patient data
        self.plan_path = folder / "recovery.taper.json"
        self.meta_path = folder / "recovery-source.json"

    def exists(self) -> bool:
        """True when unsaved work from an earlier run is waiting."""
        return self.plan_path.exists()

    def write(self, plan: TaperPlan, source: Path | None) -> None:
        """Keep a plan, atomically (the same crash-safe write as a saved plan)."""
        save_plan(plan, self.plan_path)
        meta = {"source": str(source) if source else None, "kept": dt.datetime.now().isoformat()}
        write_atomic(self.meta_path, json.dumps(meta).encode("utf-8"))

    def read(self) -> tuple[TaperPlan, Path | None, str]:
        """The kept plan, the file it came from, and when it was kept.

        Raises:
            PlanFileError: if the recovery file is damaged.
        """
        plan = load_plan(self.plan_path)
        source: Path | None = None
        kept = ""
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
            source = Path(meta["source"]) if meta.get("source") else None
            kept = str(meta.get("kept", ""))[:16].replace("T", " ")
        except (OSError, ValueError, KeyError, TypeError):
            pass  # the plan itself is what matters; its origin is a nicety
        return plan, source, kept

    def clear(self) -> None:
        """Forget the kept work (after a save, a discard or a clean exit)."""
        self.plan_path.unlink(missing_ok=True)
        self.meta_path.unlink(missing_ok=True)


class Autosaver(QObject):
    """Writes the window's unsaved plan to the recovery store shortly after each edit."""

    def __init__(
        self, window: MainWindow, store: RecoveryStore, delay_ms: int = AUTOSAVE_DELAY_MS
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.on_timer_timeout)
        window.undo_stack.indexChanged.connect(self.on_undo_stack_index_changed)
        window.undo_stack.cleanChanged.connect(self.on_undo_stack_clean_changed)

    @Slot(int)
    def on_undo_stack_index_changed(self, _index: int) -> None:
        self.timer.start()

    @Slot(bool)
    def on_undo_stack_clean_changed(self, clean: bool) -> None:
        if clean:
            self.timer.stop()
            self.store.clear()

    @Slot()
    def on_timer_timeout(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Keep the unsaved plan now; an input the planner refuses keeps the last valid one."""
        if self.window.undo_stack.isClean():
            return
        plan = self.window.current_plan()
        try:
            make_schedule(plan)
        except PlanError:
            shown = self.window.current_schedule()
            if shown is None:
                return
            plan = shown.plan
        # Autosave is a safety net: a full disk must not interrupt the clinician.
        with contextlib.suppress(OSError, PlanError):
            self.store.write(plan, self.window.path)


def ask_restore(parent: QWidget, kept: str) -> bool:
    """Ask whether to restore unsaved work found at start-up."""
    when = f" (kept {kept})" if kept else ""
    answer = ask(
        parent,
        APP_TITLE,
        f"Taper Planner did not close normally. Restore the unsaved plan{when}?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell_unrecoverable(parent: QWidget, reason: str) -> None:
    """Say that kept work could not be restored, and why."""
    warn(parent, APP_TITLE, f"The unsaved plan could not be restored: {reason}")


def offer_recovery(window: MainWindow, store: RecoveryStore) -> bool:
    """At start-up: offer unsaved work from a run that did not end cleanly; True if restored."""
    if not store.exists():
        return False
    try:
        plan, source, kept = store.read()
    except PlanFileError as error:
        tell_unrecoverable(window, str(error))
        store.clear()
        return False
    if not ask_restore(window, kept):
        store.clear()
        return False
    window.start_plan(plan, source)
    window.undo_stack.resetClean()  # restored work is unsaved work
    return True

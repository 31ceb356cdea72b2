"""Autosave and crash recovery: each window keeps its unsaved work in its own locked file."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtWidgets import QWidget

from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.atomic import make_private_folder, write_atomic
from planner.files.planfile import PlanFileError, load_plan, save_plan
from planner.model import TaperPlan
from ui import APP_TITLE
from ui.messages import warn

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

AUTOSAVE_DELAY_MS = 1500


def data_dir() -> Path:
    """The platform's app-data folder for Taper Planner."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".taper-planner")


RECOVERY_FOLDER = "recovery"
PLAN_SUFFIX = ".taper.json"
META_SUFFIX = ".source.json"
LOCK_SUFFIX = ".lock"
# The single recovery file of versions before each window kept its own.
LEGACY_PLAN = "recovery.taper.json"
LEGACY_META = "recovery-source.json"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    # Only a dead owner makes a lock stale, never its age: a window may stay open for days.
    lock.setStaleLockTime(0)
    return lock


class RecoveryFile:
    """One window's kept plan, the note of which file it belongs to, and its lock file."""

    def __init__(self, folder: Path, owner: str) -> None:
        self.owner = owner
        self.plan_path = folder / f"{owner}{PLAN_SUFFIX}"
        self.meta_path = folder / f"{owner}{META_SUFFIX}"
        self.lock = _lock(folder / f"{owner}{LOCK_SUFFIX}")

    def exists(self) -> bool:
        """True when a plan is kept."""
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

    def set_aside(self) -> Path:
        """Rename a damaged plan so it is never offered again but stays on disk; its new path."""
        aside = self.plan_path.with_name(f"{self.owner}.damaged.json")
        with contextlib.suppress(OSError):
            os.replace(self.plan_path, aside)
        self.meta_path.unlink(missing_ok=True)
        return aside

    def release(self) -> None:
        """Give up the lock, keeping the plan (it is offered again at the next start)."""
        if self.lock.isLocked():
            self.lock.unlock()


class RecoveryStore(RecoveryFile):
    """This window's own recovery file, locked while the window runs.

    Each window (and each process) keeps its own file, so a second window never takes
    or deletes the first one's work; ``orphans`` finds the files whose owner is gone.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder / RECOVERY_FOLDER
        make_private_folder(self.folder)  # user-only (0700): it holds patient data
        super().__init__(self.folder, f"{os.getpid()}-{uuid.uuid4().hex[:12]}")
        # A fresh name nobody else uses: the lock is free unless the disk refuses it.
        self.lock.tryLock(0)
        self._adopt_legacy(folder)

    def _adopt_legacy(self, folder: Path) -> None:
        """Move an older version's single recovery file in with the others, unowned."""
        legacy = folder / LEGACY_PLAN
        if not legacy.exists():
            return
        owner = f"earlier-{uuid.uuid4().hex[:12]}"
        with contextlib.suppress(OSError):
            os.replace(legacy, self.folder / f"{owner}{PLAN_SUFFIX}")
            os.replace(folder / LEGACY_META, self.folder / f"{owner}{META_SUFFIX}")

    def orphans(self) -> list[RecoveryFile]:
        """Kept plans whose owner is no longer running, newest first, each now locked by us.

        A file whose owner still runs (another open window) is left alone. Taking the
        lock means two windows starting at once never offer the same plan twice; call
        ``release`` on the ones not restored or discarded.
        """
        found: list[tuple[float, RecoveryFile]] = []
        for path in self.folder.glob(f"*{PLAN_SUFFIX}"):
            owner = path.name.removesuffix(PLAN_SUFFIX)
            if owner == self.owner:
                continue
            kept = RecoveryFile(self.folder, owner)
            if not kept.lock.tryLock(0):
                continue  # its window is still open (or its lock cannot be checked): not ours
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, kept))
        found.sort(key=lambda pair: pair[0], reverse=True)
        self._sweep_locks()
        return [kept for _, kept in found]

    def _sweep_locks(self) -> None:
        """Remove lock files left by ended windows that kept nothing (a clean run's leftovers)."""
        for path in self.folder.glob(f"*{LOCK_SUFFIX}"):
            owner = path.name.removesuffix(LOCK_SUFFIX)
            if owner == self.owner or (self.folder / f"{owner}{PLAN_SUFFIX}").exists():
                continue
            lock = _lock(path)
            if lock.tryLock(0):
                lock.unlock()  # unlocking removes the file


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
            make_schedule(plan, verify_fixes=False)
        except PlanError:
            shown = self.window.current_schedule()
            if shown is None:
                return
            plan = shown.plan
        # Autosave is a safety net: a full disk must not interrupt the clinician.
        with contextlib.suppress(OSError, PlanError):
            self.store.write(plan, self.window.path)


class RestoreAnswer(enum.Enum):
    """What to do with a kept plan found at start-up."""

    RESTORE = "restore"
    KEEP = "keep"
    DISCARD = "discard"


def ask_restore(parent: QWidget, kept: str, source: Path | None = None) -> RestoreAnswer:
    """Ask whether to restore, keep for later, or discard unsaved work found at start-up."""
    from PySide6.QtWidgets import QMessageBox

    when = f" (kept {kept})" if kept else ""
    origin = f" of {source.name}" if source is not None else ""
    box = QMessageBox(parent)
    box.setWindowTitle(APP_TITLE)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"A Taper Planner window did not close normally. Restore its unsaved plan{origin}{when}?"
    )
    box.setInformativeText(
        "Keep for later offers it again at the next start; Discard deletes it for good."
    )
    restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("&Keep for later", QMessageBox.ButtonRole.RejectRole)
    box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(keep)  # closing the question must never delete work
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RestoreAnswer.RESTORE
    return RestoreAnswer.KEEP if clicked is keep or clicked is None else RestoreAnswer.DISCARD


def tell_unrecoverable(parent: QWidget, reason: str) -> None:
    """Say that kept work could not be restored, and why."""
    warn(parent, APP_TITLE, f"The unsaved plan could not be restored: {reason}")


def offer_recovery(window: MainWindow, store: RecoveryStore) -> bool:
    """At start-up: offer the unsaved work of windows that did not close; True if restored.

    Only plans whose window is no longer running are offered, newest first; one can be
    restored into this window, the others stay kept for the next start. A damaged file is
    reported and set aside (kept on disk under another name, never offered again).
    """
    restored = False
    for kept_file in store.orphans():
        try:
            if restored:
                continue
            try:
                plan, source, kept = kept_file.read()
            except PlanFileError as error:
                aside = kept_file.set_aside()
                tell_unrecoverable(window, f"{error} (the file is kept as {aside})")
                continue
            answer = ask_restore(window, kept, source)
            if answer is RestoreAnswer.DISCARD:
                kept_file.clear()
            elif answer is RestoreAnswer.RESTORE:
                window.start_plan(plan, source)
                window.undo_stack.resetClean()  # restored work is unsaved work
                # Kept under this window's own name before the old file goes.
                with contextlib.suppress(OSError, PlanError):
                    store.write(plan, source)
                    kept_file.clear()
                restored = True
        finally:
            kept_file.release()
    return restored

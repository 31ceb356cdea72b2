"""Nothing lost in a shared folder: an edit lock on the open plan, and no save over newer work."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from planner.files.editlock import EditLock, LockOwner, try_lock
from planner.files.fingerprint import Fingerprint, read_fingerprint
from planner.files.planfile import MAX_FILE_BYTES
from ui import APP_TITLE


class SaveVerdict(enum.Enum):
    """What to do with a save."""

    SAVE = "save"
    RELOAD = "reload"  # discard this window's changes and open the file as it is now
    SAVE_AS = "save-as"  # keep both: save this window's plan as a new file
    CANCEL = "cancel"


# Module functions: the window's guard calls them by name, so tests replace them here.
def ask_read_only(parent: QWidget, name: str, owner: LockOwner) -> bool:
    """Say who has ``name`` open and offer it read-only; True to open it read-only."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        APP_TITLE,
        f"{name} is open for editing by {owner.describe()}.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(
        "Two people editing one plan would overwrite each other's changes. Open it read-only "
        "to look at it (you can still save your own copy with Save As)."
    )
    read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def ask_changed_on_disk(parent: QWidget, name: str) -> SaveVerdict:
    """The file changed since it was opened: reload it, save as a new file, or cancel."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        APP_TITLE,
        f"{name} was changed on disk since you opened it (by another window, app or person).",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(
        "Saving now would overwrite those changes, so it was not saved. Reload the plan as "
        "it is now (your unsaved changes are discarded), or save your plan as a new file."
    )
    reload = box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save As New File…", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    if clicked is reload:
        return SaveVerdict.RELOAD
    return SaveVerdict.SAVE_AS if clicked is save_as else SaveVerdict.CANCEL


def tell_locked(parent: QWidget, name: str, owner: LockOwner) -> None:
    """Refuse a save to a file someone else has open."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        parent,
        APP_TITLE,
        f"{name} is open for editing by {owner.describe()}, so it was "
        "not saved there. Choose another file name.",
    )


class GuardedWindow(Protocol):
    """What the guard needs of the window: open a file again, or save under a new name."""

    def open_path(self, path: Path) -> str | None:
        """Open ``path`` (discarding the window's plan); the refusal or None."""

    def save_as(self) -> bool:
        """Ask for a new file name and save there; True when saved."""


class EditGuard:
    """The lock and the on-disk fingerprint of the plan file a window has open."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.lock: EditLock | None = None
        self.path: Path | None = None
        self.read_only_owner: LockOwner | None = None
        self.opened: Fingerprint | None = None

    @property
    def read_only(self) -> bool:
        """True when the plan was opened read-only (another app has it)."""
        return self.read_only_owner is not None

    def claim(self, path: Path) -> bool:
        """Before opening ``path``: lock it, or offer it read-only; False when cancelled.

        The plan open before keeps its lock until the clinician has chosen.
        """
        held = try_lock(path)
        owner = held if isinstance(held, LockOwner) else None
        if owner is not None and not ask_read_only(self.parent, path.name, owner):
            return False
        if self.lock is not None and self.lock.plan_path != path:
            self.lock.release()
        self.path, self.read_only_owner = path, owner
        self.lock = held if isinstance(held, EditLock) else None
        self.opened = read_fingerprint(path, MAX_FILE_BYTES)
        return True

    def before_save(self, path: Path, window: GuardedWindow) -> bool | None:
        """Check a save to ``path`` and act on the answer.

        Returns:
            None when the window may write the file now; otherwise the result of the save
            (False: refused or cancelled; a Save As or a reload has then been done instead).
        """
        verdict = self.check_save(path)
        if isinstance(verdict, LockOwner):
            tell_locked(self.parent, path.name, verdict)
            return window.save_as() if path == self.path else False
        if verdict is SaveVerdict.RELOAD:
            window.open_path(path)
            return False
        if verdict is SaveVerdict.SAVE_AS:
            return window.save_as()
        return None if verdict is SaveVerdict.SAVE else False

    def check_save(self, path: Path) -> SaveVerdict | LockOwner:
        """May this window write ``path`` now? The owner of a lock held elsewhere, or a verdict."""
        if path == self.path and self.read_only_owner is not None:
            held = try_lock(path)  # the other app may have closed it since
            if isinstance(held, LockOwner):
                return held
            self.lock, self.read_only_owner = held, None
        if path != self.path:
            held = try_lock(path)
            if isinstance(held, LockOwner):
                return held
            held.release()  # taken for good only once the save succeeds (saved())
            return SaveVerdict.SAVE
        now = read_fingerprint(path, MAX_FILE_BYTES)
        # A file deleted meanwhile (now is None) is written again: that loses nothing.
        if self.opened is not None and now is not None and not now.same_content(self.opened):
            return ask_changed_on_disk(self.parent, path.name)
        return SaveVerdict.SAVE

    def saved(self, path: Path) -> None:
        """After a successful save to ``path``: hold its lock and remember what it holds."""
        if path != self.path:
            self.release()
            held = try_lock(path)
            self.lock = held if isinstance(held, EditLock) else None
            self.path = path
        self.read_only_owner = None
        self.opened = read_fingerprint(path, MAX_FILE_BYTES)

    def follow(self, path: Path | None) -> None:
        """The window shows a plan from ``path`` (claimed before) or a new one (None)."""
        if path is None:
            self.release()

    def release(self) -> None:
        """Let go of the open plan (new plan, another file, or the window closes)."""
        if self.lock is not None:
            self.lock.release()
        self.lock, self.path, self.read_only_owner, self.opened = None, None, None, None

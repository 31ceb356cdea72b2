"""Where export dialogs open: the folder the last export was saved in, remembered in settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

EXPORT_FOLDER_KEY = "export/last_folder"
# The window's own key for plan files: the first export goes beside the last plan.
PLAN_FOLDER_KEY = "last_folder"


def export_folder() -> Path:
    """The folder of the last export, else of the last plan file, else the home folder.

    A remembered folder that has since gone (a USB stick, a renamed share) is skipped.
    """
    store = QSettings()
    for key in (EXPORT_FOLDER_KEY, PLAN_FOLDER_KEY):
        text = str(store.value(key, "") or "")
        if text and Path(text).is_dir():
            return Path(text)
    return Path.home()


def suggested_path(name: str) -> str:
    """``name`` in the export folder, as the save dialog's starting point."""
    return str(export_folder() / name)


def remember_export(path: Path) -> None:
    """Remember the folder ``path`` was written to, for the next export dialog."""
    QSettings().setValue(EXPORT_FOLDER_KEY, str(path.resolve().parent))

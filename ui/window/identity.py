"""How the desktop knows the app: its icon, names and desktop entry, set once at start-up."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

import resources
from ui import APP_TITLE

# Matches packaging/taper-planner.desktop, so the taskbar pairs the window with its entry.
DESKTOP_FILE_NAME = "taper-planner"
ICON_FILES = ("taper-planner.png",)


def app_icon() -> QIcon:
    """The app's icon from resources/ (read as bytes, so it works installed or frozen)."""
    icon = QIcon()
    for name in ICON_FILES:
        pixmap = QPixmap()
        # Named, the format is read by Qt's own PNG reader: unnamed, Qt first loads every
        # image format plug-in to ask which can read it (3 ms of a start-up).
        if pixmap.loadFromData(resources.read_bytes(name), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def apply_identity(app: QGuiApplication) -> None:
    """Name the app and give it its icon: every window and the taskbar show it."""
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())

"""The File → Open Recent menu, filled from the settings each time it opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu

from ui.window.settings import AppSettings


def fill_recent_menu(menu: QMenu, settings: AppSettings, on_triggered: Callable[[], None]) -> None:
    """One action per recent plan (its path in the tooltip and data), then "Clear list"."""
    menu.clear()
    for text in settings.recent_files():
        action = menu.addAction(Path(text).name)
        action.setToolTip(text)
        action.setData(text)
        action.triggered.connect(on_triggered)
    if menu.isEmpty():
        menu.addAction("No recent plans").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear list").triggered.connect(settings.clear_recent)

"""Qt for the in-process benchmarks: one offscreen QApplication with its settings kept apart."""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

# Shown whenever a window is shown offscreen; harmless, and it would drown the table.
QUIET_MESSAGES = ("This plugin does not support propagateSizeHints",)
BENCH_NAME = "Taper Planner Benchmarks"
# Kept for the life of the process, then removed.
_SETTINGS: list[tempfile.TemporaryDirectory[str]] = []


def isolate_settings(folder: str) -> None:
    """Name the process as the benchmarks and keep its settings in ``folder`` (settings_in)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(BENCH_NAME)
    QCoreApplication.setApplicationName(BENCH_NAME)
    settings_in(folder)


def settings_in(folder: str) -> None:
    """Point every QSettings at ``folder``, so no run reads or writes a user's settings."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, folder)


def _message_handler(kind: object, context: object, message: str) -> None:
    if not message.startswith(QUIET_MESSAGES):
        print(f"Qt: {message}", flush=True)


def application() -> QApplication:
    """The process's QApplication (offscreen unless QT_QPA_PLATFORM says otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qInstallMessageHandler(_message_handler)
    app = QApplication(["taper-planner-benchmarks"])
    _SETTINGS.append(tempfile.TemporaryDirectory(prefix="taper-bench-settings-"))
    isolate_settings(_SETTINGS[0].name)
    return app

"""Unexpected errors: a short message with "copy details", a log file, and the plan kept safe."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from planner.files.atomic import PRIVATE_FILE_MODE, make_private_folder
from ui import APP_TITLE
from ui.messages import plain_box

LOG_NAME = "errors.log"
# Keep the log from growing without bound on a machine that hits the same fault daily.
MAX_LOG_BYTES = 1_000_000


def write_log(folder: Path, details: str) -> Path:
    """Append an error's details, with the time, to the log in ``folder``; return its path."""
    make_private_folder(folder)  # user-only: a traceback may quote a patient's name
    path = folder / LOG_NAME
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(folder / (LOG_NAME + ".old"))
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, PRIVATE_FILE_MODE)  # a log an older version left 0644
    with os.fdopen(descriptor, "a", encoding="utf-8") as stream:
        stream.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
    return path


def show_error(parent: QWidget | None, summary: str, details: str, log: Path | None) -> None:
    """The dialog: what happened in one line, where the log is, and a copy-details button."""
    from PySide6.QtWidgets import QMessageBox

    where = f"\n\nDetails were written to {log}." if log else ""
    box = plain_box(
        parent,
        QMessageBox.Icon.Critical,
        APP_TITLE,
        "Something went wrong. Your plan is still open and unchanged: save it to be safe.",
        summary + where,
    )
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    copy.clicked.disconnect()  # keep the dialog open after copying
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.exec()


class ErrorReporter:
    """The application's last line of defence, installed as ``sys.excepthook``."""

    def __init__(
        self,
        log_folder: Path,
        parent: Callable[[], QWidget | None],
        keep_work: Callable[[], None],
        show: Callable[[QWidget | None, str, str, Path | None], None] = show_error,
    ) -> None:
        self.log_folder = log_folder
        self.parent = parent
        self.keep_work = keep_work
        self.show = show
        self._reporting = False

    def install(self) -> None:
        """Route uncaught exceptions (including those raised in Qt slots) here."""
        sys.excepthook = self.handle

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """Log, keep the plan in the recovery file, and tell the clinician."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log: Path | None
        try:
            log = write_log(self.log_folder, details)
        except OSError:
            log = None
        try:
            self.keep_work()
        except Exception as keep_error:
            details += f"\nThe recovery copy could not be written: {keep_error!r}"
        if self._reporting:  # an error inside the dialog itself: log only
            return
        self._reporting = True
        try:
            self.show(self.parent(), f"{kind.__name__}: {error}"[:300], details, log)
        finally:
            self._reporting = False

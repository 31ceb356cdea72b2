"""The main window's dialogs: unsaved changes, plan file paths, warnings and About."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

import planner
from planner.catalogue import sources
from planner.files.planfile import SUFFIX
from ui import APP_TITLE
from ui.messages import ask, warn

if TYPE_CHECKING:  # imported where used: PySide6 builds a dialog's type on first import
    from PySide6.QtWidgets import QMessageBox

FILE_FILTER = (
    f"Taper plans and drafts (*{SUFFIX} *.taper-draft.json);;Taper plans (*{SUFFIX});;"
    "Drafts (*.taper-draft.json);;All files (*)"
)


# Module functions: the main window calls them by name, so tests replace them there.
def ask_unsaved_changes(parent: QWidget, name: str) -> QMessageBox.StandardButton:
    """Ask whether to save ``name`` before it is closed: Save, Discard or Cancel."""
    from PySide6.QtWidgets import QMessageBox

    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    return ask(
        parent,
        APP_TITLE,
        f"{name} has unsaved changes. Save them first?",
        buttons,
        QMessageBox.StandardButton.Save,
    )


def choose_open_path(parent: QWidget, folder: str) -> str:
    """Ask for a plan file to open; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getOpenFileName(parent, "Open plan", folder, FILE_FILTER)[0]


def choose_save_path(parent: QWidget, suggested: str) -> str:
    """Ask where to save the plan; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, "Save plan as", suggested, FILE_FILTER)[0]


def tell_user(parent: QWidget, title: str, message: str) -> None:
    """Show a message the clinician must read (a refused file, a failed save)."""
    warn(parent, title, message)


def about_html() -> str:
    """The About text: version, every catalogue source, and the licences."""
    # Loaded when About is first shown: reading package metadata is not start-up work.
    from ui.window.licences import licences_html

    items = "".join(f"<li>{escape(text)}</li>" for text in sources().values())
    return (
        f"<h3>{APP_TITLE} {escape(planner.__version__)}</h3>"
        "<p>Plans a supervised benzodiazepine taper in doses a patient can measure. "
        "It supports, and does not replace, the prescriber's judgement.</p>"
        f"<p><b>Sources</b></p><ul>{items}</ul>" + licences_html()
    )


def show_about(parent: QWidget) -> None:
    """Show the About dialog (version, sources, licences) until it is closed."""
    from ui.window.about import AboutDialog  # loaded when first shown, not at start-up

    AboutDialog(about_html(), parent).exec()

"""Message boxes that show text as typed: never markup, whatever a file or the user wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.messages import for_people

if TYPE_CHECKING:  # imported where used: PySide6 builds a dialog's type on first import
    from PySide6.QtWidgets import QMessageBox


def plain_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
) -> QMessageBox:
    """A message box whose texts are plain text (a file's "<a href>" shows as typed).

    Args:
        parent: the window the box belongs to.
        icon: the box's icon.
        title: the window title.
        text: the main message (made one line with long quotes shortened).
        informative: a second paragraph, also plain text.
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(for_people(text))
    if informative:
        box.setInformativeText(informative)
        # The informative text has no format of its own: its label is made plain as well.
        for label in box.findChildren(QWidget, "qt_msgbox_informativelabel"):
            label.setProperty("textFormat", Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, title: str, message: str) -> None:
    """Show a warning the clinician must read, as plain text."""
    from PySide6.QtWidgets import QMessageBox

    plain_box(parent, QMessageBox.Icon.Warning, title, message).exec()


def critical(parent: QWidget | None, title: str, message: str) -> None:
    """Show an urgent message, as plain text."""
    from PySide6.QtWidgets import QMessageBox

    plain_box(parent, QMessageBox.Icon.Critical, title, message).exec()


def ask(
    parent: QWidget | None,
    title: str,
    message: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> QMessageBox.StandardButton:
    """Ask a question, as plain text; return the button chosen."""
    from PySide6.QtWidgets import QMessageBox

    box = plain_box(parent, QMessageBox.Icon.Question, title, message)
    box.setStandardButtons(buttons)
    box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())

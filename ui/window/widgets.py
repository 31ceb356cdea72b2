"""Small builders for the main window's widgets and actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QScrollArea, QWidget

from ui.elided_label import ElidedLabel


def make_action(
    parent: QWidget, text: str, key: QKeySequence.StandardKey | str | None = None
) -> QAction:
    """An action with a platform standard shortcut or a fixed one ("Ctrl+Shift+P")."""
    action = QAction(text, parent)
    if isinstance(key, QKeySequence.StandardKey):
        action.setShortcuts(key)
    elif key:
        action.setShortcut(QKeySequence(key))
    return action


def form_scroll_area(form: QWidget) -> QScrollArea:
    """The form in a vertical scroll area just wide enough that no field is cut."""
    scroll = QScrollArea()
    scroll.setWidget(form)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scrollbar = scroll.verticalScrollBar().sizeHint().width()
    scroll.setMinimumWidth(form.minimumSizeHint().width() + scrollbar + 4)
    return scroll


def summary_label() -> ElidedLabel:
    """The one-line plan summary over the window, in bold; plain text, never markup.

    On one line at any width: a narrow window cuts its middle with '…' (the tooltip has it
    all), so the patient and drug at its start and the errors and warnings at its end show.
    """
    label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
    label.setStyleSheet("font-size: 11pt; font-weight: bold; padding: 2px 4px;")
    label.setAccessibleName("Plan summary")
    return label

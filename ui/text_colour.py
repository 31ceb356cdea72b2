"""Coloured label text through the palette: muted units and summaries, red errors."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

MUTED = "#555555"  # units, weekdays, the summaries of closed sections
ERROR = "#b00020"  # the messages under the fields


def colour_text(label: QLabel, colour: str) -> None:
    """Show ``label``'s text in ``colour``, in every state (enabled or not, active or not).

    Set on the palette, not with a style sheet: each widget with its own style sheet is
    styled through Qt's style-sheet engine, and the form's 70-odd such labels (most of
    them hidden error lines) took ~20 ms of every start-up. A label inside a widget that
    has a style sheet takes its colour from that sheet instead: see colour_text_in_sheet.
    """
    palette = label.palette()
    # A label paints with its parent's foreground role unless it has its own: a unit
    # inside a line edit paints with the edit's Text, a label in a box with WindowText.
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, QColor(colour))
    label.setPalette(palette)


def colour_text_in_sheet(label: QLabel, colour: str) -> None:
    """``colour_text`` for a label inside a widget with a style sheet (the sheet colours it).

    A sheet's declarations apply to every widget inside it and override a palette, so such
    a label needs a sheet of its own (e.g. in the "Changes apply from" notice).
    """
    label.setStyleSheet(f"color: {colour};")

"""Mouse-wheel safety: an input changes on a wheel event only when the clinician is in it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QWidget

# Inputs that Qt changes on a wheel event by default.
GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    """An event filter: a wheel over an input without focus scrolls what holds it instead.

    A spin box, combo box or slider normally takes focus from the wheel and changes its
    value, so scrolling a long form over a dose field changes the dose. Guarded inputs take
    focus only by click or Tab; a wheel event without focus is ignored by the input and
    passed on to its parents (the form's scroll area scrolls).
    """

    def guard(self, root: QWidget) -> None:
        """Guard ``root`` and every input inside it (call again after adding inputs)."""
        widgets = [root, *root.findChildren(QWidget)]
        for widget in widgets:
            if isinstance(widget, GUARDED):
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                widget.removeEventFilter(self)  # installing twice would filter twice
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            # Ignored and filtered: Qt offers the event to the parents, so the form scrolls.
            event.ignore()
            return True
        return super().eventFilter(watched, event)

"""Mouse-wheel safety: an input changes on a wheel event only when the clinician is in it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

# Inputs that Qt changes on a wheel event by default.
GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    """An event filter: a wheel over an input without focus scrolls what holds it instead.

    A spin box, combo box or slider normally takes focus from the wheel and changes its
    value, so scrolling a long form over a dose field changes the dose. Guarded inputs take
    focus only by click or Tab; a wheel event without focus is kept from the input and
    given to the scroll area around it (the form scrolls).
    """

    def guard(self, root: QWidget) -> None:
        """Guard ``root`` and every input inside it (call again after adding inputs)."""
        # Found by kind: asking for every child made a Python object for each of the
        # form's few hundred widgets, at each call (8 ms of every start-up).
        inputs = [child for kind in GUARDED for child in root.findChildren(kind)]
        for widget in [root, *inputs] if isinstance(root, GUARDED) else inputs:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.removeEventFilter(self)  # installing twice would filter twice
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            assert isinstance(event, QWheelEvent)
            area = _scroll_area_around(watched)
            if area is None:
                event.ignore()  # Qt offers a real wheel event to the parents
                return True
            # The scroll area holding the input scrolls instead (accepted: scrolled once).
            viewport = area.viewport()
            position = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
            forwarded = QWheelEvent(
                position,
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
            )
            QApplication.sendEvent(viewport, forwarded)
            event.accept()
            return True
        return super().eventFilter(watched, event)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area that holds ``widget``, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None

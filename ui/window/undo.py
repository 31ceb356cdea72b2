"""Undo and redo as a stack of TaperPlan values, and the keys that reach them from any field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from planner.model import TaperPlan


class PlanCommand(QUndoCommand):
    """One change of the plan; undo and redo hand a whole plan back to the form."""

    def __init__(
        self, before: TaperPlan, after: TaperPlan, apply_plan: Callable[[TaperPlan], None]
    ) -> None:
        super().__init__("Change plan")
        self.before = before
        self.after = after
        self._apply = apply_plan
        self._done = True  # pushed after the form already shows ``after``

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class PlanUndoKeys(QObject):
    """Routes Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) to the plan's undo wherever the focus is.

    A text field normally claims these keys for its own text undo, so the plan's Undo
    did nothing while a number field had focus. Here the field keeps them only while an
    edit is in progress (typed and not yet planned); otherwise the keys reach the
    window's Undo and Redo actions, as in mature Qt apps. Dialogs (other windows) keep
    their own keys.
    """

    def __init__(
        self,
        window: QWidget,
        pending: QTimer,
        before_undo: Callable[[], None],
    ) -> None:
        """Keys for ``window``; ``pending`` runs while typing waits to be planned.

        A key goes first to the widget with the focus, so each widget of the window is
        watched from when it first takes the focus. An application-wide filter ran Python
        for every event of the application (1 700 before the first paint) and made a
        Python type for each kind of object it saw: ~40 ms of every start-up.
        """
        super().__init__(window)
        self._window = window
        self._pending = pending
        self._before_undo = before_undo
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.on_focus_changed)

    @Slot(QWidget, QWidget)
    def on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and self._window.isAncestorOf(now):
            now.removeEventFilter(self)  # installing twice would filter twice
            now.installEventFilter(self)  # removed by Qt when either is destroyed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_undo_key(event)
            and isinstance(watched, QWidget)
            and self._window.isAncestorOf(watched)
            and not self._edit_in_progress(watched)
        ):
            # Not accepted, so the shortcut goes to the window's action; a pending edit is
            # planned first, so Undo takes back exactly the last change.
            self._before_undo()
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _edit_in_progress(self, target: QWidget) -> bool:
        """True while ``target`` (the focused field) holds typing not yet planned."""
        return (
            self._pending.isActive() and isinstance(target, QLineEdit) and target.isUndoAvailable()
        )


def is_undo_key(event: QKeyEvent) -> bool:
    """True for the undo and redo keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the platform's)."""
    keys = QKeySequence.StandardKey
    if event.matches(keys.Undo) or event.matches(keys.Redo):
        return True
    combination = event.keyCombination()
    ctrl = Qt.KeyboardModifier.ControlModifier
    shift_ctrl = ctrl | Qt.KeyboardModifier.ShiftModifier
    return (combination.keyboardModifiers(), combination.key()) in (
        (shift_ctrl, Qt.Key.Key_Z),
        (ctrl, Qt.Key.Key_Y),
    )

"""Undo and redo as a stack of TaperPlan values: each command holds the plan before and after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

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

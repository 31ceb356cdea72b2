"""The planner's one exception: input a clinician must change, with the field it came from."""

from __future__ import annotations


class PlanError(ValueError):
    """Invalid plan input; the message says what is wrong and what is allowed.

    Attributes:
        field: the TaperPlan field (or file) the problem came from, so the window
            can show the message beside it; "" when it is about the plan as a whole.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field

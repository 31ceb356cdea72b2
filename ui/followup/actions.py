"""The follow-up loop and one-click fixes: edits made outside the form, each one undoable."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QScrollArea, QWidget

from planner.checks.fixes import apply_fix
from planner.dosing.as_custom import as_custom_plan
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.followup.checkins import symptom_name
from planner.followup.history import initial_settings, is_paused, is_under_way, record_checkin
from planner.model import CheckIn, Finding, Schedule, TaperPlan
from ui.followup import clock
from ui.form.sections import reveal
from ui.form.steps_editor import StepsEditor
from ui.messages import critical, warn

if TYPE_CHECKING:
    from ui.followup.checkin_dialog import CheckInDialog

URGENT_TITLE = "Urgent medical review"


# Dialogs are module functions so tests can replace them with monkeypatch.
def urgent_review(parent: QWidget, message: str) -> None:
    """Tell the clinician, unmissably, that a red flag needs urgent medical review."""
    critical(parent, URGENT_TITLE, message)


def cannot_record(parent: QWidget, message: str) -> None:
    """Say why a check-in could not be recorded."""
    warn(parent, "Check-in not recorded", message)


def cannot_edit_steps(parent: QWidget, message: str) -> None:
    """Say why the steps cannot be edited by hand."""
    warn(parent, "Edit steps", message)


def urgent_message(checkin: CheckIn) -> str:
    """The red-flag message: what was reported, and that the taper is paused for review."""
    flags = ", ".join(symptom_name(flag).lower() for flag in checkin.red_flags)
    return (
        f"Red flags reported on {checkin.date:%d %b %Y}: {flags}.\n\n"
        "This needs urgent medical review, not a schedule change. The taper is paused at "
        "the current dose. After the review, record a check-in with the decision "
        '"Resume the taper after the review".'
    )


class PlanEditor(Protocol):
    """What the follow-up actions need from the window: the plan and an undoable edit."""

    def current_plan(self) -> TaperPlan:
        """The plan the form shows."""

    def edit_plan(self, plan: TaperPlan) -> None:
        """Show ``plan`` as one undoable change."""


class FollowUpActions(QObject):
    """Record check-ins, remove the last one, apply fixes (the window draws the original plan).

    Every change goes through ``PlanEditor.edit_plan`` so Undo reverts it.

    Args:
        window: the parent of the actions and of the dialogs they open.
        editor: the plan being edited.
    """

    def __init__(self, window: QWidget, editor: PlanEditor) -> None:
        super().__init__(window)
        self.window = window
        self.editor = editor
        self.dialog: CheckInDialog | None = None
        self.record_action = QAction("&Record check-in…", window)
        self.record_action.setShortcut(QKeySequence("Ctrl+K"))
        self.record_action.setToolTip(
            "Record a follow-up visit: symptoms, red flags and your decision; "
            "the rest of the plan is re-planned from that date"
        )
        self.remove_action = QAction("Remove &last check-in", window)
        self.remove_action.setEnabled(False)
        # For the Edit menu: the plan on screen as custom steps, to change one by hand.
        self.edit_steps_action = QAction("Edit &Steps…", window)
        self.edit_steps_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_steps_action.setToolTip(
            "Turn the schedule on screen into custom steps you can change one by one; "
            "every change is still rounded and checked, and Undo brings the plan back"
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.record_action.triggered.connect(self.on_record_triggered)
        self.remove_action.triggered.connect(self.on_remove_triggered)
        self.edit_steps_action.triggered.connect(self.on_edit_steps_triggered)

    def actions(self) -> list[QAction]:
        """The Follow-up menu's actions."""
        return [self.record_action, self.remove_action]

    @Slot()
    def on_record_triggered(self) -> None:
        # Window-modal and shown with open(), so tests (and the event loop) keep running.
        # Imported when first used: the dialog is not part of the window's start.
        from ui.followup.checkin_dialog import CheckInDialog

        plan = self.editor.current_plan()
        self.dialog = CheckInDialog(plan, self.window, clock.today(), _paused(plan))
        self.dialog.accepted.connect(self.on_dialog_accepted)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()

    @Slot()
    def on_dialog_accepted(self) -> None:
        if self.dialog is None:
            return
        checkin = self.dialog.checkin()
        self.dialog = None
        plan = self.editor.current_plan()
        try:
            changed = record_checkin(plan, checkin, clock.today(), _paused(plan))
            make_schedule(changed, verify_fixes=False)
        except PlanError as error:
            cannot_record(self.window, str(error))
            return
        self.editor.edit_plan(changed)
        if checkin.red_flags:
            urgent_review(self.window, urgent_message(checkin))

    @Slot()
    def on_remove_triggered(self) -> None:
        plan = self.editor.current_plan()
        if _removable(plan):
            self.editor.edit_plan(plan.replace(checkins=plan.checkins[:-1]))

    @Slot()
    def on_edit_steps_triggered(self) -> None:
        plan = self.editor.current_plan()
        if is_under_way(plan, clock.today()):
            cannot_edit_steps(
                self.window,
                "This plan is under way: its steps as custom steps would start again from the "
                "first one. Change it from a date in the form (the steps already taken stay), "
                "or record a check-in.",
            )
            return
        try:
            changed = as_custom_plan(make_schedule(plan, verify_fixes=False))
        except PlanError as error:
            cannot_edit_steps(self.window, str(error))
            return
        if changed != plan:
            self.editor.edit_plan(changed)
        show_steps_editor(self.window)

    @Slot(object)
    def on_fix_requested(self, finding: Finding) -> None:
        self.editor.edit_plan(apply_fix(self.editor.current_plan(), finding))

    @Slot(object)
    def on_schedule_shown(self, schedule: Schedule) -> None:
        self.remove_action.setEnabled(_removable(schedule.plan))


def show_steps_editor(window: QWidget) -> None:
    """Scroll the form to its custom-steps editor and put the cursor in it."""
    editor = window.findChild(StepsEditor)
    if editor is None:
        return
    reveal(editor)  # its section may be closed
    parent = editor.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(editor)
    editor.table.setFocus()


def original_schedule(plan: TaperPlan) -> Schedule | None:
    """The plan as it was before any revision, or None when it has none.

    Every edit of a plan under way shows it again; it changes only with the settings
    before the first revision, so it is planned once for them (a dose edit's 5 ms).
    """
    if not plan.checkins and not plan.changes:
        return None
    return _planned_original(initial_settings(plan))


@functools.lru_cache(maxsize=4)
def _planned_original(settings: TaperPlan) -> Schedule | None:
    try:
        return make_schedule(settings, verify_fixes=False)
    except PlanError:
        return None


def _paused(plan: TaperPlan) -> bool:
    """True while a red flag pauses the plan's taper."""
    try:
        return is_paused(make_schedule(plan, verify_fixes=False).findings)
    except PlanError:
        return False


def _removable(plan: TaperPlan) -> bool:
    """True when the last check-in is the latest revision (a later change rests on it)."""
    return bool(plan.checkins) and all(c.date <= plan.checkins[-1].date for c in plan.changes)

"""Drafts: a plan with an invalid field saved exactly as typed, and opened back the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar, QWidget

from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.atomic import write_atomic
from planner.files.planfile import PlanFileError, loads, plan_to_dict
from planner.files.reader import parse_json
from planner.model import Schedule, TaperPlan
from ui import APP_TITLE
from ui.form.form_state import form_state, restore_form_state
from ui.form.plan_form import PlanForm
from ui.window.settings import AppSettings


class DraftWindow(Protocol):
    """What drafts need of the main window (it imports this module, not the reverse)."""

    form: PlanForm
    path: Path | None
    settings: AppSettings
    undo_stack: QUndoStack

    def current_schedule(self) -> Schedule | None: ...
    def current_plan(self) -> TaperPlan: ...
    def start_plan(self, plan: TaperPlan, path: Path | None) -> None: ...
    def show_status(self, message: str) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def window(self) -> QWidget: ...


DRAFT_SUFFIX = ".taper-draft.json"
DRAFT_FORMAT = 1


def is_draft(path: Path) -> bool:
    """True for a draft file name."""
    return path.name.endswith(DRAFT_SUFFIX)


def draft_path(path: Path) -> Path:
    """``path`` with the draft suffix (whatever plan suffix it had)."""
    stem = path.name.removesuffix(DRAFT_SUFFIX).removesuffix(".json").removesuffix(".taper")
    return path.with_name(stem + DRAFT_SUFFIX)


def ask_save_draft(parent: QWidget, problem: str) -> bool:
    """Before any file name is asked: say the plan is invalid and offer to save a draft."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setWindowTitle(APP_TITLE)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes what was typed
    box.setText(f"This plan cannot be saved as a plan yet: {problem}")
    box.setInformativeText(
        f"Save it as a draft ({DRAFT_SUFFIX})? A draft keeps every field exactly as typed "
        "and opens with the same message; it cannot be printed or exported until the "
        "field is corrected."
    )
    save = box.addButton("Save &Draft…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    return box.clickedButton() is save


def save_draft(window: DraftWindow, path: Path) -> None:
    """Write the form as typed, with the last valid plan behind it, to ``path``.

    Raises:
        PlanFileError: if the file cannot be written.
    """
    shown = window.current_schedule()
    base = shown.plan if shown is not None else TaperPlan()
    content = {
        "draft": DRAFT_FORMAT,
        "app": APP_TITLE,
        "problem": window.form.error_message(),
        "plan": plan_to_dict(base),
        "form": form_state(window.form),
    }
    try:
        data = json.dumps(content, indent=2, ensure_ascii=False).encode("utf-8")
        write_atomic(path, data + b"\n")
    except UnicodeEncodeError as error:
        raise PlanFileError(
            f"Cannot save to {path}: a field holds a character that cannot be saved", field="file"
        ) from error
    except OSError as error:
        raise PlanFileError(f"Cannot save to {path}: {error.strerror}", field="file") from error


def open_draft(window: DraftWindow, path: Path) -> str | None:
    """Show a draft: its plan, then every field as typed (the same message shows again).

    Returns:
        Why the file was refused (missing, damaged, not a draft), or None when shown.
    """
    try:
        plan, state = read_draft(path)
    except PlanFileError as error:
        window.statusBar().showMessage(str(error))
        return str(error)
    window.start_plan(plan, None)
    restore_form_state(window.form, state)
    window.form.flush()  # the same message shows at its field
    window.undo_stack.clear()
    window.undo_stack.setClean()
    window.show_status(f"Opened draft {path.name}: correct the field shown to make it a plan")
    return None


def read_draft(path: Path) -> tuple[TaperPlan, dict[str, object]]:
    """The last valid plan a draft holds and its fields as typed.

    Raises:
        PlanFileError: if the file is missing, damaged or not a draft.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PlanFileError(f"Cannot open {path.name}: {error.strerror}", field="file") from error
    data = parse_json(raw, path.name)
    if not isinstance(data, dict) or data.get("draft") != DRAFT_FORMAT:
        raise PlanFileError(f"{path.name} is not a Taper Planner draft", field="file")
    state = data.get("form")
    if not isinstance(state, dict):
        raise PlanFileError(f"{path.name} holds no form fields", field="file")
    return loads(json.dumps(data.get("plan")), name=path.name), state


def draft_problem(window: DraftWindow) -> str:
    """Why the form cannot be saved as a plan now, or "" when it can."""
    window.form.flush()
    try:
        make_schedule(window.form.build_plan(), verify_fixes=False)
    except PlanError as error:
        return str(error)
    return ""


def offer_draft(
    window: DraftWindow, problem: str, choose_path: Callable[[QWidget, str], str]
) -> bool:
    """Say why the plan cannot be saved, then (if wanted) save a draft; True when saved."""
    from PySide6.QtWidgets import QMessageBox

    parent = window.window()  # the main window itself, as the dialogs' parent
    if not ask_save_draft(parent, problem):
        return False
    folder = Path(window.settings.last_folder() or Path.home())
    stem = window.current_plan().patient.name.strip() or "plan"
    suggested = draft_path(window.path) if window.path else folder / f"{stem}{DRAFT_SUFFIX}"
    chosen = choose_path(parent, str(suggested))
    if not chosen:
        return False
    path = draft_path(Path(chosen))
    try:
        save_draft(window, path)
    except PlanFileError as error:
        QMessageBox.warning(parent, "Cannot save", f"The draft was not saved: {error}")
        return False
    window.undo_stack.setClean()  # the work is safe in the draft
    window.settings.add_recent(path)
    window.show_status(f"Saved draft {path.name}")
    return True

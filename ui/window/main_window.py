"""The main window: plan form, schedule and guidance side by side, with files and undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.planfile import SUFFIX, load_plan, save_plan
from planner.model import Schedule, TaperPlan
from planner.report.summary import summary_line
from ui import APP_TITLE
from ui.followup.actions import FollowUpActions, original_schedule
from ui.followup.changes_bar import ChangesFromBar
from ui.form.plan_form import PlanForm
from ui.guidance.panel import GuidancePanel
from ui.help.guide import help_menu
from ui.printing.actions import ExportActions
from ui.schedule.pane import SchedulePane
from ui.window.caseload_actions import CaseloadActions
from ui.window.dialogs import (
    ask_unsaved_changes,
    choose_open_path,
    choose_save_path,
    show_about,
    tell_user,
)
from ui.window.drafts import draft_problem, is_draft, offer_draft, open_draft
from ui.window.editguard import EditGuard
from ui.window.fix_checker import FixChecker, without_fixes
from ui.window.recent_menu import fill_recent_menu
from ui.window.settings import AppSettings
from ui.window.undo import PlanCommand, PlanUndoKeys
from ui.window.widgets import form_scroll_area, make_action, summary_label

SPLITTER_SIZES = (320, 1030)  # the form, then the schedule (guidance beside the chart)
DEFAULT_SIZE = (1366, 768)  # a common laptop screen; smaller screens get it maximized


class MainWindow(QMainWindow):
    """The planning window; every form edit is planned at once and shown.

    Signals:
        schedule_shown(Schedule): a new valid schedule is on screen.
    """

    schedule_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None, plan: TaperPlan | None = None) -> None:
        super().__init__(parent)
        self.settings = AppSettings()
        self.path: Path | None = None
        self._plan = TaperPlan()
        self._applying = False  # True while undo/redo puts a plan back into the form
        self.guard = EditGuard(self)  # the open file's edit lock and what it held on disk
        self.changes_bar = ChangesFromBar()
        self.undo_stack = QUndoStack(self)
        self.form = PlanForm()
        self.form_scroll = form_scroll_area(self.form)
        self.pane = SchedulePane()
        self.guidance = GuidancePanel()
        self.fix_checker = FixChecker(self, self.form.debounce.isActive)
        self.summary = summary_label()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.changes_bar.over(self.form_scroll), self.pane):
            self.splitter.addWidget(widget)
        self.pane.put_beside_chart(self.guidance)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_menus()
        self.pane.add_header_actions(
            [self.pin_action, self.unpin_action, self.followup.record_action]
        )
        self._connect_signals()
        self.undo_keys = PlanUndoKeys(self, self.form.debounce, self.form.flush)
        self._restore_settings()
        default = TaperPlan(start=dt.date.today())
        self.start_plan(plan or self.settings.default_plan(default), None)

    # ------------------------------------------------------------ building
    def _action(self, text: str, key: QKeySequence.StandardKey | str | None = None) -> QAction:
        return make_action(self, text, key)

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New", keys.New)
        self.open_action = self._action("&Open…", keys.Open)
        self.save_action = self._action("&Save", keys.Save)
        self.save_as_action = self._action("Save &As…", keys.SaveAs)
        self.quit_action = self._action("&Quit", keys.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.pin_action = self._action("&Pin for comparison", "Ctrl+Shift+P")
        self.pin_action.setToolTip("Keep this schedule on the chart while you try another")
        self.unpin_action = self._action("U&npin", "Ctrl+Shift+U")
        self.unpin_action.setEnabled(False)
        self.about_action = self._action("&About Taper Planner")
        self.followup = FollowUpActions(self, self)
        self.caseload = CaseloadActions(self, self)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.build_file_menu(self.file_menu)
        self.exports = ExportActions(self, self)
        self.file_menu.insertActions(self.export_separator, self.exports.actions())
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action, self.exports.copy_text_action])
        edit.addAction(self.followup.edit_steps_action)
        compare = [self.pin_action, self.unpin_action, self.pane.percent_action]
        bar.addMenu("&Compare").addActions(compare)
        bar.addMenu("F&ollow-up").addActions(self.followup.actions())
        bar.addMenu("&Help").addActions(help_menu(self, self.form.rows, self.about_action))

    def build_file_menu(self, menu: QMenu) -> None:
        """Fill the File menu (the export actions go in before the last separator)."""
        menu.addActions([self.new_action, self.open_action, self.caseload.open_action])
        self.recent_menu = menu.addMenu("Open &Recent")
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action])
        menu.addSeparator()
        self.export_separator = menu.addSeparator()
        menu.addAction(self.quit_action)

    def _connect_signals(self) -> None:
        self.form.plan_changed.connect(self.on_form_plan_changed)
        self.form.input_rejected.connect(self.on_form_input_rejected)
        self.changes_bar.date_changed.connect(self.form.replan)  # an edit refused may apply now
        self.guidance.step_activated.connect(self.on_guidance_step_activated)
        self.guidance.fix_requested.connect(self.followup.on_fix_requested)
        # Only the fixes differ from the schedule shown: no redraw, the panel offers them.
        self.fix_checker.checked.connect(self.pane.adopt)
        self.pane.chart.blit.drawn.connect(self.fix_checker.on_schedule_drawn)
        self.fix_checker.checked.connect(self.guidance.set_schedule)
        self.schedule_shown.connect(self.followup.on_schedule_shown)
        self.undo_stack.cleanChanged.connect(self.on_undo_stack_clean_changed)
        self.new_action.triggered.connect(self.on_new_triggered)
        self.open_action.triggered.connect(self.on_open_triggered)
        self.save_action.triggered.connect(self.on_save_triggered)
        self.save_as_action.triggered.connect(self.on_save_as_triggered)
        self.quit_action.triggered.connect(self.close)
        self.pin_action.triggered.connect(self.on_pin_triggered)
        self.unpin_action.triggered.connect(self.on_unpin_triggered)
        self.about_action.triggered.connect(self.on_about_triggered)
        self.recent_menu.aboutToShow.connect(self.on_recent_menu_about_to_show)

    def _restore_settings(self) -> None:
        self.restored_geometry = self.settings.restore_layout(self, DEFAULT_SIZE, self._splitters())
        self.settings.keep_sections(self.form.sections)

    def _splitters(self) -> dict[str, tuple[QSplitter, tuple[int, ...]]]:
        """The window's splitters by settings key, each with its sizes the first time."""
        return {
            "window/columns": (self.splitter, SPLITTER_SIZES),
            "window/chart_splitter": (self.pane.splitter, (300, 300)),
            "window/guidance_splitter": (self.pane.top, (700, 330)),
        }

    # ------------------------------------------------------------ the plan
    def current_schedule(self) -> Schedule | None:
        """The schedule on screen (the last valid one) with its fixes, for printing and export."""
        self.fix_checker.finish()
        return self.pane.schedule()

    def schedule_is_stale(self) -> bool:
        """True when the schedule on screen no longer matches the form."""
        return self.pane.is_stale()

    def show_status(self, message: str) -> None:
        """A short message in the status bar for five seconds."""
        self.statusBar().showMessage(message, 5000)

    def current_plan(self) -> TaperPlan:
        """The plan the form holds now (valid or not)."""
        return self._plan

    def start_plan(self, plan: TaperPlan, path: Path | None) -> None:
        """Show a fresh plan (new, opened or the demo) with an empty undo history."""
        self.guard.follow(path)
        self.path = path
        self._plan = plan
        self.undo_stack.clear()
        self.form.set_plan(plan)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._update_title()

    def edit_plan(self, plan: TaperPlan) -> None:
        """Make a change from outside the form (a fix, a check-in) as one undoable edit."""
        self.form.set_plan(self.changes_bar.expect(plan))

    def _apply_plan(self, plan: TaperPlan) -> None:
        """Undo/redo: put a plan from the history back into the form."""
        self._plan = plan
        # The form echoes the plan back; while the stack undoes or redoes, that echo
        # must never push a new command (QUndoStack forbids it, and crashes).
        self._applying = True
        try:
            self.form.set_plan(plan)
        finally:
            self._applying = False

    @Slot(object)
    def on_form_plan_changed(self, plan: TaperPlan) -> None:
        if self._applying:
            self._plan = plan
        elif plan != self._plan:
            edited = self.changes_bar.applied(self._plan, plan, self.on_form_input_rejected)
            if edited is None:
                return
            self.undo_stack.push(PlanCommand(self._plan, edited, self._apply_plan))
            self._plan = plan = edited
        try:
            planned = make_schedule(plan, verify_fixes=False)  # the fixes are tried after
        except PlanError as error:
            self.on_form_input_rejected(error)
            return
        schedule = without_fixes(planned)
        self.form.clear_errors()
        self.statusBar().clearMessage()
        # With the plan before its check-ins, if any: the chart is scaled once for both.
        self.pane.show_schedule(schedule, original_schedule(schedule.plan))
        self.guidance.set_schedule(schedule)
        self.fix_checker.start(planned, self.changes_bar.fix_applied)
        self.changes_bar.set_plan(plan)
        name = plan.patient.name
        self.summary.setText((f"{name}: " if name else "") + summary_line(schedule))
        self.schedule_shown.emit(schedule)
        self.pane.settle()  # after everything above changed the chart: one paint shows all

    @Slot(object)
    def on_form_input_rejected(self, error: PlanError) -> None:
        self.fix_checker.cancel()
        label = self.form.show_error(error)
        self.form_scroll.ensureWidgetVisible(label)
        self.statusBar().showMessage(str(error))
        if self.pane.schedule() is None:
            self.summary.setText(f"No schedule yet: {error}")
            return
        self.pane.set_stale(str(error))
        self.guidance.set_stale(True)
        if not self.summary.text().startswith("Out of date"):
            self.summary.setText(f"Out of date — {self.summary.text()}")

    @Slot(int)
    def on_guidance_step_activated(self, step_number: int) -> None:
        self.pane.select_step(step_number)

    @Slot(bool)
    def on_undo_stack_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self._display_name()}[*] — {APP_TITLE}")
        self.setWindowModified(not self.undo_stack.isClean())

    def _display_name(self) -> str:
        read_only = " (read-only)" if self.guard.read_only else ""
        return self.path.name + read_only if self.path is not None else "Untitled"

    # ------------------------------------------------------------ files
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is safe to go on."""
        from PySide6.QtWidgets import QMessageBox

        if self.undo_stack.isClean():
            return True
        answer = ask_unsaved_changes(self, self._display_name())
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open_path(self, path: Path) -> str | None:
        """Open a plan file or a draft; returns the reason it was refused, or None."""
        if is_draft(path):
            return open_draft(self, path)
        try:
            plan = load_plan(path)
        except PlanError as error:
            self.statusBar().showMessage(str(error))
            return str(error)
        if not self.guard.claim(path):  # another app has it and the clinician cancelled
            return None
        self.start_plan(plan, path)
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"Opened {path.name}", 5000)
        return None

    def save(self) -> bool:
        """Save to the current file, or ask where (an invalid plan: offer a draft first)."""
        if self.path is None or draft_problem(self):
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there; True when saved."""
        if problem := draft_problem(self):
            return offer_draft(self, problem, choose_save_path)
        folder = Path(self.settings.last_folder() or Path.home())
        stem = self._plan.patient.name.strip() or "plan"
        chosen = choose_save_path(self, str(folder / f"{stem}{SUFFIX}"))
        if not chosen:
            return False
        path = Path(chosen)
        if not path.name.endswith(SUFFIX):
            path = path.with_name(path.name.removesuffix(".json") + SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the form's plan to ``path``; True when saved."""
        try:
            # A plan the planner refuses could not be opened again.
            make_schedule(self._plan, verify_fixes=False)
            if (guarded := self.guard.before_save(path, self)) is not None:
                return guarded  # locked elsewhere or changed on disk: reloaded, saved as, or not
            save_plan(self._plan, path)
        except PlanError as error:
            tell_user(self, "Cannot save", f"The plan was not saved: {error}")
            return False
        self.guard.saved(path)
        self.path = path
        self.undo_stack.setClean()
        self.settings.add_recent(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    @Slot()
    def on_new_triggered(self) -> None:
        if self.maybe_save():
            self.start_plan(self.settings.default_plan(TaperPlan(start=dt.date.today())), None)

    @Slot()
    def on_open_triggered(self) -> None:
        if not self.maybe_save():
            return
        chosen = choose_open_path(self, self.settings.last_folder())
        if chosen:
            self._open_and_report(Path(chosen))

    def _open_and_report(self, path: Path) -> None:
        refused = self.open_path(path)
        if refused is not None:
            tell_user(self, "Cannot open plan", refused)

    @Slot()
    def on_save_triggered(self) -> None:
        self.save()

    @Slot()
    def on_save_as_triggered(self) -> None:
        self.save_as()

    @Slot()
    def on_recent_menu_about_to_show(self) -> None:
        fill_recent_menu(self.recent_menu, self.settings, self.on_recent_action_triggered)

    @Slot()
    def on_recent_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and self.maybe_save():
            self._open_and_report(Path(str(action.data())))

    # ------------------------------------------------------------ compare, help, close
    @Slot()
    def on_pin_triggered(self) -> None:
        self.pane.pin()
        self.unpin_action.setEnabled(self.pane.pinned() is not None)

    @Slot()
    def on_unpin_triggered(self) -> None:
        self.pane.unpin()
        self.unpin_action.setEnabled(False)

    @Slot()
    def on_about_triggered(self) -> None:
        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_layout(self, self._splitters())
        self.settings.save_defaults(self._plan)
        self.settings.sync()
        self.guard.release()
        event.accept()

"""Random, seeded clinician actions on the main window, and the checks run after each one.

tests/ui/test_monkey.py drives a ``Monkey``; every choice comes from one ``random.Random(seed)``
so a failing run replays exactly with ``MONKEY_SEED=<seed>``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.followup.history import record_change, settings
from planner.model import TIMES_OF_DAY, FollowUpAction, Schedule, Step, StepKind, format_mg
from tests.planner.followup.invariants import (
    broken_pauses,
    days_before,
    lowered_holds,
    misquoted_doses,
)
from tests.ui.conftest import Dialogs
from ui.followup import clock
from ui.followup.checkin_dialog import earliest_checkin
from ui.form.date_field import DateField, date_text
from ui.form.number_field import NumberField, number_text
from ui.window.main_window import MainWindow

# Dates no one can mean, or not written as a date; and a date far from any plan.
BAD_DATES = (
    "2026-02-30", "31 Apr 2026", "30 Feb 2026", "2026-13-01", "Tue 30 Nov 2026", "abc", "",
    "30/11/2026", "0000-01-01", "1890-06-01", "2030-01-01", "1 Nox 2026", "2026-11", " ",
)  # fmt: skip
# Text a clinician (or a cat on the keyboard) might type into a number box.
NUMBER_TEXTS = (
    "0", "1", "2", "5", "7", "10", "14", "28", "0.5", "0.25", "1.5", "2.5", ".5", "12.125",
    "-", "-1", "-0.5", ".", "..", "1.2.3", "abc", "e", "1e3", "99999999999", "1" * 30, "0000",
    "50", "100", "200", "3,5", " ", "+", "%", "mg",
)  # fmt: skip
NAME_TEXTS = (
    "Ann", "Mr O'Brien", "<b>bold</b>", "A & B", "Zoë Ørsted", "x" * 300, "   ", "123",
    "semi;colon", "日本語", "😀",
)  # fmt: skip
BAD_BANDS = (
    "abc", "20=", "=4", "20=4/x", "-1=2", "1e999=1", "nan=1", "inf=2", "20=4,,", "0=0",
    "20=4/0", "20=4/-7", "5=10", "20=4;10=2", "20==4", "1" * 40 + "=1", ",", "0=-1",
)  # fmt: skip
# "nan" once made the plan unequal to itself, so Undo pushed a command from inside
# QUndoStack.undo() and the next Redo crashed; StepsEditor now refuses it.
CELL_TEXTS = ("", "0", "0.5", "1", "2.5", "7", "14", "-1", "x", "1e9", "inf", "nan", "3.25", " 2 ")
NOTE_TEXTS = ("", "sleeping badly", "<i>anxious</i>", "agreed to hold", "n" * 600)
SAVE_NAMES = ("plan1.taper.json", "plan2.taper.json", "plan3", "plan4.json", "")
UNSAVED_ANSWERS = (
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Cancel,
)
BOGUS_LINKS = ("step:0", "step:999", "fix:999", "fix:x", "fix:", "mailto:x")
LINK = re.compile(r'href="((?:fix|step):[^"]*)"')
# Every so many valid plans, the blitted chart is compared with a full redraw (20 ms each).
PICTURE_CHECK_EVERY = 25


def label(widget: QWidget) -> str:
    """A widget's name in the action log: its accessible name, its text, or its class."""
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return widget.accessibleName() or text or type(widget).__name__


def rises(schedule: Schedule) -> list[str]:
    """Places where a dose at some time of day rises outside a switch or a step-back."""
    plan = schedule.plan
    tapered = plan.switch_to or plan.drug
    step_backs = {
        checkin.date
        for checkin in plan.checkins
        if checkin.action is FollowUpAction.STEP_BACK and not checkin.red_flags
    }

    def in_switch(step: Step) -> bool:
        return step.kind is StepKind.SWITCH or any(d.drug != tapered for d in step.doses)

    steps = [s for s in schedule.steps if s.kind is not StepKind.STABILISE and not in_switch(s)]
    problems = []
    for before, after in pairwise(steps):
        if after.kind is StepKind.HOLD and after.start in step_backs:
            continue
        for time in TIMES_OF_DAY:
            old = sum(dose.mg for dose in before.doses_at(time) if dose.drug == tapered)
            new = sum(dose.mg for dose in after.doses_at(time) if dose.drug == tapered)
            if new > old + 1e-9:
                problems.append(
                    f"{time} dose rises from {format_mg(old)} mg (step {before.index}, "
                    f"{before.kind}) to {format_mg(new)} mg (step {after.index}, {after.kind})"
                )
    return problems


def inputs_in(root: QWidget) -> list[QWidget]:
    """Every input inside ``root``: text and number fields, dates, spin boxes, lists, ticks."""
    kinds = (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractButton)
    found = [widget for widget in root.findChildren(QWidget) if isinstance(widget, kinds)]
    return [
        widget
        for widget in found
        if not isinstance(widget, QAbstractButton) or widget.isCheckable()
        if not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)  # their own edit
    ]


def send_wheel(widget: QWidget, notches: int) -> None:
    """Turn the mouse wheel ``notches`` over ``widget``'s centre, as the window system does."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def input_state(widget: QWidget) -> object:
    """What one input holds: its chosen item, its tick, or its text."""
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    assert isinstance(widget, QAbstractSpinBox | QLineEdit)
    return widget.text()


class Monkey:
    """Performs random actions on ``window``; ``log`` names each one for the failure report."""

    def __init__(
        self,
        qtbot: QtBot,
        window: MainWindow,
        dialogs: Dialogs,
        folder: Path,
        rng: random.Random,
        log_path: Path | None = None,
    ) -> None:
        self.qtbot = qtbot
        self.window = window
        self.dialogs = dialogs
        self.folder = folder
        self.rng = rng
        self.log: list[str] = []
        # Written as it goes, so a hard crash still leaves the actions that led to it.
        self.log_file = None if log_path is None else log_path.open("w", encoding="utf-8")
        self.urgent: list[str] = []
        self.invalid_streak = 0  # actions in a row after which the planner refused the input
        self.valid_checks = 0
        self.refused: list[str] = []
        self.last_shown: Schedule | None = None
        junk = folder / "junk.taper.json"
        junk.write_text("{not json", encoding="utf-8")
        self.open_candidates = [junk, folder / "missing.taper.json"]
        form = window.form
        method = form.method
        self.spins: list[NumberField] = [
            *form.doses.values(), form.interval, form.stabilise, form.maintenance,
            method.percent_current, method.slow_below, method.slow_percent,
            method.percent_original, method.final_percent, method.amount, method.occupancy,
            method.emax, method.ed50, form.switch.step_days,
        ]  # fmt: skip
        self.dates: list[DateField] = [form.start, form.date_of_birth]
        self.combos: list[QComboBox] = [
            form.region, form.drug, form.formulation, form.equivalence, form.policy,
            method.method_combo, form.switch.formulation, form.switch.order, form.factors.risk,
        ]  # fmt: skip
        self.checks: list[QAbstractButton] = [
            form.switch.enabled_check,
            form.switch.enabled_check,  # the switch matters most: twice the chance
            *form.factors.checks.values(),
        ]
        self.actions: list[tuple[int, Callable[[], None]]] = [
            (14, self.type_number),
            (3, self.step_spin),
            (6, self.wheel_over_input),
            (1, self.wheel_over_every_input),
            (3, self.step_or_type_date),
            (10, self.choose_combo),
            (7, self.toggle_check),
            (2, self.type_name),
            (4, self.type_bands),
            (4, self.edit_custom_steps),
            (5, self.undo),
            (3, self.redo),
            (2, self.pin_or_unpin),
            (1, self.new_plan),
            (2, self.save),
            (2, self.open_plan),
            (1, self.open_recent),
            (4, self.click_link),
            (2, self.select_step),
            (5, self.record_checkin),
            (1, self.remove_checkin),
        ]

    # ------------------------------------------------------------ running
    def step(self) -> None:
        """Do one random action and let the debounced re-plan happen."""
        weights = [weight for weight, _ in self.actions]
        action = self.rng.choices([act for _, act in self.actions], weights)[0]
        if self.invalid_streak > 5 and self.rng.random() < 0.3:
            action = self.undo  # as a clinician would, rather than stay stuck on an error
        action()
        self.settle()

    def settle(self) -> None:
        """Run the event loop until the form's debounce (0 ms in tests) has fired."""
        QApplication.processEvents()
        debounce = self.window.form.debounce
        if debounce.isActive():
            self.qtbot.waitUntil(lambda: not debounce.isActive(), timeout=2000)

    def note(self, text: str) -> None:
        self.log.append(text)
        if self.log_file is not None:
            self.log_file.write(f"{len(self.log)}. {text}\n")
            self.log_file.flush()

    def close(self) -> None:
        """Close the action log file."""
        if self.log_file is not None:
            self.log_file.close()

    def pick(self, items: list[str] | tuple[str, ...]) -> str:
        return items[self.rng.randrange(len(items))]

    def type_text(
        self, box: QAbstractSpinBox | QLineEdit, text: str, enter: bool | None = None
    ) -> None:
        """Select everything in ``box`` and type ``text`` over it ("" deletes it).

        Enter (by default, every other time) commits a spin box's text (fixes it up); in a
        dialog it would press the default button, so dialog inputs pass ``enter=False``.
        """
        box.setFocus()
        box.selectAll()
        if text and not text.isascii():
            # QTest types ASCII only; other text arrives as one key event, as from an IME.
            event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text)
            QApplication.sendEvent(box, event)
        elif text:
            self.qtbot.keyClicks(box, text)
        else:
            self.qtbot.keyClick(box, Qt.Key.Key_Backspace)
        if enter is None:
            enter = self.rng.random() < 0.5
        if enter:
            self.qtbot.keyClick(box, Qt.Key.Key_Return)

    # ------------------------------------------------------------ form inputs
    def nearby(self, box: NumberField) -> str:
        """A value a few steps from what ``box`` holds, as a clinician would type it."""
        held = box.value() if box.is_valid() else box.minimum()
        value = held + self.rng.randint(-4, 4) * box.singleStep()
        value = min(max(value, box.minimum()), box.maximum())
        return number_text(value, box.decimals())

    def input_states(self, root: QWidget | None = None) -> list[tuple[str, object]]:
        """What every input in ``root`` (the form) holds now: text, chosen item or tick."""
        return [
            (label(widget), input_state(widget)) for widget in inputs_in(root or self.window.form)
        ]

    def wheel_over_every_input(self) -> None:
        """Turn the wheel over each input of the form in turn, none with focus."""
        inputs = inputs_in(self.window.form)
        self.note(f"wheel over every input of the form ({len(inputs)}, no focus)")
        before = self.input_states()
        for widget in inputs:
            widget.clearFocus()
            for notches in (-1, 2):
                send_wheel(widget, notches)
        changed = [
            f"{name}: {old!r} -> {new!r}"
            for (name, old), (_, new) in zip(before, self.input_states(), strict=True)
            if old != new
        ]
        assert not changed, "a wheel event without focus changed " + "; ".join(changed)

    def wheel_over_input(self, root: QWidget | None = None) -> None:
        """Turn the mouse wheel over an input without focus: no input anywhere may change.

        Every input of ``root`` (the form, or a dialog) is a candidate: fields, dates, spin
        boxes, lists, ticks and the products' rows, as they are now.
        """
        root = root or self.window.form
        inputs = inputs_in(root)
        widget = inputs[self.rng.randrange(len(inputs))]
        if widget.hasFocus():
            widget.clearFocus()
        notches = self.rng.choice((-3, -1, 1, 2))
        self.note(f"wheel {notches:+d} over {label(widget)} (no focus)")
        before = self.input_states(root)
        send_wheel(widget, notches)
        after = self.input_states(root)
        changed = [
            f"{name}: {old!r} -> {new!r}"
            for (name, old), (_, new) in zip(before, after, strict=True)
            if old != new
        ]
        assert not changed, "a wheel event without focus changed " + "; ".join(changed)

    def type_number(self) -> None:
        box = self.spins[self.rng.randrange(len(self.spins))]
        text = self.nearby(box) if self.rng.random() < 0.6 else self.pick(NUMBER_TEXTS)
        self.note(f"type {text!r} into {label(box)}")
        self.type_text(box, text)

    def step_spin(self) -> None:
        box = self.spins[self.rng.randrange(len(self.spins))]
        key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp])
        count = self.rng.randint(1, 6)
        self.note(f"press {key.name} ×{count} in {label(box)}")
        box.setFocus()
        for _ in range(count):
            self.qtbot.keyClick(box, key)

    def step_or_type_date(self) -> None:
        box = self.dates[self.rng.randrange(len(self.dates))]
        if self.rng.random() < 0.4:
            key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageDown])
            count = self.rng.randint(1, 4)
            self.note(f"press {key.name} ×{count} in {label(box)}")
            box.setFocus()
            for _ in range(count):
                self.qtbot.keyClick(box, key)
            return
        held = box.date() if box.is_valid() else None
        if held is not None and self.rng.random() < 0.6:
            day = held + dt.timedelta(days=self.rng.randint(-40, 40))
            text = self.rng.choice([date_text(day), day.isoformat(), f"{day:%a %-d %B %Y}"])
        else:
            text = self.pick(BAD_DATES)
        self.note(f"type date {text!r} into {label(box)}")
        self.type_text(box, text)

    def choose_combo(self) -> None:
        combo = self.combos[self.rng.randrange(len(self.combos))]
        if combo.count() == 0 or not combo.isEnabled():
            self.note(f"(no choice in {label(combo)})")
            return
        index = self.rng.randrange(combo.count())
        self.note(f"choose {combo.itemText(index)!r} in {label(combo)}")
        combo.setCurrentIndex(index)

    def toggle_check(self) -> None:
        check = self.checks[self.rng.randrange(len(self.checks))]
        self.note(f"click {check.text()!r} (was {check.isChecked()}, on={check.isEnabled()})")
        check.click()

    def type_name(self) -> None:
        box = self.rng.choice([self.window.form.patient_name, self.window.form.prescriber])
        text = self.pick(NAME_TEXTS) if self.rng.random() < 0.9 else ""
        self.note(f"type {text[:40]!r} into {label(box)}")
        self.type_text(box, text)

    def type_bands(self) -> None:
        method = self.window.form.method
        if self.rng.random() < 0.6:
            # Mostly bands a clinician means: falling thresholds, each with a cut.
            above = sorted(self.rng.sample([0, 1, 2, 5, 10, 15, 20, 30, 40], 3), reverse=True)
            parts = [
                f"{a}={self.pick(('0.25', '0.5', '1', '2', '4'))}"
                + (f"/{self.rng.choice((7, 14, 28))}" if self.rng.random() < 0.3 else "")
                for a in above
            ]
            text = ",".join(parts)
        else:
            text = self.pick(BAD_BANDS) if self.rng.random() < 0.9 else ""
        if self.rng.random() < 0.5:
            method.method_combo.setCurrentIndex(method.method_combo.findData("bands"))
        self.note(f"type bands {text!r} (method {method.method()})")
        self.type_text(method.bands, text)

    def edit_custom_steps(self) -> None:
        method = self.window.form.method
        editor = method.custom
        if self.rng.random() < 0.5:
            method.method_combo.setCurrentIndex(method.method_combo.findData("custom"))
        table = editor.table
        roll = self.rng.random()
        if roll < 0.35 or table.rowCount() == 0:
            self.note(f"add a custom step (rows {table.rowCount()})")
            editor.add_button.click()
        elif roll < 0.55:
            row = self.rng.randrange(-1, table.rowCount())
            self.note(f"remove custom step row {row} (rows {table.rowCount()})")
            table.setCurrentCell(row, 0)
            editor.remove_button.click()
        else:
            row, column = self.rng.randrange(table.rowCount()), self.rng.randrange(2)
            text = self.pick(CELL_TEXTS)
            self.note(f"set custom step cell ({row}, {column}) to {text!r}")
            item = table.item(row, column)
            if item is not None:
                item.setText(text)

    # ------------------------------------------------------------ window actions
    def undo(self) -> None:
        self.note(f"undo (enabled={self.window.undo_action.isEnabled()})")
        self.window.undo_action.trigger()

    def redo(self) -> None:
        self.note(f"redo (enabled={self.window.redo_action.isEnabled()})")
        self.window.redo_action.trigger()

    def pin_or_unpin(self) -> None:
        action = self.rng.choice([self.window.pin_action, self.window.unpin_action])
        self.note(f"{action.text()} (enabled={action.isEnabled()})")
        action.trigger()

    def _answer_unsaved(self) -> str:
        self.dialogs.unsaved_answer = self.rng.choice(UNSAVED_ANSWERS)
        name = self.pick(SAVE_NAMES)
        self.dialogs.save_path = str(self.folder / name) if name else ""
        return f"unsaved answer {self.dialogs.unsaved_answer.name}, save path {name!r}"

    def new_plan(self) -> None:
        self.note(f"New ({self._answer_unsaved()})")
        self.window.new_action.trigger()

    def save(self) -> None:
        name = self.pick(SAVE_NAMES)
        self.dialogs.save_path = str(self.folder / name) if name else ""
        action = self.rng.choice([self.window.save_action, self.window.save_as_action])
        self.dialogs.draft_answer = self.rng.random() < 0.5  # when invalid: save a draft?
        self.note(
            f"{action.text()} as {name!r} (path {self.window.path}, "
            f"draft if invalid: {self.dialogs.draft_answer})"
        )
        action.trigger()
        if self.window.path is not None and self.window.path not in self.open_candidates:
            self.open_candidates.append(self.window.path)
        for draft in self.folder.glob("*.taper-draft.json"):
            if draft not in self.open_candidates:
                self.open_candidates.append(draft)  # drafts are opened again later

    def open_plan(self) -> None:
        path = self.rng.choice([*self.open_candidates, None])
        self.dialogs.open_path = "" if path is None else str(path)
        self.note(f"Open {path.name if path else '(cancel)'} ({self._answer_unsaved()})")
        self.window.open_action.trigger()

    def open_recent(self) -> None:
        menu = self.window.recent_menu
        menu.aboutToShow.emit()
        actions = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
        if not actions:
            self.note("(no recent plans)")
            return
        action = self.rng.choice(actions)
        self.note(f"Open Recent {action.text()!r} ({self._answer_unsaved()})")
        action.trigger()

    def click_link(self) -> None:
        shown = LINK.findall(self.window.guidance.browser.toHtml())
        use_shown = shown and self.rng.random() < 0.85
        href = self.rng.choice(shown) if use_shown else self.pick(BOGUS_LINKS)
        self.note(f"click link {href!r} ({len(shown)} links shown)")
        self.window.guidance.on_browser_anchor_clicked(QUrl(href))

    def select_step(self) -> None:
        pane = self.window.pane
        if self.rng.random() < 0.5:
            row = self.rng.randrange(-1, pane.model.rowCount() + 1)
            self.note(f"select table row {row}")
            pane.table.select_row(row)
            return
        canvas = pane.chart.canvas
        point = QPoint(self.rng.randrange(max(canvas.width(), 1)), canvas.height() // 2)
        self.note(f"click the chart at {point.x()},{point.y()}")
        self.qtbot.mouseMove(canvas, point)
        self.qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)

    # ------------------------------------------------------------ follow-up
    def record_checkin(self) -> None:
        followup = self.window.followup
        followup.record_action.trigger()
        dialog = followup.dialog
        assert dialog is not None and dialog.isVisible(), "the check-in dialog did not open"
        plan = self.window.current_plan()
        earliest = earliest_checkin(plan)
        shown = self.window.current_schedule()
        span = (shown.end_date - earliest).days if shown is not None else 0
        day = earliest + dt.timedelta(days=self.rng.randint(0, max(span, 0) + 30))
        if self.rng.random() < 0.1:  # typed wrong, or a visit that has not happened yet
            self.type_text(dialog.date, self.pick((*BAD_DATES, day.isoformat())), enter=False)
        else:
            dialog.date.set_date(min(day, clock.today()))
        words = [f"check-in on {dialog.date.text()!r}"]
        if self.rng.random() < 0.2:
            self.wheel_over_input(dialog)
        for symptom in self.rng.sample(sorted(dialog.severities), self.rng.randint(0, 4)):
            severity = self.rng.randint(0, 3)
            self.type_text(dialog.severities[symptom], str(severity), enter=False)
            words.append(f"{symptom}={severity}")
        if self.rng.random() < 0.15:
            flag = self.rng.choice(sorted(dialog.red_flags))
            dialog.red_flags[flag].click()
            words.append(f"red flag {flag}")
        if dialog.action.isEnabled():
            dialog.action.setCurrentIndex(self.rng.randrange(dialog.action.count()))
        words.append(f"action {dialog.action.currentData()}")
        if dialog.hold_days.isEnabled() and self.rng.random() < 0.5:
            days = self.pick(("1", "7", "14", "21", "0", "999", "x"))
            self.type_text(dialog.hold_days, days, enter=False)
        words.append(f"hold {dialog.hold_days.text()!r}")
        note = self.pick(NOTE_TEXTS)
        if note:
            self.qtbot.keyClicks(dialog.note, note)
        accept = self.rng.random() < 0.85
        words.append("Record" if accept else "Cancel")
        self.note(", ".join(words))
        button = (
            QDialogButtonBox.StandardButton.Ok if accept else QDialogButtonBox.StandardButton.Cancel
        )
        dialog.buttons.button(button).click()
        if accept and dialog.isVisible():
            # A date or hold the dialog cannot read: it says what to correct, records nothing.
            assert dialog.error.text(), "the check-in dialog stayed open without saying why"
            self.note(f"not recorded: {dialog.error.text()}; Cancel")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        assert not dialog.isVisible(), "the check-in dialog stayed open"

    def remove_checkin(self) -> None:
        action = self.window.followup.remove_action
        self.note(f"remove last check-in (enabled={action.isEnabled()})")
        action.trigger()

    # ------------------------------------------------------------ invariants
    def check_invariants(self) -> None:
        """What must hold after any action (AssertionError says which and why)."""
        window = self.window
        assert window.summary.text().strip(), "the summary line is empty"
        shown = window.current_schedule()
        if shown is not None:
            self.check_record(shown)
            problems = rises(shown)
            assert not problems, "the window shows rising doses: " + "; ".join(problems)
            final = shown.steps[-1] if shown.steps else None
            ends = final is not None and final.days == 0
            assert ends and final.kind in (StepKind.STOP, StepKind.MAINTAIN), (
                "the schedule does not end in a stop or ongoing maintenance"
            )
        try:
            plan = window.form.build_plan()
            make_schedule(plan)
            # A plan under way: the edit applies from a date, or the record refuses it.
            record_change(
                window.current_plan(),
                plan,
                window.changes_bar.from_date(window.current_plan()),
                clock.today(),
            )
            # ...and the plan as the window made it (from that date) must plan too: a change
            # dated inside a switch is refused there although the whole plan would plan.
            make_schedule(window.current_plan(), verify_fixes=False)
        except PlanError:
            self.invalid_streak += 1
            return  # invalid input: the window shows the last valid schedule, marked stale
        self.invalid_streak = 0
        assert shown is not None, "valid input but no schedule shown"
        assert shown.plan == window.current_plan(), "the schedule shown is of another plan"
        assert settings(window.current_plan()) == settings(plan), (
            "the window's plan is not the form's plan"
        )
        assert window.current_plan().patient == plan.patient, "the patient is not the form's"
        rows = window.pane.model.rowCount()
        assert rows == len(shown.steps), f"table has {rows} rows for {len(shown.steps)} steps"
        assert not window.pane.is_stale(), "valid input but the schedule is marked out of date"
        assert window.pane.chart.schedule is shown, "the chart shows another schedule"
        self.valid_checks += 1
        if self.valid_checks % PICTURE_CHECK_EVERY == 0:
            self.check_chart_picture()

    def check_record(self, shown: Schedule) -> None:
        """The follow-up record: the taken past stays, holds hold, pauses last, doses quoted.

        When an action adds a revision, no day before its date differs from the schedule
        shown before it.
        """
        problems = [*lowered_holds(shown), *broken_pauses(shown), *misquoted_doses(shown)]
        assert not problems, "the follow-up record is broken: " + "; ".join(problems)
        before, self.last_shown = self.last_shown, shown
        if before is None or before.plan.start != shown.plan.start:
            return
        old, new = before.plan, shown.plan
        extends = (
            new.checkins[: len(old.checkins)] == old.checkins
            and new.changes[: len(old.changes)] == old.changes
        )
        added = [*new.checkins[len(old.checkins) :], *new.changes[len(old.changes) :]]
        if extends and len(added) == 1:
            date = added[0].date
            assert days_before(shown, date) == days_before(before, date), (
                f"the days before {date} changed when it was recorded"
            )

    def check_chart_picture(self) -> None:
        """The chart's picture, drawn by blitting, is exactly what a full redraw makes."""
        chart = self.window.pane.chart
        QApplication.processEvents()  # the blit runs when Qt is next idle
        if chart.canvas.width() <= 0 or chart.canvas.height() <= 0:
            return
        blitted = np.asarray(chart.canvas.buffer_rgba()).copy()
        chart.draw_now()
        redrawn = np.asarray(chart.canvas.buffer_rgba())
        assert np.array_equal(blitted, redrawn), "the blitted chart differs from a full redraw"

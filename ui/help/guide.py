"""Help → User Guide: the guide shipped in resources/, opened by F1 at the focused field."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

import resources

GUIDE_FILE = "guide.html"
CONTENTS = "contents"
# The form's fields (their error-message names) and the guide section that explains each.
SECTIONS = {
    "patient": "files",
    "region": "plan",
    "drug": "plan",
    "formulation": "measurable",
    "equivalence": "switch",
    "regimen": "measurable",
    "method": "methods",
    "reduction_percent": "methods",
    "interval_days": "checks",
    "custom_steps": "edit-steps",
    "switch_to": "switch",
    "factors": "checks",
}


def section_for(field: str | None) -> str:
    """The guide's anchor for a form field ('regimen.night' → 'measurable'), or the contents."""
    if not field:
        return CONTENTS
    return (
        SECTIONS.get(field)
        or SECTIONS.get(field.partition(".")[0])
        or ("switch" if field.startswith("switch") else "methods")
    )


class FieldFinder(Protocol):
    """Which form field a widget edits (the form's ``FieldRows``)."""

    def field_of(self, widget: QWidget | None) -> str | None:
        """The field ``widget`` (or a widget inside it) edits, or None."""


class GuideDialog(QDialog):
    """A non-modal window showing the user guide; links inside it work offline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Taper Planner user guide")
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(resources.read_text(GUIDE_FILE))
        self.browser.setAccessibleName("User guide")
        QVBoxLayout(self).addWidget(self.browser)
        self.section = CONTENTS

    def show_section(self, anchor: str) -> None:
        """Show the guide with section ``anchor`` at the top."""
        self.section = anchor
        self.show()
        self.raise_()
        if anchor == CONTENTS:
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.browser.scrollToAnchor(anchor)


class HelpActions(QObject):
    """The Help menu: User Guide (F1, at the focused field's section), then About.

    Args:
        window: the parent of the actions and of the guide window.
        fields: tells which form field the focused widget edits.
    """

    def __init__(self, window: QWidget, fields: FieldFinder) -> None:
        super().__init__(window)
        self.window = window
        self.fields = fields
        self.guide: GuideDialog | None = None
        self.guide_action = QAction("User &Guide", window)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action.triggered.connect(self.on_guide_triggered)

    def actions(self, *more: QAction) -> list[QAction]:
        """The Help menu's actions: the guide, then ``more`` (About)."""
        return [self.guide_action, *more]

    @Slot()
    def on_guide_triggered(self) -> None:
        focused = QGuiApplication.focusObject()
        field = self.fields.field_of(focused if isinstance(focused, QWidget) else None)
        if self.guide is None:
            self.guide = GuideDialog(self.window)
        self.guide.show_section(section_for(field))


def help_menu(window: QWidget, fields: FieldFinder, *more: QAction) -> list[QAction]:
    """The Help menu's actions: User Guide (F1), then ``more`` (About); kept alive by ``window``."""
    return HelpActions(window, fields).actions(*more)

"""Labelled form rows with an error line under each, keyed by the TaperPlan field they edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from planner.messages import for_people
from planner.model import TIMES_OF_DAY
from ui.text_colour import ERROR, colour_text

# Combo boxes are sized for this many characters; longer choices show in full when opened.
COMBO_CHARS = 16
# Which dose a cut comes off first; the combo's data is "" for the default policy (a None
# item data cannot be found again).
POLICIES: tuple[tuple[str, str], ...] = (
    ("Equal doses, any remainder at night", ""),
    *((f"Cut the {time} dose first", time) for time in TIMES_OF_DAY),
)


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form layout whose inputs share the width (so a narrow panel stays readable)."""
    layout = QFormLayout(parent)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return layout


def compact_combo(box: QComboBox) -> QComboBox:
    """Let ``box`` be narrower than its longest item."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(COMBO_CHARS)
    return box


def error_label() -> QLabel:
    """A hidden, word-wrapped, plain-text label for an input's error message."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    colour_text(label, ERROR)
    label.setVisible(False)
    return label


class FieldRows:
    """Adds rows to form layouts and shows a planner error beside the field it names.

    A PlanError's ``field`` is a TaperPlan field ("reduction_percent") or a dotted
    part of one ("regimen.night"); an unknown field falls back to its prefix
    ("regimen"), then to the general label given at construction.
    """

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._labels: dict[str, QLabel] = {"": general}
        self._all: list[QLabel] = [general]
        self._widgets: dict[str, QWidget] = {}

    def add(
        self, layout: QFormLayout, text: str, widget: QWidget, field: str | None, accessible: str
    ) -> QLabel:
        """Add ``text`` (with its buddy ``widget``) and a hidden error line for ``field``.

        A row whose ``field`` is None gets no error line of its own.

        Returns:
            The row's caption label.
        """
        caption = QLabel(text)
        caption.setBuddy(widget)
        widget.setAccessibleName(accessible)
        layout.addRow(caption, widget)
        if field is not None:
            self.add_error_line(layout, field, widget)
        return caption

    def add_error_line(self, layout: QFormLayout, field: str, widget: QWidget | None) -> QLabel:
        """Add a hidden error line for ``field`` spanning the layout's width."""
        label = error_label()
        layout.addRow(label)
        self.register(field, label, widget)
        return label

    def register(self, field: str, label: QLabel, widget: QWidget | None = None) -> None:
        """Point ``field``'s errors at ``label`` (and ``widget``), e.g. on a method page."""
        self._labels[field] = label
        if label not in self._all:
            self._all.append(label)
        if widget is not None:
            self._widgets[field] = widget

    def label_for(self, field: str) -> QLabel:
        """The error label that shows problems with ``field``."""
        candidates = [field, field.partition(".")[0]]
        for candidate in candidates:
            if candidate in self._labels:
                return self._labels[candidate]
        return self._general

    def widget_for(self, field: str) -> QWidget | None:
        """The input that edits ``field``, if the form has one."""
        return self._widgets.get(field) or self._widgets.get(field.partition(".")[0])

    def field_of(self, widget: QWidget | None) -> str | None:
        """The field that ``widget`` (or the input it sits inside) edits, or None (for F1 help)."""
        while widget is not None:
            for field, registered in self._widgets.items():
                if registered is widget:
                    return field
            widget = widget.parentWidget()
        return None

    def show(self, field: str, message: str) -> QLabel:
        """Show ``message`` at ``field`` (clearing every other error line).

        Returns:
            The label now showing the message.
        """
        self.clear()
        label = self.label_for(field)
        label.setText(for_people(message))  # typed text quoted back is cut to 40 characters
        label.setVisible(True)
        return label

    def clear(self) -> None:
        """Hide every error line."""
        for label in self._all:
            label.clear()
            label.setVisible(False)

    def visible_messages(self) -> dict[str, str]:
        """``{field: message}`` for each error line with text (for tests and the status bar)."""
        return {field: label.text() for field, label in self._labels.items() if label.text()}

    def message(self) -> str:
        """The error currently shown, or ""."""
        return next((label.text() for label in self._all if label.text()), "")


def combo_with(items: list[tuple[str, object]]) -> QComboBox:
    """A compact combo box holding ``items`` as (text, data) pairs."""
    box = compact_combo(QComboBox())
    for text, data in items:
        box.addItem(text, data)
    return box

"""A number input that keeps exactly what was typed and says what is allowed when it is wrong."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from planner.errors import PlanError
from ui.text_colour import MUTED, colour_text

UNIT_GAP_PX = 6
# A value set by the program (from a plan file) shows up to this many decimals, so 0.0625 mg
# is shown and kept as 0.0625, never rounded to what ``decimals`` suggests for typing.
SHOWN_DECIMALS = 6


def number_text(value: float, decimals: int) -> str:
    """``value`` as the clinician would type it: no trailing zeros ("0.75", "14")."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class NumberField(QLineEdit):
    """A typed number with its unit shown at the right; never clamped, fixed up or reverted.

    Qt's spin boxes clamp and fix up what is typed ("45" in a box that allows 40 becomes
    4, "0 %" below the minimum goes back to the last value). A clinical value must stay as
    the clinician typed it: this field keeps the text, and ``value()`` raises a PlanError
    naming the field, saying what is wrong and what is allowed, so the form shows it and
    the schedule goes *Out of date* until it is fixed. Up and Down step by ``singleStep``
    when the field has focus; the mouse wheel never changes it.

    A field with ``blank`` set may be left empty (its placeholder says what empty means,
    e.g. "off"); ``value()`` then returns ``blank``.

    Signals:
        valueChanged: the text changed, typed or set (the form debounces it).
    """

    valueChanged = Signal()

    def __init__(
        self,
        low: float,
        high: float,
        step: float,
        decimals: int,
        unit: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._low, self._high = low, high
        self._step = step
        self._decimals = decimals
        self._blank: float | None = None
        self.field = ""  # the TaperPlan field its errors name (set by the form)
        self.what = "The value"  # how its messages name it
        self.unit_label = QLabel(unit.strip(), self)
        self.unit_label.setTextFormat(Qt.TextFormat.PlainText)
        colour_text(self.unit_label, MUTED)
        self.unit_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        width = self.unit_label.sizeHint().width() + UNIT_GAP_PX if unit.strip() else 0
        self.setTextMargins(0, 0, width, 0)
        self.textChanged.connect(self.on_text_changed)

    # ------------------------------------------------------------ spin-box-like API
    def name(self, field: str, what: str) -> NumberField:
        """Say which plan field this edits and how messages name it ("The interval")."""
        self.field, self.what = field, what
        return self

    def set_blank(self, blank: float, meaning: str) -> None:
        """Let the field be empty, meaning ``blank`` (shown as ``meaning``, e.g. "off")."""
        self._blank = blank
        self.setPlaceholderText(meaning)
        self.unit_label.setVisible(bool(self.text()))

    def minimum(self) -> float:
        """The smallest value allowed."""
        return self._low

    def maximum(self) -> float:
        """The largest value allowed."""
        return self._high

    def setMaximum(self, high: float) -> None:  # Qt-style name, as the spin box it replaces
        """Allow values up to ``high`` (what is typed is never changed)."""
        self._high = high

    def singleStep(self) -> float:  # Qt-style name, as the spin box it replaces
        """How far Up and Down move the value."""
        return self._step

    def setSingleStep(self, step: float) -> None:  # Qt-style name, as the spin box it replaces
        """Set how far Up and Down move the value."""
        self._step = step

    def decimals(self) -> int:
        """Decimals shown for a value set by the program."""
        return self._decimals

    def setValue(self, value: float) -> None:  # Qt-style name, as the spin box it replaces
        """Show ``value`` (empty when it is the blank value)."""
        if self._blank is not None and value == self._blank:
            self.setText("")
        else:
            self.setText(number_text(value, SHOWN_DECIMALS if self._decimals else 0))

    def value(self) -> float:
        """The number typed.

        Raises:
            PlanError: when the text is not a number or is outside the allowed range.
        """
        text = self.text().strip()
        unit = self.unit_label.text()
        if unit and text.endswith(unit):
            text = text.removesuffix(unit).strip()  # "45 mg" means 45
        if not text:
            if self._blank is not None:
                return self._blank
            raise PlanError(f"{self.what} is empty: {self._allowed()}", field=self.field)
        try:
            number = float(text) if self._decimals else float(int(text))
        except ValueError:
            raise PlanError(
                f"{self.what}: '{self.text().strip()}' is not a {self._kind()}; {self._allowed()}",
                field=self.field,
            ) from None
        if not math.isfinite(number) or not self._low <= number <= self._high:
            raise PlanError(
                f"{self.what} of {self.text().strip()} is out of range: {self._allowed()}",
                field=self.field,
            )
        return number

    def is_valid(self) -> bool:
        """True when ``value()`` would return a number."""
        try:
            self.value()
        except PlanError:
            return False
        return True

    def _kind(self) -> str:
        return "number" if self._decimals else "whole number"

    def _allowed(self) -> str:
        unit = self.unit_label.text()
        low = number_text(self._low, self._decimals)
        high = number_text(self._high, self._decimals)
        empty = f" (or empty: {self.placeholderText()})" if self._blank is not None else ""
        return f"type a {self._kind()} from {low} to {high} {unit}{empty}".replace("  ", " ")

    # ------------------------------------------------------------ events
    @Slot(str)
    def on_text_changed(self, text: str) -> None:
        # An empty field shows its meaning ("none", "off") alone, not "none mg".
        self.unit_label.setVisible(bool(text) or not self.placeholderText())
        self.valueChanged.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 10,
                 Qt.Key.Key_PageDown: -10}.get(Qt.Key(event.key()))  # fmt: skip
        if steps is None:
            super().keyPressEvent(event)
            return
        # A key press is the clinician's own step: it moves a readable value within range
        # and leaves an unreadable one alone (its message already says what to type).
        if self.is_valid():
            current = self.value() if self.text().strip() else self._low
            stepped = min(max(current + steps * self._step, self._low), self._high)
            self.setValue(round(stepped, self._decimals))
            self.selectAll()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.unit_label.sizeHint()
        self.unit_label.setGeometry(
            self.width() - hint.width() - UNIT_GAP_PX,
            (self.height() - hint.height()) // 2,
            hint.width(),
            hint.height(),
        )

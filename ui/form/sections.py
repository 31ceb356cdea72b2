"""Collapsible form sections: a title button over each box, with a one-line summary when closed."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.elided_label import ElidedLabel
from ui.text_colour import MUTED, colour_text

TITLE_STYLE = "QToolButton { border: none; font-weight: bold; padding: 1px 2px; }"
# Inside the box's frame: the title is above it now, so little room is needed over the rows.
BOX_MARGIN_PX = 4
SECTION_GAP_PX = 2
# "Morning (mg):" → "Morning"; "&Drug:" → "Drug".
_LABEL_NOISE = re.compile(r"&|\s*\(.*?\)|:$")


def _label_text(layout: QFormLayout | None, field: QWidget) -> str:
    label = layout.labelForField(field) if layout is not None else None
    return _LABEL_NOISE.sub("", label.text()).strip() if isinstance(label, QLabel) else ""


def summary_of(box: QWidget) -> str:
    """What a closed section holds, in a line: "UK, Lorazepam, tablets, Ashton 2002".

    Chosen items, typed text, ticked boxes and numbers with their labels ("Morning 1 mg"),
    in the order the box shows them; empty fields, unchosen defaults ("none", "not
    given", an item without data) and fields the box hides are left out.
    """
    parts: list[str] = []
    _summarise(box.layout(), box, parts)
    return ", ".join(part for part in parts if part)


def _summarise(layout: QLayout | None, box: QWidget, parts: list[str]) -> None:
    """Add what ``layout``'s widgets show to ``parts`` (its own rows, not removed ones)."""
    if layout is None:
        return
    form = layout if isinstance(layout, QFormLayout) else None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is None:
            _summarise(item.layout() if item is not None else None, box, parts)
        elif widget.isVisibleTo(box) and widget.isEnabled():
            parts.append(_value_text(form, widget))
            if not isinstance(widget, (QComboBox, QAbstractSpinBox, QLineEdit)):
                _summarise(widget.layout(), box, parts)


def _value_text(form: QFormLayout | None, widget: QWidget) -> str:
    """The value ``widget`` shows, "" for none or a default nobody chose."""
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.currentData() not in (None, "") else ""
    if isinstance(widget, QCheckBox):
        return widget.text().replace("&", "") if widget.isChecked() else ""
    if isinstance(widget, QAbstractSpinBox):
        # By name: asking isinstance would make PySide6 build the date edit types at start-up.
        special = widget.inherits("QDateEdit") and widget.text() == widget.specialValueText()
        return "" if special else f"{_label_text(form, widget)} {widget.text()}".strip()
    if isinstance(widget, QLineEdit) and widget.text():
        unit = widget.findChild(QLabel)  # a NumberField's unit
        if unit is None:
            return widget.text()
        return f"{_label_text(form, widget)} {widget.text()} {unit.text()}".strip()
    return ""


class Section(QWidget):
    """A form box under a title button that shows or hides it (Space or a click).

    The box keeps its frame and its fields; its title moves to the button. Closed, the
    button's row says what the box holds, so nothing is hidden without a trace.

    Signals:
        toggled(bool): the clinician opened (True) or closed (False) the section.
    """

    toggled = Signal(bool)

    def __init__(self, key: str, box: QGroupBox, expanded: bool = True) -> None:
        super().__init__()
        self.key = key
        self.default_expanded = expanded
        self.box = box
        self.title = box.title().replace("&", "")
        box.setTitle("")
        inner = box.layout()
        if inner is not None:
            margins = inner.contentsMargins()
            inner.setContentsMargins(margins.left(), BOX_MARGIN_PX, margins.right(), BOX_MARGIN_PX)
        self.button = QToolButton()
        self.button.setText(self.title)
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAccessibleName(f"{self.title} section")
        # Flat like a group box's title; a checked button's sunken frame would look pressed.
        self.button.setStyleSheet(TITLE_STYLE)
        self.summary = ElidedLabel()
        colour_text(self.summary, MUTED)
        self.summary.installEventFilter(self)  # a click on the summary opens the section too
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.button)
        header.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(box)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.button.toggled.connect(self.on_button_toggled)
        self.set_expanded(expanded)

    def minimumSizeHint(self) -> QSize:
        # As wide as the open box, even closed: opening it never cuts its fields.
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.box.minimumSizeHint().width()), hint.height())

    def is_expanded(self) -> bool:
        """True while the box shows."""
        return self.button.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Show or hide the box (no signal: only the clinician's toggles are remembered)."""
        blocked = self.button.blockSignals(True)
        self.button.setChecked(expanded)
        self.button.blockSignals(blocked)
        self._show(expanded)

    def refresh_summary(self) -> None:
        """Say again what the closed box holds (after its fields changed)."""
        self.summary.setText("" if self.is_expanded() else summary_of(self.box))

    def _show(self, expanded: bool) -> None:
        self.box.setVisible(expanded)
        self.button.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.refresh_summary()

    @Slot(bool)
    def on_button_toggled(self, expanded: bool) -> None:
        self._show(expanded)
        self.toggled.emit(expanded)

    @Slot(object)
    def on_plan_changed(self, _plan: object) -> None:
        if not self.is_expanded():
            self.refresh_summary()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary and event.type() == QEvent.Type.MouseButtonRelease:
            self.button.setChecked(True)
            return True
        return super().eventFilter(watched, event)


def reveal(widget: QWidget) -> None:
    """Open every closed section around ``widget`` (an error shown in it, an editor to use)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, Section) and not parent.is_expanded():
            parent.button.setChecked(True)
        parent = parent.parentWidget()


def sections_in(
    layout: QVBoxLayout,
    boxes: dict[str, QGroupBox],
    open_keys: frozenset[str],
    changed: SignalInstance,
) -> dict[str, Section]:
    """Put each box in ``layout`` as a Section, open when its key is in ``open_keys``.

    Each closed section's summary follows ``changed`` (the form's new plans).
    """
    sections = {key: Section(key, box, key in open_keys) for key, box in boxes.items()}
    layout.setSpacing(SECTION_GAP_PX)  # closed sections read as a list of titles
    margins = layout.contentsMargins()
    layout.setContentsMargins(margins.left(), SECTION_GAP_PX, margins.right(), SECTION_GAP_PX)
    for section in sections.values():
        layout.addWidget(section)
        changed.connect(section.on_plan_changed)
    return sections

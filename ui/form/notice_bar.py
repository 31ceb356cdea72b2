"""A notice the clinician dismisses: what the app changed, and why, with optional choices."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

NOTICE_STYLE = (
    "QFrame#notice { background: #fff4ce; border: 1px solid #c8a600; border-radius: 3px; }"
)


def formulation_change(by_region: bool, region: str, drug: str, old: str, new: str) -> str:
    """The notice for a formulation replaced after a region or drug change."""
    now = f"switched to {new}" if new else "no formulation is available"
    if by_region:
        return f"{region.upper()} has no {drug.lower()} {old}: {now}."
    return f"{drug} has no {old} in the {region.upper()} catalogue: {now}."


class NoticeBar(QFrame):
    """A yellow bar above the form that says what changed until it is dismissed.

    Signals:
        dismissed: the clinician closed the notice (or chose one of its buttons).
    """

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setStyleSheet(NOTICE_STYLE)
        self.setAccessibleName("Notice")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # drug names and dates, never markup
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss the notice")
        self.dismiss_button.clicked.connect(self.on_dismiss_clicked)
        # Choices stack one under another so a narrow form panel never has to widen.
        self._choice_rows = QVBoxLayout()
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label)
        layout.addLayout(self._choice_rows)
        layout.addLayout(self._buttons)
        self._choices: list[QPushButton] = []
        self.setVisible(False)

    def show_notice(
        self, text: str, choices: tuple[tuple[str, Callable[[], None]], ...] = ()
    ) -> None:
        """Show ``text`` (replacing any notice) with a button per ``(label, action)`` choice."""
        self._clear_choices()
        for label, action in choices:
            button = QPushButton(label)
            button.clicked.connect(action)
            button.clicked.connect(self.on_dismiss_clicked)
            self._choice_rows.addWidget(button)
            self._choices.append(button)
        self.label.setText(text)
        self.setVisible(True)

    def choice_buttons(self) -> list[QPushButton]:
        """The buttons of the notice's choices, in order (for tests and keyboard users)."""
        return list(self._choices)

    def text(self) -> str:
        """The notice shown, or "" when none is."""
        return self.label.text() if not self.isHidden() else ""

    def hide_notice(self) -> None:
        """Take the notice away without a signal (the change it described was undone)."""
        self._clear_choices()
        self.label.clear()
        self.setVisible(False)

    def _clear_choices(self) -> None:
        for button in self._choices:
            self._choice_rows.removeWidget(button)
            button.deleteLater()
        self._choices = []

    @Slot()
    def on_dismiss_clicked(self) -> None:
        self.hide_notice()
        self.dismissed.emit()

"""A date input that keeps exactly what was typed and says what is allowed when it is wrong."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget

from planner.errors import PlanError
from ui.form.qdates import to_date, to_qdate
from ui.text_colour import MUTED, colour_text

if TYPE_CHECKING:  # imported when the calendar is first opened (see show_calendar)
    from PySide6.QtWidgets import QCalendarWidget

GAP_PX = 4
# How a date set by the program is shown: day, month in words, year (never 11/12 vs 12/11).
SHOWN_FORMAT = "%-d %b %Y"
MONTHS = tuple(name.lower() for name in calendar.month_name[1:])
WEEKDAYS = tuple(name.lower() for name in calendar.day_name)
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})")
# Month first is unambiguous only with the month in words ("Nov 30, 2026"), never 11/30.
MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
WEEKDAY_FIRST = re.compile(r"([a-z]+)\.?,?\s+(.*)")


class DateText(ValueError):
    """Why a text is not a date (the reason, said to the clinician)."""


def _by_prefix(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the name ``word`` abbreviates (at least 3 letters: "nov", "sept"), or None."""
    if len(word) < 3:
        return None
    found = [index for index, name in enumerate(names) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def parse_date(text: str) -> dt.date:
    """The date ``text`` names: "30 Nov 2026", "Mon 30 Nov 2026", "Nov 30, 2026", "2026-11-30".

    Raises:
        DateText: saying why it is not a date ("February 2026 has 28 days").
    """
    words = " ".join(text.lower().split())
    weekday = None
    first = WEEKDAY_FIRST.fullmatch(words)
    if _year_month_day(words) is None and first is not None:
        weekday = _by_prefix(first.group(1), WEEKDAYS)
        if weekday is None:
            raise DateText(f"'{first.group(1)}' is not a day of the week or a month")
        words = first.group(2)
    parts = _year_month_day(words)
    if parts is None:
        raise DateText("")  # not written as a date at all: how to type one says enough
    year, month, day = parts
    if not 1 <= month <= 12:
        raise DateText("a month is 1 to 12")
    if year < 1:
        raise DateText("there is no year 0")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise DateText(f"{calendar.month_name[month]} {year} has {days_in_month} days")
    date = dt.date(year, month, day)
    if weekday is not None and weekday != date.weekday():
        raise DateText(
            f"{date:{SHOWN_FORMAT}} is a {calendar.day_name[date.weekday()]} "
            "(correct the weekday or leave it out)"
        )
    return date


def _year_month_day(words: str) -> tuple[int, int, int] | None:
    """Year, month and day as written in ``words`` (not yet checked), or None if not a date.

    Raises:
        DateText: for a month in words that is no month ("30 Nox 2026").
    """
    if iso := ISO.fullmatch(words):
        year, month, day = (int(part) for part in iso.groups())
        return year, month, day
    day_first = DAY_MONTH_YEAR.fullmatch(words)
    month_first = MONTH_DAY_YEAR.fullmatch(words)
    if day_first is None and month_first is None:
        return None
    if day_first is not None:
        day_text, month_text, year_text = day_first.groups()
    else:
        assert month_first is not None
        month_text, day_text, year_text = month_first.groups()
    month_index = _by_prefix(month_text, MONTHS)
    if month_index is None:
        raise DateText(f"'{month_text}' is not a month")
    return int(year_text), month_index + 1, int(day_text)


def date_text(day: dt.date) -> str:
    """``day`` as the field shows it: "30 Nov 2026"."""
    return f"{day:{SHOWN_FORMAT}}"


class DateField(QLineEdit):
    """A typed date, with its weekday and a calendar button at the right; never fixed up.

    Qt's date edit refuses a keystroke that would make an impossible date (31 in a month
    of 30 days, 30 February) without a word, and clamps to its range. A clinical date must
    stay as the clinician typed it: this field keeps the text, and ``date()`` raises a
    PlanError naming the field, saying what is wrong and how to type a date, so the form
    shows it and the schedule goes *Out of date* until it is fixed. Up and Down move a
    readable date by a day, Page Up and Page Down by a week; Alt+Down or F4 (or the
    button) opens a calendar. The mouse wheel never changes it.

    A field with ``set_blank`` may be left empty (its placeholder says what empty means,
    e.g. "not given"); ``date()`` is then None.

    Signals:
        valueChanged: the text changed, typed or set (the form debounces it).
    """

    valueChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = ""  # the TaperPlan field its errors name (set by the form)
        self.what = "The date"  # how its messages name it
        self._blank = False
        self.weekday_label = QLabel(self)
        self.weekday_label.setTextFormat(Qt.TextFormat.PlainText)
        colour_text(self.weekday_label, MUTED)
        self.weekday_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setAutoRaise(True)
        self.calendar_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the field
        self.calendar_button.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_button.setAccessibleName("Choose from a calendar")
        self.calendar_button.clicked.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None  # made when first opened
        self.textChanged.connect(self.on_text_changed)
        self.on_text_changed(self.text())

    # ------------------------------------------------------------ the value
    def name(self, field: str, what: str) -> DateField:
        """Say which plan field this edits and how messages name it ("The start date")."""
        self.field, self.what = field, what
        return self

    def set_blank(self, meaning: str) -> None:
        """Let the field be empty, meaning no date (shown as ``meaning``, e.g. "not given")."""
        self._blank = True
        self.setPlaceholderText(meaning)

    def set_date(self, day: dt.date | None) -> None:
        """Show ``day`` (empty for None, in a field that may be empty)."""
        self.setText("" if day is None else date_text(day))

    def date(self) -> dt.date | None:
        """The date typed (None when empty and the field may be empty).

        Raises:
            PlanError: when the text is empty (and may not be) or is not a real date.
        """
        text = self.text().strip()
        if not text:
            if self._blank:
                return None
            raise PlanError(f"{self.what} is empty: {self._allowed()}", field=self.field)
        try:
            return parse_date(text)
        except DateText as reason:
            why = f": {reason}" if str(reason) else ""
            allowed = self._allowed()
            raise PlanError(
                f"{self.what} '{text}' is not a date{why}. {allowed[:1].upper()}{allowed[1:]}",
                field=self.field,
            ) from None

    def is_valid(self) -> bool:
        """True when ``date()`` would return a date (or None for an allowed empty field)."""
        try:
            self.date()
        except PlanError:
            return False
        return True

    def _allowed(self) -> str:
        example = dt.date.today()
        empty = f" (or leave it empty: {self.placeholderText()})" if self._blank else ""
        return f"type a date as {date_text(example)} or {example.isoformat()}{empty}"

    # ------------------------------------------------------------ the calendar
    @Slot()
    def show_calendar(self) -> None:
        """Open the calendar under the field, on the date typed (or today)."""
        if self.calendar is None:
            # Imported here: PySide6 builds the type and its enums when first imported.
            from PySide6.QtWidgets import QCalendarWidget

            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setAccessibleName(f"{self.accessibleName()} calendar")
            self.calendar.clicked.connect(self.on_calendar_clicked)
            self.calendar.activated.connect(self.on_calendar_clicked)
        day = self.date() if self.is_valid() else None
        shown = to_qdate(day or dt.date.today())
        self.calendar.setSelectedDate(shown)
        self.calendar.setCurrentPage(shown.year(), shown.month())
        hint = self.calendar.sizeHint()
        self.calendar.resize(hint)
        self.calendar.move(self._popup_corner(hint.width(), hint.height()))
        self.calendar.show()
        self.calendar.setFocus()

    def _popup_corner(self, width: int, height: int) -> QPoint:
        """Where the calendar goes: under the field's right end, or above it near the bottom."""
        below = self.mapToGlobal(QPoint(self.width() - width, self.height()))
        screen = self.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - width + 1)
        y = below.y()
        if y + height > screen.bottom() + 1:
            y = max(self.mapToGlobal(QPoint(0, 0)).y() - height, screen.top())
        return QPoint(x, y)

    @Slot(QDate)
    def on_calendar_clicked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.set_date(to_date(day))
        self.setFocus()

    # ------------------------------------------------------------ events
    @Slot(str)
    def on_text_changed(self, _text: str) -> None:
        day = self.date() if self.text().strip() and self.is_valid() else None
        self.weekday_label.setText(f"{day:%a}" if day is not None else "")
        self._place_inside()
        self.valueChanged.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_calendar()
            event.accept()
            return
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 7,
                 Qt.Key.Key_PageDown: -7}.get(key)  # fmt: skip
        if steps is None:
            super().keyPressEvent(event)
            return
        # A key press is the clinician's own step: it moves a readable date and leaves an
        # unreadable one alone (its message already says how to type a date).
        day = self.date() if self.is_valid() else None
        if day is not None:
            # No date before year 1 or after 9999: there is nothing to step to.
            with contextlib.suppress(OverflowError):
                self.set_date(day + dt.timedelta(days=steps))
            self.selectAll()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_inside()

    def _place_inside(self) -> None:
        """The calendar button at the right edge, the weekday just left of it."""
        # A field never laid out (in a closed section) still has Qt's default 480 px
        # height: sized from that, its margins made the whole form 700 px wide.
        size = min(self.height(), super().sizeHint().height()) - 4
        button_x = self.width() - size - 2
        self.calendar_button.setGeometry(button_x, 2, size, size)
        hint = self.weekday_label.sizeHint()
        label_x = button_x - GAP_PX - hint.width()
        self.weekday_label.setGeometry(
            label_x, (self.height() - hint.height()) // 2, hint.width(), hint.height()
        )
        # Text stops short of the widest weekday, so it never jumps as the weekday changes.
        widest = self.fontMetrics().horizontalAdvance("Wed") + GAP_PX
        self.setTextMargins(0, 0, size + 2 + GAP_PX + widest, 0)

"""Plain text for the handout: fonts, wrapping and drawing with QTextLayout (never markup)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QTextLayout,
    QTextOption,
)

LINE_SEPARATOR = "\u2028"  # QTextLayout breaks lines here, not at "\n"
NBSP = "\u00a0"  # keeps a dose portion ("½ × 0.5 mg tablet") on one line when it fits

INK = QColor(20, 20, 20)
MUTED = QColor(90, 90, 90)
ACCENT = QColor(25, 80, 140)
URGENT = QColor(160, 20, 20)
RULE = QColor(150, 150, 150)
SHADE = QColor(236, 241, 247)
URGENT_SHADE = QColor(252, 236, 236)

FONT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans"]


def font(point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A sans-serif font for print at a size in points."""
    result = QFont()
    result.setFamilies(FONT_FAMILIES)
    result.setStyleHint(QFont.StyleHint.SansSerif)
    result.setPointSizeF(point_size)
    result.setBold(bold)
    result.setItalic(italic)
    # No ligatures: "ﬁ" would reach copied or extracted text as one odd character.
    result.setFeature(QFont.Tag("liga"), 0)
    return result


class TextBox:
    """Plain text wrapped to a width on a paint device: measured once, drawn anywhere.

    Text is laid out with ``QTextLayout``, so nothing in it is interpreted: a name
    such as ``<b>Ann</b> & "Bo"`` prints exactly as typed. Lines break between
    words (between whole dose portions when they fit); only a word wider than the
    box breaks inside itself.
    """

    def __init__(
        self,
        text: str,
        text_font: QFont,
        width: float,
        device: QPaintDevice,
        *,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        self.text = text
        self.width = max(width, 1.0)
        self.color = color
        self._font = text_font
        self._device = device
        self._align = align
        # Safest wrap first: whole portions kept together (their non-breaking spaces);
        # then any space; a break inside a word only for a word wider than the box.
        flat = text.replace("\n", LINE_SEPARATOR)
        attempts = (
            (flat, QTextOption.WrapMode.WordWrap),
            (flat.replace(NBSP, " "), QTextOption.WrapMode.WordWrap),
            (flat.replace(NBSP, " "), QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere),
        )
        for laid_text, mode in attempts:
            self._layout = self._lay_out(laid_text, mode)
            if self._fits():
                break
        self.height = self._height

    def _lay_out(self, text: str, mode: QTextOption.WrapMode) -> QTextLayout:
        layout = QTextLayout(text, self._font, self._device)
        option = QTextOption(self._align)
        option.setWrapMode(mode)
        layout.setTextOption(option)
        leading = max(QFontMetricsF(self._font, self._device).leading(), 0.0)
        layout.beginLayout()
        y = 0.0
        first = True
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(self.width)
            if not first:
                y += leading
            line.setPosition(QPointF(0.0, y))
            y += line.height()
            first = False
        layout.endLayout()
        self._height = y
        return layout

    def _fits(self) -> bool:
        # A word wrap that cannot break a long word lets the line run past the width.
        return all(
            self._layout.lineAt(i).naturalTextWidth() <= self.width + 0.5
            for i in range(self._layout.lineCount())
        )

    @property
    def line_count(self) -> int:
        """How many lines the text wrapped to."""
        return self._layout.lineCount()

    @property
    def natural_width(self) -> float:
        """The width of the widest line (at most ``width``)."""
        return max(
            (self._layout.lineAt(i).naturalTextWidth() for i in range(self.line_count)),
            default=0.0,
        )

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        """Draw the text with its top-left corner at (x, y)."""
        painter.save()
        painter.setPen(self.color)
        self._layout.draw(painter, QPointF(x, y))
        painter.restore()

"""Drawn severity marks for the findings (no font has to carry a glyph such as ⛔)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from planner.model import Severity

ICON_SCHEME = "severity"
ICON_PX = 14
COLOURS = {
    Severity.ERROR: QColor("#b00020"),
    Severity.WARNING: QColor("#a15c00"),
    Severity.INFO: QColor("#1f5fa8"),
}


def icon_url(severity: Severity) -> str:
    """The ``<img src>`` of a severity's mark in the findings' HTML."""
    return f"{ICON_SCHEME}:{severity.value}"


def draw_icon(severity: Severity, size_px: int = ICON_PX, scale: float = 2.0) -> QImage:
    """A severity's mark: a red no-entry disc, an amber warning triangle, a blue 'i' disc.

    Drawn with shapes only, so it looks the same whatever fonts the computer has.
    """
    side = round(size_px * scale)
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    image.setDevicePixelRatio(scale)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = COLOURS[severity]
    s = float(size_px)
    white = QPen(QColor("white"), s * 0.14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if severity is Severity.WARNING:
        triangle = QPainterPath(QPointF(s / 2, s * 0.06))
        triangle.lineTo(s * 0.97, s * 0.92)
        triangle.lineTo(s * 0.03, s * 0.92)
        triangle.closeSubpath()
        painter.drawPath(triangle)
        painter.setPen(white)
        painter.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62))
        painter.drawPoint(QPointF(s / 2, s * 0.79))
    else:
        painter.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
        painter.setPen(white)
        if severity is Severity.ERROR:
            painter.drawLine(QPointF(s * 0.27, s / 2), QPointF(s * 0.73, s / 2))
        else:
            painter.drawPoint(QPointF(s / 2, s * 0.3))
            painter.drawLine(QPointF(s / 2, s * 0.47), QPointF(s / 2, s * 0.74))
    painter.end()
    return image


class IconBrowser(QTextBrowser):
    """A ``QTextBrowser`` that serves the drawn severity marks for ``severity:`` images."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Give the drawn mark for a ``severity:NAME`` image; anything else as Qt would."""
        url = QUrl(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and url.scheme() == ICON_SCHEME:
            try:
                return draw_icon(Severity(url.path()))
            except ValueError:
                return None
        return super().loadResource(kind, name)

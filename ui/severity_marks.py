"""The findings' severity marks, drawn with shapes: the same in the table and the guidance."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

from planner.model import Severity

COLOURS = {
    Severity.ERROR: QColor("#b00020"),
    Severity.WARNING: QColor("#a15c00"),
    Severity.INFO: QColor("#1f5fa8"),
}
# Drawn at these device pixel ratios: sharp on ordinary and high-density screens alike.
SCALES = (1.0, 2.0)
_icons: dict[tuple[Severity, int], QIcon] = {}


def draw_mark(severity: Severity, size_px: int, scale: float = 2.0) -> QImage:
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


def mark_icon(severity: Severity, size_px: int) -> QIcon:
    """A severity's mark as an icon of ``size_px`` (made once: each table row paints it).

    The table used the style's message-box icons: asking Qt's style for them loads
    PySide6's QStyle type, 15 ms of a start-up, and they looked unlike the guidance's marks.
    """
    key = (severity, size_px)
    icon = _icons.get(key)
    if icon is None:
        icon = _icons[key] = QIcon()
        for scale in SCALES:
            icon.addPixmap(QPixmap.fromImage(draw_mark(severity, size_px, scale)))
    return icon

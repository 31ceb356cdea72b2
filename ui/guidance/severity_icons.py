"""Drawn severity marks for the findings (no font has to carry a glyph such as ⛔)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

from planner.model import Severity
from ui.severity_marks import draw_mark

ICON_SCHEME = "severity"
ICON_PX = 14


def icon_url(severity: Severity) -> str:
    """The ``<img src>`` of a severity's mark in the findings' HTML."""
    return f"{ICON_SCHEME}:{severity.value}"


class IconBrowser(QTextBrowser):
    """A ``QTextBrowser`` that serves the drawn severity marks for ``severity:`` images."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Give the drawn mark for a ``severity:NAME`` image; anything else as Qt would."""
        url = QUrl(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and url.scheme() == ICON_SCHEME:
            try:
                return draw_mark(Severity(url.path()), ICON_PX)
            except ValueError:
                return None
        return super().loadResource(kind, name)

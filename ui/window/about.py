"""The About dialog: version, sources and licences in a scrolling page that fits the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui import APP_TITLE

# Wide enough for a source's citation on two or three lines; tall enough for the version
# and the first sources, never taller than the screen leaves room for.
PREFERRED_SIZE = (620, 640)
SCREEN_MARGIN_PX = 80


class AboutDialog(QDialog):
    """Shows the About page (HTML) with working links and a Close button.

    Args:
        html: the page, from ``ui.window.dialogs.about_html``.
        parent: the window it belongs to.
    """

    def __init__(self, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_TITLE}")
        self.page = QTextBrowser(self)
        self.page.setOpenExternalLinks(True)
        self.page.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        width, height = PREFERRED_SIZE
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(
            min(width, screen.width() - SCREEN_MARGIN_PX),
            min(height, screen.height() - SCREEN_MARGIN_PX),
        )

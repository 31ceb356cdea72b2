"""The main window's dialogs: the About text."""

from __future__ import annotations

import planner
from ui.window.dialogs import about_html


def test_about_names_the_version_and_sources() -> None:
    text = about_html()
    assert planner.__version__ in text
    assert "Ashton" in text

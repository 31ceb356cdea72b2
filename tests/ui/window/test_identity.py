"""The app's icon, version and licences as a user sees them."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import planner
from ui.window.app import main
from ui.window.dialogs import about_html
from ui.window.identity import app_icon
from ui.window.licences import LICENCES, app_licence
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


def test_the_icon_loads_from_resources() -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64


def test_a_window_shows_the_app_icon(qapp: QApplication, window: MainWindow) -> None:
    qapp.setWindowIcon(app_icon())  # what apply_identity does at start-up
    try:
        assert not window.windowIcon().isNull()
    finally:
        qapp.setWindowIcon(app_icon().__class__())


def test_version_option_prints_the_one_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"taper-planner {planner.__version__}"


def test_the_installed_package_has_the_same_version() -> None:
    assert metadata.version("taper-planner") == planner.__version__


def test_version_through_main_py() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.strip().endswith(planner.__version__)


def test_about_lists_the_licences() -> None:
    text = about_html()
    for wanted in ("LGPL", "PySide6", "Matplotlib", "icalendar", "fhir.resources", "MIT"):
        assert wanted in text
    assert "not stated" in app_licence()  # no LICENSE file: nothing invented


@pytest.mark.parametrize("entry", LICENCES, ids=lambda entry: entry.distribution)
def test_each_licence_is_what_the_package_states(entry: object) -> None:
    from ui.window.licences import Licence

    assert isinstance(entry, Licence)
    data = metadata.metadata(entry.distribution)
    stated = " ".join(
        [
            data.get("License-Expression") or "",
            (data.get("License") or "")[:200],
            *(data.get_all("Classifier") or []),
        ]
    )
    key = entry.licence.split(" (")[0].split(";")[0]
    words = {"Matplotlib License": "Python Software Foundation", "BSD": "BSD"}

    def plain(text: str) -> str:
        return text.replace("-", " ")

    assert plain(words.get(key, key)) in plain(stated)


def test_about_opens_from_the_help_menu_and_fits_the_screen(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.window import main_window
    from ui.window.about import AboutDialog
    from ui.window.dialogs import about_html

    shown: list[AboutDialog] = []
    monkeypatch.setattr(
        main_window, "show_about", lambda parent: shown.append(AboutDialog(about_html(), parent))
    )
    window.about_action.trigger()
    (dialog,) = shown
    screen = window.screen().availableGeometry()
    assert dialog.height() < screen.height() and dialog.width() < screen.width()
    page = dialog.page.toPlainText()
    assert planner.__version__ in page and "LGPL" in page and "fhir.resources" in page

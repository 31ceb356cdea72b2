"""Start-up: the window paints without the Qt types only later actions need, and the fast hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.window.pyside_hook import FEATURE_MODULE

ROOT = Path(__file__).resolve().parents[3]
# PySide6 builds a Qt type, and every enum in it, when it is first imported or returned:
# QStyle alone took 15 ms of a start-up, a message box 4 ms. None is needed to paint.
LATER_TYPES = (
    "QStyle",  # the style's standard icons (the table draws its own marks)
    "QMessageBox",
    "QFileDialog",
    "QInputDialog",
    "QCalendarWidget",  # a date field's calendar, made when first opened
    "QDateEdit",
)


def test_the_window_paints_without_later_types_and_with_the_faster_hook(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from ui.window.app import main\n"
        f"code = main(['--demo', '--screenshot', {str(tmp_path / 'shot.png')!r}])\n"
        "import PySide6.QtWidgets as widgets\n"
        f"made = [name for name in {LATER_TYPES!r} if name in widgets.__dict__]\n"
        f"feature = sys.modules[{FEATURE_MODULE!r}]\n"
        "print(code, made, feature._mod_uses_pyside.reads_file_directly)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "[]", "True"]

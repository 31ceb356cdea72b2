"""A real app process killed mid-edit (SIGKILL): the next start offers the edit back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.files.planfile import save_plan
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW, Dialogs
from ui.window import recovery
from ui.window.app import build_parser, open_window

ROOT = Path(__file__).resolve().parents[3]
CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.window.app import build_parser, open_window
window, refused, safety = open_window(build_parser().parse_args([sys.argv[1]]), Path(sys.argv[2]))
window.form.debounce.setInterval(0)
safety.autosaver.timer.setInterval(50)
window.show()
window.form.interval.setValue(28)  # the clinician's edit, never saved
deadline = time.monotonic() + 30
while not safety.store.exists() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("KEPT" if safety.store.exists() else "NOT KEPT", flush=True)
app.exec()
"""


@SHOWS_WINDOW
def test_killed_mid_edit_then_restored(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    plan_file = tmp_path / "ann.taper.json"
    save_plan(BASE_PLAN, plan_file)
    data = tmp_path / "app-data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(plan_file), str(data)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "KEPT", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(recovery, "ask_restore", lambda *_: recovery.RestoreAnswer.RESTORE)
    window, refused, safety = open_window(build_parser().parse_args([str(plan_file)]), data)
    qtbot.addWidget(window)
    assert refused is None and safety is not None
    assert window.current_plan() == BASE_PLAN.replace(interval_days=28)
    assert window.path == plan_file
    assert window.isWindowModified()
    assert dialogs.asked == []  # restoring asks only whether to restore
    safety.store.clear()

"""Two real app processes share one app-data folder: neither offers nor deletes the other's work."""

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
# Window A: edits and keeps its recovery file, then waits (until it is killed).
WINDOW_A = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.window.app import build_parser, open_window
window, refused, safety = open_window(build_parser().parse_args([sys.argv[1]]), Path(sys.argv[2]))
window.form.debounce.setInterval(0)
safety.autosaver.timer.setInterval(50)
window.show()
window.form.interval.setText("28")  # the clinician's edit, never saved
deadline = time.monotonic() + 30
while not safety.store.exists() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("KEPT" if safety.store.exists() else "NOT KEPT", flush=True)
app.exec()
"""
# Window B: starts while A runs, reports every offer it would make (answering No), then quits.
WINDOW_B = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.window import recovery
from ui.window.app import build_parser, open_window
offers = []
def ask(_parent, kept, source):
    offers.append(kept)
    return recovery.RestoreAnswer.KEEP
recovery.ask_restore = ask
window, refused, safety = open_window(build_parser().parse_args([]), Path(sys.argv[1]))
print(f"OFFERS {len(offers)}", flush=True)
safety.store.clear()
safety.store.release()
"""


def run(script: str, *args: str, home: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        # Private folders: the children never touch a real user's settings or app data.
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@SHOWS_WINDOW
def test_a_second_window_leaves_the_first_ones_work_alone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    plan_file = tmp_path / "ann.taper.json"
    save_plan(BASE_PLAN, plan_file)
    data = tmp_path / "app-data"
    window_a = run(WINDOW_A, str(plan_file), str(data), home=tmp_path / "home")
    try:
        assert window_a.stdout is not None
        assert window_a.stdout.readline().strip() == "KEPT", window_a.stderr.read()  # type: ignore[union-attr]
        kept_by_a = list((data / "recovery").glob("*.taper.json"))
        assert len(kept_by_a) == 1
        window_b = run(WINDOW_B, str(data), home=tmp_path / "home")
        out, err = window_b.communicate(timeout=60)
        assert window_b.returncode == 0, err
        assert out.strip() == "OFFERS 0"  # A still runs: its work is not B's to offer
        assert [path.exists() for path in kept_by_a] == [True]
    finally:
        window_a.send_signal(signal.SIGKILL)
        window_a.wait(timeout=30)
        window_a.stdout.close()  # type: ignore[union-attr]
        window_a.stderr.close()  # type: ignore[union-attr]
    assert window_a.returncode == -signal.SIGKILL

    # A is gone: the next start offers its work.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(recovery, "ask_restore", lambda *_: recovery.RestoreAnswer.RESTORE)
    window, refused, safety = open_window(build_parser().parse_args([]), data)
    qtbot.addWidget(window)
    assert refused is None and safety is not None
    assert window.current_plan() == BASE_PLAN.replace(interval_days=28)
    assert window.path == plan_file
    assert window.isWindowModified()
    safety.store.clear()
    safety.store.release()

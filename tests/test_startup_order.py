"""The app pauses the collector before it loads Qt, and the start-up benchmark starts it so too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fresh_process import run_offscreen

# Loaded by then, the collector ran ~150 times loading them (~65 ms of a start-up).
HEAVY = ("shiboken6", "PySide6.QtCore", "PySide6.QtWidgets", "numpy", "matplotlib")

# Stops the process when the app makes its CollectorPause, saying what was loaded by then.
PROBE = """
import os, sys
import ui.window.collector_pause as pause
def made(self):
    loaded = [name for name in {heavy!r} if name in sys.modules]
    print("loaded:", ",".join(loaded) or "-", flush=True)
    os._exit(0)
pause.CollectorPause.__init__ = made
{start}
"""
STARTS = {
    "main.py": "import main\nmain.run(['--demo'])",
    "benchmark child": "from benchmarks.child import main\nmain(['app', {folder!r}, '--demo'])",
}


@pytest.mark.parametrize("start", STARTS)
def test_nothing_of_qt_or_matplotlib_is_loaded_before_the_pause(start: str, tmp_path: Path) -> None:
    code = PROBE.format(heavy=HEAVY, start=STARTS[start].format(folder=str(tmp_path)))
    done = run_offscreen(tmp_path, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded: -"

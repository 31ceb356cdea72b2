"""Two apps, one plan file: read-only for the second, and no save over a change on disk.

Real processes with private folders: the other app is the real window, killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.files.editlock import LockOwner, lock_path, read_owner
from planner.files.planfile import load_plan, save_plan
from planner.model import Patient
from tests.ui.conftest import BASE_PLAN, Dialogs
from ui.window import editguard
from ui.window.editguard import SaveVerdict
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
# The other clinician's app: the real window with the plan open, until it is killed.
OTHER_APP = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.window.app import build_parser, open_window
window, refused, safety = open_window(build_parser().parse_args([sys.argv[1]]), Path(sys.argv[2]))
print("OPEN" if refused is None else refused, flush=True)
app.exec()
"""
# Another app saving the plan while this window has it open.
OTHER_SAVE = """
import sys
from planner.files.planfile import load_plan, save_plan
from planner.model import Patient
plan = load_plan(sys.argv[1])
save_plan(plan.replace(patient=Patient(name="Saved by the other app")), sys.argv[1])
"""


def _env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "other-home"  # never the real user's settings or app data
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }


@pytest.fixture
def other_app(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    plan_file = tmp_path / "ann.taper.json"
    save_plan(BASE_PLAN, plan_file)
    child = subprocess.Popen(
        [sys.executable, "-c", OTHER_APP, str(plan_file), str(tmp_path / "other-data")],
        cwd=ROOT, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "OPEN", child.stderr.read()  # type: ignore[union-attr]
        yield child, plan_file
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()  # type: ignore[union-attr]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
    told: dict[str, list[object]] = {"read_only": [], "locked": [], "changed": []}
    verdicts = [SaveVerdict.SAVE_AS, SaveVerdict.RELOAD]

    def read_only(_parent: object, _name: str, owner: LockOwner) -> bool:
        told["read_only"].append(owner)
        return True

    def changed(_parent: object, name: str) -> SaveVerdict:
        told["changed"].append(name)
        return verdicts.pop(0)

    monkeypatch.setattr(editguard, "ask_read_only", read_only)
    monkeypatch.setattr(editguard, "ask_changed_on_disk", changed)
    monkeypatch.setattr(editguard, "tell_locked", lambda _p, _n, o: told["locked"].append(o))
    return told


def test_two_apps_one_plan(
    window: MainWindow,
    other_app: tuple[subprocess.Popen[str], Path],
    answers: dict[str, list[object]],
    dialogs: Dialogs,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    child, plan_file = other_app
    original = plan_file.read_bytes()
    # 1. The other app holds the plan: this one sees who, and opens it read-only.
    assert window.open_path(plan_file) is None
    owner = answers["read_only"][0]
    assert isinstance(owner, LockOwner)
    assert (owner.pid, owner.host) == (child.pid, socket.gethostname())
    assert window.guard.read_only and "(read-only)" in window.windowTitle()
    # Saving is refused there and becomes a Save As to a new file.
    window.edit_plan(window.current_plan().replace(interval_days=21))
    dialogs.save_path = str(tmp_path / "my-copy.taper.json")
    assert window.save() is True
    assert answers["locked"] and plan_file.read_bytes() == original
    assert load_plan(tmp_path / "my-copy.taper.json").interval_days == 21
    assert window.path == tmp_path / "my-copy.taper.json" and not window.guard.read_only

    # 2. The other app is killed: its lock is stale, and this app takes the plan for editing.
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert window.open_path(plan_file) is None
    assert not window.guard.read_only and len(answers["read_only"]) == 1
    assert read_owner(plan_file) == window.guard.lock.owner  # type: ignore[union-attr]

    # 3. Another process saves the plan meanwhile: this window's save is refused.
    subprocess.run(
        [sys.executable, "-c", OTHER_SAVE, str(plan_file)],
        cwd=ROOT, env=_env(tmp_path), check=True, timeout=60,
    )
    theirs = plan_file.read_bytes()
    window.edit_plan(window.current_plan().replace(interval_days=28))
    qtbot.waitUntil(lambda: window.current_plan().interval_days == 28)
    dialogs.save_path = str(tmp_path / "second-copy.taper.json")
    assert window.save_to(plan_file) is True  # answered "Save As New File"
    assert plan_file.read_bytes() == theirs
    assert load_plan(tmp_path / "second-copy.taper.json").interval_days == 28

    # 4. Reload: the window shows the other app's plan and its own edit is gone.
    assert window.open_path(plan_file) is None
    window.edit_plan(window.current_plan().replace(interval_days=35))
    save_plan(load_plan(plan_file).replace(patient=Patient(name="Third")), plan_file)
    assert window.save_to(plan_file) is False
    assert window.current_plan().patient.name == "Third"
    assert answers["changed"] == ["ann.taper.json", "ann.taper.json"]


def test_closing_releases_the_lock(window: MainWindow, tmp_path: Path) -> None:
    plan_file = tmp_path / "bo.taper.json"
    save_plan(BASE_PLAN, plan_file)
    assert window.open_path(plan_file) is None
    assert lock_path(plan_file).exists()
    window.close()
    assert not lock_path(plan_file).exists()


def test_a_plain_save_keeps_the_lock_and_saves_again(window: MainWindow, tmp_path: Path) -> None:
    plan_file = tmp_path / "cy.taper.json"
    save_plan(BASE_PLAN, plan_file)
    assert window.open_path(plan_file) is None
    window.edit_plan(window.current_plan().replace(interval_days=21))
    assert window.save() is True
    window.edit_plan(window.current_plan().replace(interval_days=28))
    assert window.save() is True  # its own save is not "changed on disk"
    assert load_plan(plan_file).interval_days == 28
    assert lock_path(plan_file).exists()

"""Autosave and recovery, in process: unsaved edits are kept, offered back, and cleared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.files.planfile import save_plan
from planner.model import TaperPlan
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import type_into
from ui.window import recovery
from ui.window.main_window import MainWindow
from ui.window.recovery import Autosaver, RecoveryStore, RestoreAnswer, offer_recovery


def edited_window(window: MainWindow, qtbot: QtBot) -> TaperPlan:
    with qtbot.waitSignal(window.schedule_shown):
        type_into(qtbot, window.form.interval, "21")
    return window.current_plan()


def test_an_unsaved_edit_is_kept_shortly_after(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    store = RecoveryStore(tmp_path)
    saver = Autosaver(window, store, delay_ms=0)
    plan = edited_window(window, qtbot)
    qtbot.waitUntil(store.exists)
    assert store.read()[0] == plan
    saver.flush()
    assert plan.interval_days == 21


def test_saving_clears_the_recovery_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "data")
    Autosaver(window, store, delay_ms=0)
    edited_window(window, qtbot)
    qtbot.waitUntil(store.exists)
    assert window.save_to(tmp_path / "p.taper.json")
    assert not store.exists()


def gone_window(folder: Path, plan: TaperPlan, source: Path | None) -> RecoveryStore:
    """A window that kept ``plan`` and then ended without clearing it (its lock released)."""
    store = RecoveryStore(folder)
    store.write(plan, source)
    store.release()
    return store


def test_recovery_is_offered_and_restores_as_unsaved(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = BASE_PLAN.replace(interval_days=28)
    gone = gone_window(tmp_path, kept, tmp_path / "ann.taper.json")
    asked: list[str] = []

    def ask(_parent: object, when: str, _source: object) -> RestoreAnswer:
        asked.append(when)
        return RestoreAnswer.RESTORE

    monkeypatch.setattr(recovery, "ask_restore", ask)
    store = RecoveryStore(tmp_path)
    assert offer_recovery(window, store)
    assert asked and asked[0]
    assert window.current_plan() == kept
    assert window.path == tmp_path / "ann.taper.json"
    assert window.isWindowModified()
    assert not gone.exists()  # now kept under this window's own name
    assert store.exists() and store.read()[0] == kept


def test_keep_for_later_keeps_it_until_discarded(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = gone_window(tmp_path, BASE_PLAN.replace(interval_days=28), None)
    monkeypatch.setattr(recovery, "ask_restore", lambda *_: RestoreAnswer.KEEP)
    assert not offer_recovery(window, RecoveryStore(tmp_path))
    assert gone.exists()
    assert window.current_plan() == BASE_PLAN
    monkeypatch.setattr(recovery, "ask_restore", lambda *_: RestoreAnswer.DISCARD)
    assert not offer_recovery(window, RecoveryStore(tmp_path))  # offered again, discarded
    assert not gone.exists()


def test_a_running_windows_file_is_never_offered(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = RecoveryStore(tmp_path)
    running.write(BASE_PLAN.replace(interval_days=28), None)
    asked: list[object] = []
    monkeypatch.setattr(recovery, "ask_restore", lambda *args: asked.append(args))
    assert not offer_recovery(window, RecoveryStore(tmp_path))
    assert asked == [] and running.exists()
    running.clear()


def test_an_earlier_versions_single_file_is_offered(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_plan(BASE_PLAN.replace(interval_days=21), tmp_path / "recovery.taper.json")
    monkeypatch.setattr(recovery, "ask_restore", lambda *_: RestoreAnswer.RESTORE)
    assert offer_recovery(window, RecoveryStore(tmp_path))
    assert window.current_plan().interval_days == 21


def test_a_damaged_recovery_file_is_reported_not_loaded(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = gone_window(tmp_path, BASE_PLAN, None)
    gone.plan_path.write_text("{ damaged", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(recovery, "tell_unrecoverable", lambda _parent, why: told.append(why))
    assert not offer_recovery(window, RecoveryStore(tmp_path))
    assert told and "damaged" in told[0]
    assert not gone.exists()
    assert (gone.plan_path.parent / f"{gone.owner}.damaged.json").exists()  # set aside, kept
    told.clear()
    assert not offer_recovery(window, RecoveryStore(tmp_path))
    assert told == []


def test_lock_files_of_ended_windows_are_swept(tmp_path: Path) -> None:
    ended = RecoveryStore(tmp_path)
    stale = ended.folder / "12345-ended.lock"
    # A process that takes a lock and ends without unlocking, as a crash does.
    script = (
        "import os, sys; from PySide6.QtCore import QLockFile; "
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(stale)], check=True, timeout=60)
    assert stale.exists()
    running = RecoveryStore(tmp_path)
    assert running.orphans() == []
    assert not stale.exists()
    assert (ended.folder / f"{ended.owner}.lock").exists()  # a running window's lock stays

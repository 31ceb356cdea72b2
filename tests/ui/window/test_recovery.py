"""Autosave and recovery, in process: unsaved edits are kept, offered back, and cleared."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.files.planfile import save_plan
from planner.model import TaperPlan
from tests.ui.conftest import BASE_PLAN
from tests.ui.helpers import type_into
from ui.window import recovery
from ui.window.main_window import MainWindow
from ui.window.recovery import Autosaver, RecoveryStore, offer_recovery


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


def test_recovery_is_offered_and_restores_as_unsaved(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RecoveryStore(tmp_path)
    kept = BASE_PLAN.replace(interval_days=28)
    store.write(kept, tmp_path / "ann.taper.json")
    asked: list[str] = []
    monkeypatch.setattr(recovery, "ask_restore", lambda _parent, when: asked.append(when) or True)
    assert offer_recovery(window, store)
    assert asked and asked[0]
    assert window.current_plan() == kept
    assert window.path == tmp_path / "ann.taper.json"
    assert window.isWindowModified()


def test_declining_recovery_forgets_it(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RecoveryStore(tmp_path)
    store.write(BASE_PLAN.replace(interval_days=28), None)
    monkeypatch.setattr(recovery, "ask_restore", lambda *_: False)
    assert not offer_recovery(window, store)
    assert not store.exists()
    assert window.current_plan() == BASE_PLAN


def test_a_damaged_recovery_file_is_reported_not_loaded(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RecoveryStore(tmp_path)
    save_plan(BASE_PLAN, store.plan_path)
    store.plan_path.write_text("{ damaged", encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(recovery, "tell_unrecoverable", lambda _parent, why: told.append(why))
    assert not offer_recovery(window, store)
    assert told and "damaged" in told[0]
    assert not store.exists()

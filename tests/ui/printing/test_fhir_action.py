"""File → Export FHIR Bundle…: the plan on screen as a validated FHIR bundle, or a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from ui.printing import actions as export_actions
from ui.window.main_window import MainWindow


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(export_actions, "tell", lambda _parent, message: messages.append(message))
    return messages


def test_the_file_menu_offers_the_fhir_export(window: MainWindow) -> None:
    texts = [action.text() for action in window.file_menu.actions()]
    assert "Export &FHIR Bundle…" in texts


def test_export_fhir_writes_the_schedule_on_screen(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(tmp_path / "ann"))
    window.exports.fhir_action.trigger()
    assert told == []
    bundle = Bundle.model_validate_json((tmp_path / "ann.fhir.json").read_text(encoding="utf-8"))
    schedule = window.current_schedule()
    assert schedule is not None
    (entry,) = bundle.entry
    first = entry.resource.dosageInstruction[0]
    assert str(first.timing.repeat.boundsPeriod.start) == schedule.steps[0].start.isoformat()
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_out_of_date_schedule_is_not_exported(
    window: MainWindow, qtbot: QtBot, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    type_into(qtbot, window.form.doses["morning"], "0.3")  # not measurable with tablets
    window.form.flush()
    qtbot.waitUntil(window.pane.is_stale)
    chosen: list[str] = []
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: chosen.append("x") or "")
    window.exports.fhir_action.trigger()
    assert chosen == []
    assert len(told) == 1 and "out of date" in told[0]


def test_an_unwritable_folder_is_told(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    target = tmp_path / "missing" / "plan.json"
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(target))
    window.exports.fhir_action.trigger()
    assert len(told) == 1 and "Cannot write" in told[0]
    assert not target.parent.exists()

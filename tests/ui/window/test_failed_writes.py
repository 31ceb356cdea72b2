"""In the window, a write that fails shows why and leaves the previous file as it was."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from planner.files import atomic
from tests.ui.conftest import Dialogs
from ui.printing import actions as export_actions
from ui.window.main_window import MainWindow


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(export_actions, "tell", lambda _parent, message: messages.append(message))
    return messages


def test_an_export_over_a_read_only_file_is_refused_and_said(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("the old export")
    target.chmod(0o444)
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(target))
    window.exports.csv_action.trigger()
    assert told == [
        f"Cannot write {target}: the file is read-only; choose another name or make it writable"
    ]
    assert target.read_text() == "the old export"


def test_an_export_that_fails_on_a_full_disk_keeps_the_old_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("the old calendar")

    def full_disk(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(target))
    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    window.exports.ics_action.trigger()
    assert told == [f"Cannot write {target}: No space left on device"]
    assert target.read_text() == "the old calendar"
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_saving_over_a_fifo_or_a_folder_is_refused_and_said(
    window: MainWindow, tmp_path: Path, dialogs: Dialogs
) -> None:
    fifo = tmp_path / "pipe.taper.json"
    os.mkfifo(fifo)
    assert not window.save_to(fifo)
    assert not window.save_to(tmp_path)
    assert "pipe (FIFO), not a file" in dialogs.messages[0]
    assert "a folder, not a file" in dialogs.messages[1]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_saving_through_a_symlink_updates_the_file_it_points_to(
    window: MainWindow, tmp_path: Path, dialogs: Dialogs
) -> None:
    real = tmp_path / "shared" / "ann.taper.json"
    real.parent.mkdir()
    link = tmp_path / "ann.taper.json"
    link.symlink_to(real)
    assert window.save_to(link) and dialogs.messages == []
    assert link.is_symlink() and real.is_file()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600

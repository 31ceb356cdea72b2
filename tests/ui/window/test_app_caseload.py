"""`--caseload FOLDER`: the app starts with the caseload open (here: its screenshot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.caseload_folder import write_folder
from ui.window import caseload_actions
from ui.window.app import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_screenshot_of_the_caseload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(caseload_actions, "data_dir", lambda: tmp_path / "data")
    write_folder(tmp_path / "plans", dt.date.today())
    shot = tmp_path / "caseload.png"
    assert main(["--caseload", str(tmp_path / "plans"), "--screenshot", str(shot)]) == 0
    assert shot.read_bytes().startswith(PNG_MAGIC)
    assert (tmp_path / "data" / "caseload.sqlite3").exists()
    # A folder that is not one is reported, and the app still starts.
    assert main(["--caseload", str(tmp_path / "none"), "--screenshot", str(shot)]) == 0
    assert "Cannot read the caseload folder" in capsys.readouterr().err

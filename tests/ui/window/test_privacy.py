"""Patient data stays private (user-only folders, tests never use real ones); limits and FIFOs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planner.files import planfile
from planner.limits import MAX_TEXT_CHARS
from planner.model import TaperPlan
from tests.conftest import PRIVATE_HOME
from tests.ui.conftest import BASE_PLAN
from ui.window import error_report, recovery
from ui.window.main_window import MainWindow


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_recovery_folder_and_files_are_user_only(tmp_path: Path) -> None:
    folder = tmp_path / "app-data" / "Taper Planner"
    store = recovery.RecoveryStore(folder)
    store.write(BASE_PLAN, tmp_path / "ann.taper.json")
    assert _mode(folder) == 0o700 and _mode(folder.parent) == 0o700
    assert _mode(store.plan_path) == 0o600 and _mode(store.meta_path) == 0o600
    plan, source, _kept = store.read()
    assert isinstance(plan, TaperPlan) and source == tmp_path / "ann.taper.json"


def test_the_error_log_is_user_only(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    log = error_report.write_log(folder, "Traceback: patient Ann")
    assert _mode(folder) == 0o700 and _mode(log) == 0o600
    log.chmod(0o644)  # left by an older version
    error_report.write_log(folder, "again")
    assert _mode(log) == 0o600 and log.read_text(encoding="utf-8").count("---") == 2


def test_gui_tests_use_a_private_app_data_folder() -> None:
    folder = recovery.data_dir()
    assert folder.is_relative_to(PRIVATE_HOME), folder
    assert os.environ["XDG_CONFIG_HOME"].startswith(str(PRIVATE_HOME))


def test_the_form_takes_names_only_as_long_as_a_file_keeps(window: MainWindow) -> None:
    window.form.patient_name.setText("N" * 239)
    window.form.prescriber.setText("P" * 239)
    window.form.flush()
    plan = window.form.build_plan()
    assert len(plan.patient.name) == MAX_TEXT_CHARS == len(plan.patient.prescriber)
    assert planfile.loads(planfile.dumps(plan)) == plan


def test_the_window_refuses_a_fifo_at_once(window: MainWindow, tmp_path: Path) -> None:
    fifo = tmp_path / "plan.taper.json"
    os.mkfifo(fifo)
    refused = window.open_path(fifo)  # an ordinary open would wait for a writer for ever
    assert refused is not None and "pipe (FIFO)" in refused

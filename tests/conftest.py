"""Shared test set-up: Qt runs offscreen, and tests under tests/ui are marked gui."""

from __future__ import annotations

import gc
import os
import sys

import pytest
from hypothesis import HealthCheck, settings

from tests.error_guard import hidden_errors as hidden_errors
from tests.private_folders import use_private_folders

# Set before anything imports Qt, so no test needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Never the user's app-data or config folders, in this process or any child it starts.
PRIVATE_HOME = use_private_folders()

# No deadlines: CI machines are shared and noisy; speed lives in benchmarks/.
settings.register_profile("default", deadline=None)
# `HYPOTHESIS_PROFILE=thorough python -m pytest tests/planner` (README): 100 000 examples each.
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=100_000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config: pytest.Config) -> None:
    """An exception in a ``__del__`` or a finalizer fails its test instead of warning."""
    config.addinivalue_line("filterwarnings", "error::pytest.PytestUnraisableExceptionWarning")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/ui as ``gui`` so ``-m "not gui"`` runs the pure suite."""
    for item in items:
        if f"{os.sep}tests{os.sep}ui{os.sep}" in str(item.path):
            item.add_marker(pytest.mark.gui)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close any window a test left open while Qt can still do it, and keep the status."""
    session.config.stash[_EXIT_STATUS] = int(exitstatus)
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        import shiboken6

        for widget in app.topLevelWidgets():
            # closing one window may delete another (a dialog with its parent): skip those,
            # or the error here would end the run before pytest prints its report.
            if shiboken6.isValid(widget):
                widget.close()
            if shiboken6.isValid(widget):
                widget.deleteLater()
        app.processEvents()
    gc.collect()


_EXIT_STATUS = pytest.StashKey[int]()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the run with pytest's own status once every result has been reported.

    Python's finalisation after a long Qt run destroyed Qt objects in an order Qt does not
    survive (a SIGSEGV after "N passed"), which turned a green run red. Every test has
    run and been reported by now, so the process ends here, with pytest's status, before
    that finalisation. A crash *during* a test still fails it (faulthandler prints it).
    """
    status = config.stash.get(_EXIT_STATUS, None)
    if status is None or "PySide6" not in sys.modules:
        return
    # The report goes through pytest's own writer (a copy of stdout): flushed too, or a
    # run piped to a file (CI) would end with its summary and tracebacks still buffered.
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)

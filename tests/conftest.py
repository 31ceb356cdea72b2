"""Shared test set-up: Qt runs offscreen, and tests under tests/ui are marked gui."""

from __future__ import annotations

import os

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

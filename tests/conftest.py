"""Shared test set-up: Qt runs offscreen, and tests under tests/ui are marked gui."""

from __future__ import annotations

import os

import pytest

# Set before anything imports Qt, so no test needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/ui as ``gui`` so ``-m "not gui"`` runs the pure suite."""
    for item in items:
        if f"{os.sep}tests{os.sep}ui{os.sep}" in str(item.path):
            item.add_marker(pytest.mark.gui)

"""The Qt binding itself: a PySide6 release that corrupts reference counts must not be used."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_the_reference_count_of_none() -> None:
    """PySide6 6.12.0 under Python 3.11 lost a reference to None on every void call."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 50

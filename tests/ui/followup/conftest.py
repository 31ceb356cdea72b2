"""The follow-up tests run on a fixed "today", some weeks into BASE_PLAN."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.ui.conftest import START
from ui.followup import clock

TODAY = START + dt.timedelta(days=40)  # 13 Feb 2027: step 3 of BASE_PLAN


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Set the follow-up features' "today"."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY

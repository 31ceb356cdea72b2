"""Today's date for the follow-up features, in one place so tests can set it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# Replaced by tests (monkeypatch ``ui.followup.clock.today``) to fix "today".
today: Callable[[], dt.date] = dt.date.today

"""Pure taper planning: inputs to measurable schedules and guideline findings (no Qt)."""

from __future__ import annotations

__version__ = "0.1.0"

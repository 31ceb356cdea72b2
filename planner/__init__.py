"""Pure taper planning: inputs to measurable schedules and guideline findings (no Qt)."""

from __future__ import annotations

# The one place the version is written: pyproject.toml reads it (setuptools dynamic version),
# and About, every printout, export and `taper-planner --version` show it.
__version__ = "0.1.0"

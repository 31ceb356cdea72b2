"""Measurements, their targets and pass/miss, as a printed table and as JSON."""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Sequence
from typing import Any


def percentile(samples: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile of ``samples`` (the largest sample for 100).

    Raises:
        ValueError: for no samples.
    """
    if not samples:
        raise ValueError("no samples to take a percentile of")
    ordered = sorted(samples)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    """The median of ``samples``."""
    return float(statistics.median(samples))


def ms(seconds: Sequence[float]) -> list[float]:
    """Seconds as milliseconds."""
    return [1000 * value for value in seconds]


@dataclasses.dataclass(frozen=True)
class Floor:
    """The denominator of a ratio: what it measured, its value and unit, in the same run."""

    label: str
    value: float
    unit: str = "ms"

    def as_json(self) -> dict[str, Any]:
        """The floor as a JSON-ready dictionary."""
        return {"label": self.label, "value": self.value, "unit": self.unit}


@dataclasses.dataclass
class Measurement:
    """One row of the report: a measured value, what it should be and the numbers behind it.

    ``target`` is the largest value that passes (None: measured for the record only);
    ``value`` is None when the measurement was skipped, and ``note`` then says why. A ratio
    names its ``floor``: what it was divided by, measured in the same run.
    """

    key: str
    label: str
    value: float | None
    unit: str
    target: float | None = None
    details: dict[str, float] = dataclasses.field(default_factory=dict)
    note: str = ""
    floor: Floor | None = None

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None without a target or a value."""
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target

    def as_json(self) -> dict[str, Any]:
        """The measurement as a JSON-ready dictionary."""
        return {
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "passed": self.passed,
            "details": self.details,
            "note": self.note,
            "floor": None if self.floor is None else self.floor.as_json(),
        }


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "×":
        return f"{value:.2f}×"
    digits = 1 if value < 100 else 0
    return f"{value:.{digits}f} {unit}"


def table(measurements: Sequence[Measurement]) -> str:
    """A plain-text table: measurement, value, target, pass/miss and what it was compared with."""
    rows = [("Measurement", "Value", "Target", "Result", "Notes")]
    for m in measurements:
        result = {True: "pass", False: "MISS", None: "—"}[m.passed]
        target = "—" if m.target is None else "≤ " + _number(m.target, m.unit)
        rows.append((m.label, _number(m.value, m.unit), target, result, m.note))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in [*widths, len(row[4])]))
    return "\n".join(lines)

"""How a patient measures a volume with a device: which fills, up to which marks."""

from __future__ import annotations

import math
from fractions import Fraction

from planner.catalogue import Device
from planner.model import format_quantity_ml


def fills_ml(volume_ml: Fraction, device: Device) -> list[Fraction]:
    """The fills that make up a volume: full devices, then the rest, none below the minimum.

    A remainder smaller than the device's smallest accurate fill is moved out of the last
    full fill, so every fill stays at or above the minimum (3 mL syringe, 3.1 mL: 2.8 + 0.3).
    """
    capacity = Fraction(str(device.capacity_ml))
    smallest = Fraction(str(device.min_ml))
    if volume_ml <= 0:
        return []
    count = math.ceil(volume_ml / capacity)
    last = volume_ml - (count - 1) * capacity
    fills = [capacity] * (count - 1) + [last]
    if count > 1 and last < smallest:
        fills[-2] = capacity - (smallest - last)
        fills[-1] = smallest
    return fills


def spoon_parts(volume_ml: Fraction, device: Device) -> list[Fraction]:
    """A volume as spoonfuls of the spoon's marks, largest first (5 + 1.25 mL)."""
    parts: list[Fraction] = []
    rest = volume_ml
    for mark in sorted((Fraction(str(m)) for m in device.marks_ml), reverse=True):
        while rest >= mark:
            parts.append(mark)
            rest -= mark
    return parts if rest == 0 else []


def how_to_measure(volume_ml: Fraction, device: Device) -> str:
    """Words for measuring a volume: '5 mL oral syringe: draw up to the 2.4 mL mark'."""
    if device.marks_ml:
        parts = spoon_parts(volume_ml, device)
        if parts:
            return f"{device.label}: " + " + ".join(f"{format_quantity_ml(p)} mL" for p in parts)
    fills = fills_ml(volume_ml, device)
    if len(fills) == 1:
        return f"{device.label}: draw up to the {format_quantity_ml(fills[0])} mL mark"
    words: list[str] = []
    for fill in fills:
        mark = f"to the {format_quantity_ml(fill)} mL mark"
        if words and words[-1].startswith(mark):
            count = int(words[-1].split(" × ")[-1]) + 1 if " × " in words[-1] else 2
            words[-1] = f"{mark} × {count}"
        else:
            words.append(mark)
    return f"{device.label}: fill " + ", then ".join(words)

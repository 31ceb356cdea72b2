"""The chart's layouts remembered between runs: a start-up draws without laying the chart out."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from PySide6.QtCore import QSettings

SETTINGS_KEY = "chart/layouts"
# Window sizes and label shapes a clinician meets: a few; the oldest are forgotten.
MAX_LAYOUTS = 16

# An axes' place in the figure, as matplotlib keeps it: (original, active) bounds.
Placement = tuple[tuple[float, float, float, float], tuple[float, float, float, float]]


def record_key(figure: Figure, layout_key: tuple[object, ...]) -> str:
    """The key a layout is kept under: ``layout_key`` with what else the layout depends on.

    That is matplotlib's version, the resolution and the font; hashed, so the settings hold
    a short name, not the labels and a font file's path. Hashed from the key's text, so the
    key holds nothing listed in a different order in another process (no sets).
    """
    font = FontProperties()
    environment = (matplotlib.__version__, figure.dpi, findfont(font), font.get_size_in_points())
    text = repr((environment, layout_key)).encode()
    return hashlib.blake2b(text, digest_size=16).hexdigest()


class LayoutMemory:
    """Axes placements by layout key, kept in the application's settings.

    Laying the chart out (a constrained layout) measures every tick label of both axes: a
    third of the window's first paint. The layout follows from what ``layout_key`` names
    (the size, the labels, the tick label shapes) and from the environment, so one made in
    an earlier run for the same key is the same layout; it is put back instead.

    A value that does not read as placements (damaged, or from another version) is ignored,
    and the layout is made as if none were kept.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()
        self._layouts: list[tuple[str, list[Placement]]] | None = None

    def recall(self, key: str, axes_count: int) -> list[Placement] | None:
        """The placements kept for ``key`` (one per axes), or None."""
        for kept_key, placements in self._read():
            if kept_key == key:
                return placements if len(placements) == axes_count else None
        return None

    def keep(self, key: str, placements: Sequence[Placement]) -> None:
        """Remember ``placements`` for ``key``, newest first."""
        layouts = [(k, p) for k, p in self._read() if k != key]
        self._layouts = [(key, list(placements)), *layouts][:MAX_LAYOUTS]
        self._settings.setValue(SETTINGS_KEY, json.dumps(self._layouts))

    def _read(self) -> list[tuple[str, list[Placement]]]:
        if self._layouts is None:
            self._layouts = _parse(self._settings.value(SETTINGS_KEY, ""))
        return self._layouts


def _parse(value: object) -> list[tuple[str, list[Placement]]]:
    """The kept layouts, or none when the value is not what ``keep`` writes."""
    try:
        entries = json.loads(value) if isinstance(value, str) and value else []
        layouts: list[tuple[str, list[Placement]]] = []
        for key, placements in entries:
            if not isinstance(key, str):
                return []
            layouts.append((key, [_placement(item) for item in placements]))
        return layouts
    except (ValueError, TypeError):
        return []


def _placement(item: object) -> Placement:
    if not isinstance(item, list) or len(item) != 2:
        raise ValueError("a placement is two boxes")
    original, active = (_bounds(box) for box in item)
    return original, active


def _bounds(box: object) -> tuple[float, float, float, float]:
    if not isinstance(box, list) or len(box) != 4:
        raise ValueError("a box is four numbers")
    numbers = [float(number) for number in box]
    if not all(math.isfinite(number) for number in numbers):
        raise ValueError("a box's numbers are finite")
    x, y, width, height = numbers
    return x, y, width, height

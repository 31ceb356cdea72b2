"""Typed access to QSettings: recent files, last folder, window state, form sections, defaults."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from planner.model import Equivalence, Method, TaperPlan
from ui.form.sections import Section

MAX_RECENT = 8
# The hyperbolic method's percent is a fall in occupancy points, so it starts smaller.
DEFAULT_PERCENT = {Method.HYPERBOLIC: 5.0}


def _as_list(value: object) -> list[str]:
    # Ini-backed settings return a single-item list as a bare string, and none as None.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return []


class AppSettings:
    """The application's settings, read and written through one QSettings."""

    def __init__(self) -> None:
        self.store = QSettings()

    def recent_files(self) -> list[str]:
        """Recently opened or saved plan files, newest first."""
        return _as_list(self.store.value("recent_files"))

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files."""
        text = str(path)
        files = [text, *(item for item in self.recent_files() if item != text)]
        self.store.setValue("recent_files", files[:MAX_RECENT])
        self.set_last_folder(path.parent)

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.store.remove("recent_files")

    def last_folder(self) -> str:
        """The folder of the last file opened or saved ("" if none)."""
        return str(self.store.value("last_folder", "") or "")

    def set_last_folder(self, folder: Path) -> None:
        """Remember ``folder`` for the next file dialog."""
        self.store.setValue("last_folder", str(folder))

    def state(self, key: str) -> QByteArray | None:
        """A saved window geometry or splitter state."""
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        """Save a window geometry or splitter state."""
        self.store.setValue(key, value)

    def restore_layout(
        self,
        window: QWidget,
        first_size: tuple[int, int],
        splitters: dict[str, tuple[QSplitter, tuple[int, ...]]],
    ) -> bool:
        """Put back the window's geometry and splitters; True if the geometry was restored.

        With nothing saved (or a damaged state) the window gets ``first_size`` and each
        splitter its first-time sizes.
        """
        geometry = self.state("window/geometry")
        restored = geometry is not None and window.restoreGeometry(geometry)
        if not restored:
            window.resize(*first_size)
        for key, (splitter, first_sizes) in splitters.items():
            saved = self.state(key)
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes(list(first_sizes))
        return restored

    def save_layout(
        self, window: QWidget, splitters: dict[str, tuple[QSplitter, tuple[int, ...]]]
    ) -> None:
        """Keep the window's geometry and splitters for the next start."""
        self.set_state("window/geometry", window.saveGeometry())
        for key, (splitter, _sizes) in splitters.items():
            self.set_state(key, splitter.saveState())

    def keep_sections(self, sections: Mapping[str, Section]) -> None:
        """Open or close each form section as it was left, and remember each toggle."""
        for key, section in sections.items():
            saved = self.store.value(f"form/sections/{key}")
            if saved is not None:  # ini files give the text "true" or "false"
                section.set_expanded(str(saved).lower() == "true")
            section.toggled.connect(partial(self.store.setValue, f"form/sections/{key}"))

    def default_plan(self, plan: TaperPlan) -> TaperPlan:
        """``plan`` with the clinician's default region, equivalence table and method."""
        region = str(self.store.value("defaults/region", plan.region))
        equivalence = str(self.store.value("defaults/equivalence", plan.equivalence))
        method = str(self.store.value("defaults/method", plan.method))
        try:
            chosen = Method(method)
            table = Equivalence(equivalence)
        except ValueError:
            return plan
        return plan.replace(
            region=region if region in ("uk", "us") else plan.region,
            equivalence=table,
            method=chosen,
            reduction_percent=DEFAULT_PERCENT.get(chosen, plan.reduction_percent),
        )

    def save_defaults(self, plan: TaperPlan) -> None:
        """Remember a plan's region, equivalence table and method for new plans."""
        self.store.setValue("defaults/region", plan.region)
        self.store.setValue("defaults/equivalence", str(plan.equivalence))
        self.store.setValue("defaults/method", str(plan.method))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.store.sync()

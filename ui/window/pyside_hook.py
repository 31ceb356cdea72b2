"""PySide6's import hook asks each new module's file once, not through linecache and tokenize."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

# Where shiboken6 keeps the hook's helpers (set up when shiboken6 is imported).
FEATURE_MODULE = "shibokensupport.feature"
# The name PySide6 searches each module's source for (see uses_pyside).
MARK = b"PySide6"


def uses_pyside(module: ModuleType, ask_pyside: Callable[[ModuleType], bool]) -> bool:
    """True when ``module``'s source file names PySide6: PySide6's own answer, found faster.

    PySide6 replaces ``__import__`` to support its opt-in ``from __feature__ import …``; after
    every import it asks whether the new module's source says "PySide6", through
    ``inspect.getsource``: linecache, tokenize and a copy of every line, kept for the life
    of the process. The app imports about 420 modules after PySide6 (matplotlib's and its
    own); asked that way they cost about 110 ms of a 1.75 s start-up. A module with a
    source file is read here once, as bytes (Python source is ASCII-compatible, so the
    search finds what PySide6's does); any other module (built in, compiled, in a zip or a
    bundle) gets PySide6's own answer from ``ask_pyside``.
    """
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return MARK in source.read()
        except OSError:
            pass
    return ask_pyside(module)


def read_sources_directly() -> bool:
    """Give PySide6's import hook ``uses_pyside``; call before PySide6 is first imported.

    Returns:
        True when the hook now uses it (also when it already did); False when this PySide6
        has no such hook, which is left as it is.
    """
    import shiboken6  # noqa: F401  (sets up the hook's helpers; loads no Qt module)

    feature = sys.modules.get(FEATURE_MODULE)
    ask_pyside = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(ask_pyside):
        return False
    if getattr(ask_pyside, "reads_file_directly", False):
        return True

    def faster(module: ModuleType) -> bool:
        return uses_pyside(module, ask_pyside)

    faster.reads_file_directly = True  # type: ignore[attr-defined]
    faster.original = ask_pyside  # type: ignore[attr-defined]
    # Private to PySide6, but it is what the hook calls for each module (by this name).
    feature._mod_uses_pyside = faster  # type: ignore[attr-defined]
    return True

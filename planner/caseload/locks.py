"""Which plans in a caseload folder another app has open for editing (their lock files)."""

from __future__ import annotations

import os
from pathlib import Path

from planner.files.editlock import LOCK_PREFIX, LOCK_SUFFIX, is_stale, read_owner


def open_by(folder: Path) -> dict[str, str]:
    """``{plan file name: who has it open}`` for every live lock in ``folder``.

    A stale lock (its process on this computer has ended) is left out: nobody has that
    plan open. A folder that cannot be listed has none.
    """
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name[len(LOCK_PREFIX) : -len(LOCK_SUFFIX)]
                for entry in entries
                if entry.name.startswith(LOCK_PREFIX) and entry.name.endswith(LOCK_SUFFIX)
            ]
    except OSError:
        return {}
    holders: dict[str, str] = {}
    for name in names:
        owner = read_owner(folder / name)
        if owner is not None and not is_stale(owner):
            holders[name] = owner.describe()
    return holders

"""Which planner wrote the caseload index: a hash of its code, made again only when it changes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import planner
from planner.caseload.digest import DIGEST_VERSION

PLANNER_FOLDER = Path(planner.__file__).parent
# The planner's code and its data (the catalogue): what a caseload row is worked out from.
CODE_ROOTS = (PLANNER_FOLDER, PLANNER_FOLDER.parent / "resources")
CODE_SUFFIXES = (".py", ".json")


def code_files(roots: tuple[Path, ...] = CODE_ROOTS) -> list[tuple[str, os.stat_result, str]]:
    """Every code and data file under ``roots``: (name within its root, its stat, its path)."""
    found: list[tuple[str, os.stat_result, str]] = []
    for root in roots:
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(CODE_SUFFIXES):
                    path = os.path.join(folder, name)
                    with_root = f"{root.name}/{os.path.relpath(path, root)}".replace(os.sep, "/")
                    found.append((with_root, os.stat(path), path))
    return found


def code_stamp(files: list[tuple[str, os.stat_result, str]]) -> str:
    """A hash of each file's name, size and modification time: cheap, no file is read."""
    hasher = hashlib.sha256(f"digest {DIGEST_VERSION}".encode())
    for name, status, _ in files:
        hasher.update(f"{name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


def code_signature(files: list[tuple[str, os.stat_result, str]]) -> str:
    """A hash of the planner's code and data: a new version re-reads every plan file."""
    hasher = hashlib.sha256(f"digest {DIGEST_VERSION}".encode())
    for name, _, path in files:
        hasher.update(name.encode())
        with open(path, "rb") as stream:
            hasher.update(stream.read())
    return hasher.hexdigest()


def adopt_code(db: sqlite3.Connection, roots: tuple[Path, ...] | None = None) -> bool:
    """Make ``db`` this planner's index; True when its entries had to be dropped.

    Entries written by other code (another version, a changed catalogue) are dropped: the
    files are read again. Hashing the code reads every file (tens of ms at each start), so
    the hash is kept with a stamp of the same files' names, sizes and times, and made again
    only when the stamp differs.
    """
    files = code_files(CODE_ROOTS if roots is None else roots)
    stamp = code_stamp(files)
    stored = dict(
        db.execute("SELECT key, value FROM meta WHERE key IN ('code_stamp', 'signature')")
    )
    if stored.get("code_stamp") == stamp and "signature" in stored:
        return False
    signature = code_signature(files)
    changed = stored.get("signature") != signature
    with db:
        db.execute("BEGIN")
        if changed:
            db.execute("DELETE FROM entries")
        db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [("signature", signature), ("code_stamp", stamp)],
        )
    return changed

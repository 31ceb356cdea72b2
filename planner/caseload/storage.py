"""Where the caseload index lives: the app-data folder, readable by this user only."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

APP_FOLDER = ("Taper Planner", "Taper Planner")  # organisation, application (as Qt names them)
INDEX_FILE = "caseload.sqlite3"
BUSY_TIMEOUT_S = 5.0  # another app may be writing the same index
WAL_CHECKPOINT_PAGES = 4096  # 16 MB of 4 kB pages


def app_data_dir() -> Path:
    """The app-data folder Qt's AppDataLocation gives the window, found without Qt.

    Linux: ``$XDG_DATA_HOME`` (default ``~/.local/share``); macOS: ``~/Library/Application
    Support``; Windows: ``%APPDATA%``; then ``Taper Planner/Taper Planner``.
    """
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base.joinpath(*APP_FOLDER)


def open_index_db(folder: Path | None) -> sqlite3.Connection:
    """Open (or create) the index database in ``folder``, user-only (0700 folder, 0600 file).

    The index is a cache of what the plan files say: one that cannot be opened or is
    damaged is deleted and made again, and where no file can be made at all the index is
    kept in memory for this run. Either way the caseload still lists every file.

    Args:
        folder: the app-data folder; None keeps the index in memory.
    """
    if folder is None:
        return _connect(":memory:")
    path = folder / INDEX_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)
    except OSError:
        return _connect(":memory:")
    for _ in range(2):
        try:
            connection = _connect(str(path))
            connection.execute("PRAGMA quick_check").fetchone()
            return connection
        except sqlite3.DatabaseError:
            with contextlib.suppress(OSError):
                path.unlink()
                os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    return _connect(":memory:")


def _connect(target: str) -> sqlite3.Connection:
    connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    # A write-ahead log, synced at checkpoints rather than at every commit: the index is a
    # cache of the files, so a power cut may lose its last refresh (made again at the next
    # start) but never leaves it inconsistent; a commit no longer waits for the disk (150 ms
    # of a busy machine's first read of 5 000 files). Readers (a second app, the command
    # line) also read while it writes.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    # The log is copied into the database (and synced) when it passes this many pages, or
    # when the index is closed: a first read of 5 000 files (about 5 MB) stays below it.
    connection.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
    connection.execute(
        """CREATE TABLE IF NOT EXISTS entries (
            folder TEXT NOT NULL, name TEXT NOT NULL,
            size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
            checked_ns INTEGER NOT NULL, digest TEXT, problem TEXT,
            PRIMARY KEY (folder, name))"""
    )
    return connection

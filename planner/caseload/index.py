"""The caseload index: each plan file's digest in SQLite, re-read only when the file changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import planner
from planner.caseload.digest import DIGEST_VERSION, PlanDigest, digest_of
from planner.caseload.row import CaseRow
from planner.caseload.storage import open_index_db
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.editlock import LOCK_PREFIX
from planner.files.fingerprint import digest as sha256_of
from planner.files.planfile import MAX_FILE_BYTES, SUFFIX, loads

# A file modified this close to when it was indexed may change again within the same
# clock tick without its time or size changing (git's "racy" files): hash it again.
RACY_WINDOW_NS = 3_000_000_000
# Planning a file takes a few ms: a big folder is read by several processes at once, on a
# machine with the cores for it (on two shared cores starting the workers cost more than
# it saved: 7.8 s against 4.5 s for 1 200 files).
PARALLEL_FROM_FILES = 400
PARALLEL_MIN_CPUS = 4
MAX_WORKERS = 8
PROGRESS_EVERY = 50
Progress = Callable[[int, int], None]


@dataclasses.dataclass(frozen=True)
class IndexedFile:
    """One plan file's entry: its digest, or why it could not be read."""

    name: str
    digest: PlanDigest | None
    problem: str | None

    def row(self, today: dt.date, open_by: str = "") -> CaseRow:
        """The caseload row for ``today`` (``open_by``: who has the file open, if anyone)."""
        return CaseRow(self.name, today, self.digest, self.problem, open_by)


@dataclasses.dataclass
class RefreshStats:
    """What the last refresh did: files re-read (parsed and planned), hashed only, trusted."""

    parsed: int = 0
    hashed: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclasses.dataclass(frozen=True)
class _Pending:
    name: str
    raw: bytes
    size: int
    mtime_ns: int
    sha256: str


@dataclasses.dataclass(frozen=True)
class _Known:
    size: int
    mtime_ns: int
    sha256: str
    checked_ns: int
    digest: str | None
    problem: str | None


def code_signature() -> str:
    """A hash of the planner's code and data: a new version re-reads every file."""
    hasher = hashlib.sha256(f"digest {DIGEST_VERSION}".encode())
    roots = [Path(planner.__file__).parent, Path(planner.__file__).parent.parent / "resources"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".json") and path.is_file():
                hasher.update(path.relative_to(root).as_posix().encode())
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


class CaseloadIndex:
    """The index of every plan file in caseload folders, kept in one SQLite database.

    The plan files are the record: the index only saves re-reading files that have not
    changed (same size and modification time, or the same content hash).
    """

    def __init__(self, data_folder: Path | None) -> None:
        """Open the index in ``data_folder`` (None: in memory, for this run only)."""
        self.db: sqlite3.Connection = open_index_db(data_folder)
        self.stats = RefreshStats()
        signature = code_signature()
        row = self.db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        if row is None or row[0] != signature:
            with self.db:
                self.db.execute("BEGIN")
                self.db.execute("DELETE FROM entries")
                self.db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (signature,)
                )

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def refresh(self, folder: Path, progress: Progress | None = None) -> list[IndexedFile]:
        """Bring the folder's entries up to date with its files and return them by name.

        ``progress`` is called with (files read, files to read) while files are re-read.

        Raises:
            PlanError: when the folder cannot be listed.
        """
        folder = folder.resolve()
        key = str(folder)
        self.stats = RefreshStats()
        known = {
            name: _Known(*rest)
            for name, *rest in self.db.execute(
                "SELECT name, size, mtime_ns, sha256, checked_ns, digest, problem "
                "FROM entries WHERE folder = ?",
                (key,),
            )
        }
        now_ns = time.time_ns()
        found: dict[str, IndexedFile | None] = {}
        writes: list[tuple[object, ...]] = []
        pending: list[_Pending] = []
        for name, path in _plan_files(folder):
            outcome = self._entry(name, path, known.get(name), now_ns)
            if isinstance(outcome, _Pending):
                pending.append(outcome)
                found[name] = None  # keeps the folder's order
                continue
            entry, write = outcome
            found[name] = entry
            if write is not None:
                writes.append((key, name, *write))
        self.stats.parsed = len(pending)
        for item, (entry, text) in zip(pending, parse_all(pending, progress), strict=True):
            found[item.name] = entry
            stamp = (item.size, item.mtime_ns, item.sha256, now_ns, text, entry.problem)
            writes.append((key, item.name, *stamp))
        result = [entry for entry in found.values() if entry is not None]
        gone = set(known) - set(found)
        self.stats.removed = len(gone)
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)", writes
            )
            self.db.executemany(
                "DELETE FROM entries WHERE folder = ? AND name = ?", [(key, n) for n in gone]
            )
        return result

    def _entry(
        self, name: str, path: os.DirEntry[str], known: _Known | None, now_ns: int
    ) -> tuple[IndexedFile, tuple[object, ...] | None] | _Pending:
        try:
            status = path.stat(follow_symlinks=False)
        except OSError as error:
            return IndexedFile(name, None, f"Cannot read {name}: {error.strerror}"), None
        if not stat.S_ISREG(status.st_mode):
            problem = f"{name} is not a plan file but a link or a folder; only files are read"
            return IndexedFile(name, None, problem), None
        trusted = (
            known is not None
            and known.size == status.st_size
            and known.mtime_ns == status.st_mtime_ns
            and known.checked_ns - status.st_mtime_ns > RACY_WINDOW_NS
        )
        if trusted and known is not None:
            cached = _cached(name, known)
            if cached is not None:
                self.stats.unchanged += 1
                return cached, None
        try:
            with open(path.path, "rb") as stream:
                status = os.fstat(stream.fileno())
                raw = stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return IndexedFile(name, None, f"Cannot read {name}: {error.strerror}"), None
        sha = sha256_of(raw)
        if known is not None and known.sha256 == sha and known.size == len(raw):
            cached = _cached(name, known)
            if cached is not None:
                self.stats.hashed += 1
                stamp = (len(raw), status.st_mtime_ns, sha, now_ns, known.digest, known.problem)
                return cached, stamp
        return _Pending(name, raw, len(raw), status.st_mtime_ns, sha)


def parse_all(
    pending: list[_Pending], progress: Progress | None = None
) -> list[tuple[IndexedFile, str | None]]:
    """Parse and plan files (in worker processes when there are many), in order.

    Args:
        pending: the files to read.
        progress: called with (files done, files in all) every ``PROGRESS_EVERY`` files.
    """
    items = [(item.name, item.raw) for item in pending]
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(items) >= PARALLEL_FROM_FILES and workers >= PARALLEL_MIN_CPUS:
        try:
            # "spawn": a forked copy of a Qt app's threads is not safe to run.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return _collect(pool.map(_parse_one, items, chunksize=64), len(items), progress)
        except (OSError, BrokenProcessPool, RuntimeError):
            pass  # no worker processes here (a sandbox, a frozen app): one process does it
    return _collect(map(_parse_one, items), len(items), progress)


def _collect(
    results: Iterable[tuple[IndexedFile, str | None]], total: int, progress: Progress | None
) -> list[tuple[IndexedFile, str | None]]:
    collected = []
    for result in results:
        collected.append(result)
        if progress is not None and len(collected) % PROGRESS_EVERY == 0:
            progress(len(collected), total)
    return collected


def _parse_one(item: tuple[str, bytes]) -> tuple[IndexedFile, str | None]:
    entry = read_entry(*item)
    return entry, json.dumps(entry.digest.to_json()) if entry.digest else None


def read_entry(name: str, raw: bytes) -> IndexedFile:
    """Parse and plan one file's bytes into its entry (a digest, or the reason it failed)."""
    if len(raw) > MAX_FILE_BYTES:
        problem = f"{name} is larger than {MAX_FILE_BYTES // 1000} kB; it is not a plan file"
        return IndexedFile(name, None, problem)
    try:
        schedule = make_schedule(loads(raw, name=name))
    except PlanError as error:
        return IndexedFile(name, None, str(error))
    except (RecursionError, MemoryError, ValueError, ArithmeticError) as error:
        # The loader refuses what it knows to be wrong; anything else it meets is still a
        # reason to list the file, never to lose the whole caseload.
        return IndexedFile(name, None, f"{name} could not be planned ({type(error).__name__})")
    return IndexedFile(name, digest_of(schedule), None)


def _cached(name: str, known: _Known) -> IndexedFile | None:
    if known.problem is not None:
        return IndexedFile(name, None, known.problem)
    if known.digest is None:
        return None
    try:
        return IndexedFile(name, PlanDigest.from_json(json.loads(known.digest)), None)
    except ValueError:
        return None  # an index entry we cannot use: read the file again


def _plan_files(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    # Directory entries, not Paths: at thousands of files, building Paths shows.
    try:
        with os.scandir(folder) as entries:
            found = sorted(
                (entry.name, entry)
                for entry in entries
                if entry.name.endswith(SUFFIX) and not entry.name.startswith(LOCK_PREFIX)
            )
    except OSError as error:
        raise PlanError(
            f"Cannot read the caseload folder {folder}: {error.strerror or error}", field="folder"
        ) from error
    return found

"""The caseload index: each plan file's digest in SQLite, re-read only when the file changed."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
import time
from collections.abc import Generator
from pathlib import Path
from typing import NamedTuple

from planner.caseload.collector import objects_set_aside
from planner.caseload.digest import PlanDigest
from planner.caseload.reading import IndexedFile, Parsed, Progress, parsing
from planner.caseload.signature import adopt_code
from planner.caseload.storage import open_index_db
from planner.errors import PlanError
from planner.files.editlock import LOCK_PREFIX
from planner.files.fingerprint import digest as sha256_of
from planner.files.planfile import MAX_FILE_BYTES, SUFFIX

# A file modified this close to when it was indexed may change again within the same
# clock tick without its time or size changing (git's "racy" files): hash it again.
RACY_WINDOW_NS = 3_000_000_000
PROGRESS_EVERY = 50
ROWS_PER_STEP = 500  # index rows read or written between two steps of a refresh
# Files checked between two steps: checking one is a few microseconds when it has not
# changed, so a step per file cost a tenth of a re-check (a window still gets a step
# every millisecond or two).
CHECKS_PER_STEP = 16


class Reading(NamedTuple):
    """How far a refresh is: files checked of the folder's, then files read of those changed."""

    checked: int
    files: int
    read: int = 0
    to_read: int = 0


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


# An index row as read: name, size, mtime_ns, sha256, checked_ns, digest, problem. Kept as
# SQLite gives it (a named tuple made per row cost a tenth of a re-check of 5 000 files).
_Known = tuple[str, int, int, str, int, str | None, str | None]


class CaseloadIndex:
    """The index of every plan file in caseload folders, kept in one SQLite database.

    The plan files are the record: the index only saves re-reading files that have not
    changed (same size and modification time, or the same content hash).
    """

    def __init__(self, data_folder: Path | None) -> None:
        """Open the index in ``data_folder`` (None: in memory, for this run only)."""
        self.db: sqlite3.Connection = open_index_db(data_folder)
        self.stats = RefreshStats()
        # Each file's entry as last decoded in this run, with the (digest, problem) it came from.
        self._decoded: dict[tuple[str, str], tuple[tuple[str | None, str | None], IndexedFile]] = {}
        adopt_code(self.db)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def refresh(self, folder: Path, progress: Progress | None = None) -> list[IndexedFile]:
        """Bring the folder's entries up to date with its files and return them by name.

        ``progress`` is called with (files read, files to read) every ``PROGRESS_EVERY``
        files re-read.

        Raises:
            PlanError: when the folder cannot be listed.
        """
        steps = self.refreshing(folder)
        reported = 0
        while True:
            try:
                reading = next(steps)
            except StopIteration as done:
                return list(done.value)
            # A step waiting for a worker process repeats the count: reported once.
            due = reading.read % PROGRESS_EVERY == 0 and reading.read not in (0, reported)
            if progress is not None and due:
                progress(reading.read, reading.to_read)
                reported = reading.read

    def refreshing(self, folder: Path) -> Generator[Reading, None, list[IndexedFile]]:
        """``refresh`` one file at a time: yields how far it is, returns the entries.

        A window runs it a slice at a time between events. The index is written at the end
        in one transaction: a refresh closed part-way leaves it as it was.

        Raises:
            PlanError: at the first step, when the folder cannot be listed.
        """
        with objects_set_aside():  # see objects_set_aside: a full collection is slow here
            return (yield from self._refreshing(folder))

    def _refreshing(self, folder: Path) -> Generator[Reading, None, list[IndexedFile]]:
        folder = folder.resolve()
        key = str(folder)
        files = _plan_files(folder)
        self.stats = RefreshStats()
        known: dict[str, _Known] = {}
        rows = self.db.execute(
            "SELECT name, size, mtime_ns, sha256, checked_ns, digest, problem "
            "FROM entries WHERE folder = ?",
            (key,),
        )
        try:
            while chunk := rows.fetchmany(ROWS_PER_STEP):
                known.update({row[0]: row for row in chunk})
                yield Reading(0, len(files))
        finally:
            rows.close()
        now_ns = time.time_ns()
        found: dict[str, IndexedFile | None] = {}
        writes: list[tuple[object, ...]] = []
        pending: list[_Pending] = []
        for checked, (name, path) in enumerate(files, 1):
            outcome = self._entry(key, name, path, known.get(name), now_ns)
            if isinstance(outcome, _Pending):
                pending.append(outcome)
                found[name] = None  # keeps the folder's order
            else:
                entry, write = outcome
                found[name] = entry
                if write is not None:
                    writes.append((key, name, *write))
            if checked % CHECKS_PER_STEP == 0:
                yield Reading(checked, len(files))
        self.stats.parsed = len(pending)
        parsed: list[Parsed] = []
        for done in parsing([(item.name, item.raw) for item in pending], parsed):
            yield Reading(len(files), len(files), done, len(pending))
        for item, (entry, text) in zip(pending, parsed, strict=True):
            found[item.name] = entry
            self._decoded[key, item.name] = ((text, entry.problem), entry)
            stamp = (item.size, item.mtime_ns, item.sha256, now_ns, text, entry.problem)
            writes.append((key, item.name, *stamp))
        gone = set(known) - set(found)
        self.stats.removed = len(gone)
        for name in gone:
            self._decoded.pop((key, name), None)
        done_reading = Reading(len(files), len(files), len(pending), len(pending))
        self.db.execute("BEGIN")
        try:  # one transaction, written a chunk per step: closed part-way, none of it is kept
            for start in range(0, len(writes), ROWS_PER_STEP):
                self.db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    writes[start : start + ROWS_PER_STEP],
                )
                yield done_reading
            self.db.executemany(
                "DELETE FROM entries WHERE folder = ? AND name = ?", [(key, n) for n in gone]
            )
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return [entry for entry in found.values() if entry is not None]

    def _entry(
        self, key: str, name: str, path: os.DirEntry[str], known: _Known | None, now_ns: int
    ) -> tuple[IndexedFile, tuple[object, ...] | None] | _Pending:
        try:
            status = path.stat(follow_symlinks=False)
        except OSError as error:
            return IndexedFile(name, None, f"Cannot read {name}: {error.strerror}"), None
        if not stat.S_ISREG(status.st_mode):
            problem = f"{name} is not a plan file but a link or a folder; only files are read"
            return IndexedFile(name, None, problem), None
        if known is not None:
            _, size, mtime_ns, sha256, checked_ns, known_digest, known_problem = known
            trusted = (
                size == status.st_size
                and mtime_ns == status.st_mtime_ns
                and checked_ns - mtime_ns > RACY_WINDOW_NS
            )
        else:
            trusted = False
        if trusted and known is not None:
            cached = self._cached(key, name, known)
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
        if known is not None and sha256 == sha and size == len(raw):
            cached = self._cached(key, name, known)
            if cached is not None:
                self.stats.hashed += 1
                stamp = (len(raw), status.st_mtime_ns, sha, now_ns, known_digest, known_problem)
                return cached, stamp
        return _Pending(name, raw, len(raw), status.st_mtime_ns, sha)

    def _cached(self, key: str, name: str, known: _Known) -> IndexedFile | None:
        # The entry the index holds: the one decoded at an earlier refresh in this run if
        # it is the same (a window refreshes on every return to it), else decoded now.
        digest, problem = stored = known[5:]
        earlier = self._decoded.get((key, name))
        if earlier is not None and earlier[0] == stored:
            return earlier[1]
        if problem is not None:
            entry = IndexedFile(name, None, problem)
        elif digest is None:
            return None
        else:
            try:
                entry = IndexedFile(name, PlanDigest.decode(digest), None)
            except ValueError:
                return None  # an index entry we cannot use: read the file again
        self._decoded[key, name] = (stored, entry)
        return entry


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

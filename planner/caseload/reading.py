"""Reading plan files for the caseload: parse and plan each, in worker processes when many."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from planner.caseload.digest import PlanDigest, digest_of
from planner.caseload.row import CaseRow
from planner.dosing.schedule import plan as make_schedule
from planner.errors import PlanError
from planner.files.planfile import MAX_FILE_BYTES, loads

# Planning a file takes a millisecond or more: a big folder is read by several processes
# at once, on a machine with the cores for it (on two shared cores starting the workers
# cost more than it saved: 7.8 s against 4.5 s for 1 200 files).
PARALLEL_FROM_FILES = 400
PARALLEL_MIN_CPUS = 4
MAX_WORKERS = 8
CHUNK_FILES = 16  # files a worker plans per task: small enough for steady progress
WAIT_S = 0.005  # the longest wait for a worker before yielding again
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


Parsed = tuple[IndexedFile, str | None]  # the entry and its digest encoded for the index


def parse_all(items: list[tuple[str, bytes]], progress: Progress | None = None) -> list[Parsed]:
    """Parse and plan files (name, content), in order; see ``parsing``.

    Args:
        items: the files to read.
        progress: called with (files done, files in all) every ``PROGRESS_EVERY`` files.
    """
    results: list[Parsed] = []
    reported = 0
    for done in parsing(items, results):
        if progress is not None and done % PROGRESS_EVERY == 0 and done != reported:
            progress(done, len(items))
            reported = done
    return results


def parsing(items: list[tuple[str, bytes]], results: list[Parsed]) -> Generator[int, None, None]:
    """Parse and plan files into ``results``, yielding the count done after each file.

    Many files on a machine with the cores are planned by worker processes; meanwhile it
    yields (the same count) at least every ``WAIT_S``, so a window reading the folder never
    waits for them, and closing the generator part-way cancels the work not yet started.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(items) >= PARALLEL_FROM_FILES and workers >= PARALLEL_MIN_CPUS:
        try:
            # "spawn": a forked copy of a Qt app's threads is not safe to run.
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(workers, mp_context=context)
            try:
                yield from _pooled(pool, items, results)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
            return
        except (OSError, BrokenProcessPool, RuntimeError):
            results.clear()  # no worker processes here (a sandbox, a frozen app)
    for item in items:
        results.append(parse_one(item))
        yield len(results)


def _pooled(
    pool: ProcessPoolExecutor, items: list[tuple[str, bytes]], results: list[Parsed]
) -> Generator[int, None, None]:
    chunks = [items[start : start + CHUNK_FILES] for start in range(0, len(items), CHUNK_FILES)]
    futures = [pool.submit(parse_chunk, chunk) for chunk in chunks]
    for future in futures:
        while not future.done():  # starting the workers alone takes a second
            yield len(results)
            wait([future], timeout=WAIT_S)
        for result in future.result():
            results.append(result)
            yield len(results)


def parse_chunk(items: list[tuple[str, bytes]]) -> list[Parsed]:
    """Several files' entries (one task of a worker process)."""
    return [parse_one(item) for item in items]


def parse_one(item: tuple[str, bytes]) -> Parsed:
    """One file's entry and its digest encoded for the index."""
    entry = read_entry(*item)
    return entry, entry.digest.encode() if entry.digest else None


def read_entry(name: str, raw: bytes) -> IndexedFile:
    """Parse and plan one file's bytes into its entry (a digest, or the reason it failed).

    The plan's fixes are not tried (``verify_fixes=False``): trying them re-plans the file
    once per candidate, about nine tenths of the time, and changes only each finding's
    offered fix, which the caseload does not show (tests/planner/caseload/test_reading.py
    proves the rows the same).
    """
    if len(raw) > MAX_FILE_BYTES:
        problem = f"{name} is larger than {MAX_FILE_BYTES // 1000} kB; it is not a plan file"
        return IndexedFile(name, None, problem)
    try:
        # loads() validated the plan: plan() need not validate it again.
        schedule = make_schedule(loads(raw, name=name), verify_fixes=False, validated=True)
    except PlanError as error:
        return IndexedFile(name, None, str(error))
    except (RecursionError, MemoryError, ValueError, ArithmeticError) as error:
        # The loader refuses what it knows to be wrong; anything else it meets is still a
        # reason to list the file, never to lose the whole caseload.
        return IndexedFile(name, None, f"{name} could not be planned ({type(error).__name__})")
    return IndexedFile(name, digest_of(schedule), None)

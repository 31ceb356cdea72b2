"""Reading plan files for the caseload: the fast path gives the rows the full planner gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from benchmarks.caseload_folder import DAMAGED, write_folder
from planner.caseload import reading
from planner.caseload.digest import PlanDigest, digest_of
from planner.caseload.output import cells
from planner.caseload.reading import IndexedFile, parse_all, read_entry
from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.files.planfile import SUFFIX, loads

TODAY = dt.date(2027, 3, 1)
# How a stall's advice ends (planner.dosing.coarse.fix_advice).
STALL_ADVICE = " can measure smaller amounts"
DAYS = [TODAY + dt.timedelta(days=offset) for offset in (-60, -7, 0, 1, 6, 13, 40, 200)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("caseload")
    write_folder(target, TODAY)
    return target


def _full_path(name: str, raw: bytes) -> IndexedFile:
    # What the window shows for the file: planned with every fix tried.
    try:
        return IndexedFile(name, digest_of(plan(loads(raw, name=name))), None)
    except PlanError as error:
        return IndexedFile(name, None, str(error))


def _problem_only(entry: IndexedFile) -> IndexedFile:
    """``entry`` with each stall's closing advice cut off.

    A stall's message ends with advice naming its first-choice product; trying the fixes
    may offer another and reword it (planner.dosing.coarse.advise_verified). The caseload
    tries none, so its advice is the first choice: everything else must be the same.
    """
    if entry.digest is None:
        return entry
    errors = tuple(
        dataclasses.replace(e, message=e.message.split(STALL_ADVICE)[0].rsplit(". ", 1)[0])
        if e.rule == "stall" and STALL_ADVICE in e.message
        else e
        for e in entry.digest.errors
    )
    return dataclasses.replace(entry, digest=dataclasses.replace(entry.digest, errors=errors))


def test_rows_without_fix_verification_are_the_full_planners_rows(folder: Path) -> None:
    # Every drug in both regions, switches, check-ins, a paused plan and damaged files.
    paths = sorted(folder.iterdir())
    kinds = {entry.name.split("-")[-1].removesuffix(SUFFIX) for entry in map(Path, paths)}
    assert {"switch", "checkins", "paused"} <= kinds
    with_fixes = 0
    for path in paths:
        raw = path.read_bytes()
        full, fast = _full_path(path.name, raw), read_entry(path.name, raw)
        assert _problem_only(fast) == _problem_only(full), path.name
        if full.digest is not None:
            with_fixes += any(f.fix for f in plan(loads(raw, name=path.name)).findings)
            # The index stores the digest encoded: what it gives back is the same.
            assert PlanDigest.decode(full.digest.encode()) == full.digest
        for today in DAYS:
            fast_row, full_row = _problem_only(fast).row(today), _problem_only(full).row(today)
            assert cells(fast_row) == cells(full_row), (path.name, today)
    assert with_fixes > 0  # the full planner did offer fixes the caseload does not show
    assert sum(read_entry(p.name, p.read_bytes()).problem is not None for p in paths) == len(
        DAMAGED
    )


def test_worker_processes_give_the_same_entries(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    serial = parse_all(items)
    monkeypatch.setattr(reading, "PARALLEL_FROM_FILES", 2)
    monkeypatch.setattr(reading, "PARALLEL_MIN_CPUS", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    pooled: list[reading.Parsed] = []
    counts = list(reading.parsing(items, pooled))
    assert pooled == serial
    # While the workers start (a new Python each), it gives control back with the same
    # count, rather than making a window wait: more steps than files.
    assert len(counts) > len(items) and counts[-1] == len(items)
    assert parse_all(items) == serial


def test_a_damaged_digest_in_the_index_is_refused() -> None:
    with pytest.raises(ValueError, match="another version"):
        PlanDigest.decode('[2, "old"]')
    with pytest.raises(ValueError, match="damaged digest"):
        PlanDigest.decode("[3, 1, 2]")
    with pytest.raises(ValueError, match="damaged digest"):
        PlanDigest.decode("not json")

"""The caseload at scale: index a folder from scratch, re-check it, filter the view's rows.

The floor is reading and JSON-parsing the same files (what any caseload must at least do
once); each result is a ratio to it, measured in the same run, so a busy machine slows both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import time
from pathlib import Path

from benchmarks.caseload_folder import base_plans, write_folder
from benchmarks.report import Floor, Measurement, median
from planner.caseload.index import CaseloadIndex

FULL_FILES = 5000
QUICK_FILES = 96  # smoke mode: every step runs, in about a second
SCRATCH_TARGET_X = 15.0  # planning every file is work the floor does not do
RECHECK_TARGET_X = 1.0  # re-checking must cost less than reading the files once
RECHECK_TARGET_MS = 1000.0  # at 5 000 files (the "under a second")
FILTER_TARGET_MS = 100.0  # a search keystroke over every row without a visible pause
AN_HOUR_NS = 3600 * 10**9
FLOOR_LABEL = "read and JSON-parse every plan file in the folder (median)"


def _floor(folder: Path) -> float:
    started = time.perf_counter()
    for path in folder.iterdir():
        with contextlib.suppress(ValueError):  # the damaged files are read too
            json.loads(path.read_bytes())
    return time.perf_counter() - started


def _make_folder(folder: Path, files: int, today: dt.date) -> int:
    copies = max(1, files // len(base_plans(today)))
    write_folder(folder, today, copies)
    # Saved an hour ago, as a real caseload's files are: none is "racy" (see index.py).
    stamp = time.time_ns() - AN_HOUR_NS
    for path in folder.iterdir():
        os.utime(path, ns=(stamp, stamp))
    return len(list(folder.iterdir()))


def measure(quick: bool, files: int | None = None) -> list[Measurement]:
    """Index from scratch, re-check at the next start, and filter the rows in the view."""
    files = files or (QUICK_FILES if quick else FULL_FILES)
    runs = 1 if quick else 3
    today = dt.date.today()
    scratch, recheck, floor, filters = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="taper-caseload-") as temp:
        folder = Path(temp) / "plans"
        count = _make_folder(folder, files, today)
        _floor(folder)  # the disk cache warm for everyone
        for run in range(runs):
            floor.append(_floor(folder))
            data = Path(temp) / f"data-{run}"
            started = time.perf_counter()
            index = CaseloadIndex(data)
            entries = index.refresh(folder)
            index.close()
            scratch.append(time.perf_counter() - started)
            started = time.perf_counter()
            index = CaseloadIndex(data)  # the next start: a new process would do the same
            index.refresh(folder)
            recheck.append(time.perf_counter() - started)
            assert index.stats.parsed == 0, "an unchanged folder was re-read"
            index.close()
        filters = _filter_ms([entry.row(today) for entry in entries], runs)
    floor_s = median(floor)
    note = f"{count} files; floor: read + JSON-parse them, {1000 * floor_s:.0f} ms"
    scratch_s, recheck_s = median(scratch), median(recheck)
    at_scale = count >= FULL_FILES
    return [
        Measurement("caseload_index_scratch", "Caseload: index a folder from scratch",
                    scratch_s / floor_s, "×", SCRATCH_TARGET_X,
                    {"ms": 1000 * scratch_s, "floor_ms": 1000 * floor_s, "files": count},
                    f"{1000 * scratch_s:.0f} ms; {note}", Floor(FLOOR_LABEL, 1000 * floor_s)),
        Measurement("caseload_recheck", "Caseload: re-check at the next start",
                    recheck_s / floor_s, "×", RECHECK_TARGET_X,
                    {"ms": 1000 * recheck_s, "floor_ms": 1000 * floor_s, "files": count},
                    f"{1000 * recheck_s:.0f} ms; {note}", Floor(FLOOR_LABEL, 1000 * floor_s)),
        Measurement("caseload_recheck_ms", "Caseload: re-check at the next start (time)",
                    1000 * recheck_s, "ms", RECHECK_TARGET_MS if at_scale else None,
                    {"files": count},
                    "" if at_scale else f"{count} files: the 1 s target is for {FULL_FILES}"),
        Measurement("caseload_filter", "Caseload: filter every row by a search", median(filters),
                    "ms", FILTER_TARGET_MS, {"rows": count}, "median of searches"),
    ]


def _filter_ms(rows: list, runs: int) -> list[float]:  # type: ignore[type-arg]
    from benchmarks.qt import application

    application()
    from ui.caseload.model import CaseloadModel
    from ui.caseload.proxy import CaseloadProxy, Filters

    model = CaseloadModel()
    model.set_rows(rows)
    proxy = CaseloadProxy()
    proxy.setSourceModel(model)
    model.sort(7)
    samples = []
    for _ in range(runs):
        for text in ("d", "di", "dia", "diaz", ""):
            started = time.perf_counter()
            proxy.set_filters(Filters(search=text, overdue=text == "dia"))
            proxy.rowCount()
            samples.append(1000 * (time.perf_counter() - started))
    return samples

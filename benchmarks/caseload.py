"""The caseload at scale: index a folder from scratch, re-check it, search and scroll the view.

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
from benchmarks.caseload_view import filter_and_scroll_ms, first_read_pauses_ms
from benchmarks.report import Floor, Measurement, median, percentile
from planner.caseload.index import CaseloadIndex

FULL_FILES = 5000
QUICK_FILES = 96  # smoke mode: every step runs, in about a second
SCRATCH_TARGET_X = 15.0  # planning every file is work the floor does not do
RECHECK_TARGET_X = 1.0  # re-checking must cost less than reading the files once
RECHECK_TARGET_MS = 1000.0  # at 5 000 files (the "under a second")
# A keystroke or a page: the rows come from Python, which Qt calls several times per cell
# painted (index, then each role); the floor's item model needs no Python at all.
FILTER_TARGET_X = 3.0  # filtering every row and painting the page
SCROLL_TARGET_X = 3.0
# The window reads in slices of 25 ms (ui/caseload/reader.py); one file or row more and
# the event loop's own work may add to that, but no pause should be visible.
PAUSE_TARGET_MS = 100.0
AN_HOUR_NS = 3600 * 10**9
FLOOR_LABEL = "read and JSON-parse every plan file in the folder (median)"
PAINT_FLOOR_LABEL = "a page of the same words painted from Qt's own item model (median)"


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


def _ms_range(samples: list[float]) -> dict[str, float]:
    return {"ms_min": 1000 * min(samples), "ms_max": 1000 * max(samples)}


def measure(quick: bool, files: int | None = None) -> list[Measurement]:
    """Index from scratch, re-check at the next start, search and scroll the window's rows."""
    files = files or (QUICK_FILES if quick else FULL_FILES)
    runs = 1 if quick else 3
    today = dt.date.today()
    scratch, recheck, floor = [], [], []
    with tempfile.TemporaryDirectory(prefix="taper-caseload-") as temp:
        folder = Path(temp) / "plans"
        count = _make_folder(folder, files, today)
        _floor(folder)  # the disk cache warm for everyone
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else -1.0
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
        searches, scrolls, paint_floor = filter_and_scroll_ms(entries, today, runs)
        pauses, window_read_s = first_read_pauses_ms(folder, Path(temp) / "data-window")
    floor_s = median(floor)
    note = f"{count} files; floor: read + JSON-parse them, {1000 * floor_s:.0f} ms"
    scratch_s, recheck_s = median(scratch), median(recheck)
    paint_floor_ms = median(paint_floor)
    paint_note = f"floor: a page of the same words from Qt's item model, {paint_floor_ms:.0f} ms"
    at_scale = count >= FULL_FILES
    # Each ratio's floor, measured in the same run: the median and the range of its runs.
    floor_details = {
        "floor_ms": 1000 * floor_s,
        "floor_ms_min": 1000 * min(floor),
        "floor_ms_max": 1000 * max(floor),
        "files": count,
        "load_average_1min": load,
    }
    return [
        Measurement("caseload_index_scratch", "Caseload: index a folder from scratch",
                    scratch_s / floor_s, "×", SCRATCH_TARGET_X,
                    {"ms": 1000 * scratch_s, **_ms_range(scratch), **floor_details},
                    f"{1000 * scratch_s:.0f} ms; {note}", Floor(FLOOR_LABEL, 1000 * floor_s)),
        Measurement("caseload_recheck", "Caseload: re-check at the next start",
                    recheck_s / floor_s, "×", RECHECK_TARGET_X,
                    {"ms": 1000 * recheck_s, **_ms_range(recheck), **floor_details},
                    f"{1000 * recheck_s:.0f} ms; {note}", Floor(FLOOR_LABEL, 1000 * floor_s)),
        Measurement("caseload_recheck_ms", "Caseload: re-check at the next start (time)",
                    1000 * recheck_s, "ms", RECHECK_TARGET_MS if at_scale else None,
                    {"files": count, **_ms_range(recheck)},
                    "" if at_scale else f"{count} files: the 1 s target is for {FULL_FILES}"),
        Measurement("caseload_filter", "Caseload: a search keystroke, table repainted",
                    median(searches) / paint_floor_ms, "×", FILTER_TARGET_X,
                    {"ms": median(searches), "p95_ms": percentile(searches, 95),
                     "floor_ms": paint_floor_ms, "rows": count},
                    f"{median(searches):.0f} ms (p95 {percentile(searches, 95):.0f}); "
                    + paint_note, Floor(PAINT_FLOOR_LABEL, paint_floor_ms)),
        Measurement("caseload_scroll", "Caseload: scroll a page, table repainted",
                    median(scrolls) / paint_floor_ms, "×", SCROLL_TARGET_X,
                    {"ms": median(scrolls), "p95_ms": percentile(scrolls, 95),
                     "floor_ms": paint_floor_ms, "rows": count},
                    f"{median(scrolls):.0f} ms (p95 {percentile(scrolls, 95):.0f}); "
                    + paint_note, Floor(PAINT_FLOOR_LABEL, paint_floor_ms)),
        Measurement("caseload_first_read_pause", "Caseload: longest pause while a first read runs",
                    max(pauses), "ms", PAUSE_TARGET_MS,
                    {"files": count, "read_s": window_read_s, "p95_ms": percentile(pauses, 95),
                     "slices": len(pauses)},
                    f"the window reading {count} files from scratch in {window_read_s:.1f} s"),
    ]

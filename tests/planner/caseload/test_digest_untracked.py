"""A digest's steps and dose changes are plain values the garbage collector does not walk."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

from benchmarks.caseload_folder import write_folder
from planner.caseload.digest import PlanDigest
from planner.caseload.reading import read_entry
from planner.files.planfile import SUFFIX

TODAY = dt.date(2027, 3, 1)


def test_steps_and_changes_are_not_tracked_once_collected(tmp_path: Path) -> None:
    write_folder(tmp_path, TODAY)
    for name in ("lorazepam-switch", "clonazepam-checkins", "diazepam-uk"):
        raw = (tmp_path / f"{name}{SUFFIX}").read_bytes()
        planned = read_entry(name, raw).digest
        assert planned is not None
        for digest in (planned, PlanDigest.decode(planned.encode())):  # planned, and from the index
            changes = digest.dose_changes
            assert digest.steps and changes
            for _ in range(5):  # a collection untracks a tuple once its items are: a level each
                gc.collect()
            # A caseload holds tens of thousands: a tracked one is walked at every full collection.
            assert not any(gc.is_tracked(step) for step in digest.steps), name
            assert not any(gc.is_tracked(change) for change in changes), name
            assert not gc.is_tracked(digest.steps) and not gc.is_tracked(changes)

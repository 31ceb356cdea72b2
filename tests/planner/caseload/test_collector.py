"""Objects are set aside from full garbage collections only while a folder is read."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from benchmarks.caseload_folder import write_folder
from planner.caseload.collector import objects_set_aside
from planner.caseload.index import CaseloadIndex


def test_set_aside_inside_the_block_and_put_back_however_it_ends() -> None:
    assert gc.get_freeze_count() == 0
    with objects_set_aside():
        assert gc.get_freeze_count() > 0
        with objects_set_aside():  # nested: the outer block puts them back
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError), objects_set_aside():
        raise ValueError("a read that fails")
    assert gc.get_freeze_count() == 0


def test_a_refresh_sets_objects_aside_while_it_runs(tmp_path: Path) -> None:
    write_folder(tmp_path / "plans", dt.date(2027, 3, 1))
    index = CaseloadIndex(tmp_path / "data")
    refreshing = index.refreshing(tmp_path / "plans")
    next(refreshing)
    assert gc.get_freeze_count() > 0
    refreshing.close()  # closed part-way, as a window closed mid-read does
    assert gc.get_freeze_count() == 0
    assert index.refresh(tmp_path / "plans")
    assert gc.get_freeze_count() == 0
    index.close()

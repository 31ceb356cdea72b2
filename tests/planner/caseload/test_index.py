"""The SQLite index: every file listed, only changed files re-read, never trusted over a file."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from pathlib import Path

import pytest

from benchmarks.caseload_folder import DAMAGED, write_folder
from planner.caseload.index import CaseloadIndex
from planner.caseload.storage import INDEX_FILE, app_data_dir
from planner.files.editlock import lock_path
from planner.files.planfile import SUFFIX, load_plan, save_plan
from planner.model import Patient

TODAY = dt.date(2027, 3, 1)
OLD_NS = 1_700_000_000_000_000_000  # files dated long before they are indexed (not "racy")


def _age(folder: Path) -> None:
    for path in folder.iterdir():
        os.utime(path, ns=(OLD_NS, OLD_NS))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "caseload"
    write_folder(target, TODAY)
    _age(target)
    return target


def test_every_file_is_listed_damaged_ones_with_their_reason(folder: Path, tmp_path: Path) -> None:
    index = CaseloadIndex(tmp_path / "data")
    entries = index.refresh(folder)
    names = sorted(p.name for p in folder.iterdir())
    assert [e.name for e in entries] == names
    problems = {e.name: e.problem for e in entries if e.problem}
    assert set(problems) == {f"{name}{SUFFIX}" for name in DAMAGED}
    assert "newer version" in problems[f"newer-format{SUFFIX}"]
    assert "not UTF-8" in problems[f"not-utf8{SUFFIX}"]
    assert index.stats.parsed == len(names)


def test_the_index_is_user_only(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    CaseloadIndex(data).refresh(folder)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / INDEX_FILE).stat().st_mode) == 0o600
    index = CaseloadIndex(data)  # open: its write-ahead log is there, user-only too
    index.refresh(folder)
    logs = [path for path in data.iterdir() if path.name != INDEX_FILE]
    assert logs and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in logs)
    index.close()


def test_next_start_reads_only_what_changed(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = CaseloadIndex(data)
    first.refresh(folder)
    first.close()
    again = CaseloadIndex(data)
    entries = again.refresh(folder)
    assert again.stats.parsed == 0 and again.stats.unchanged == len(entries)
    # A plan edited underneath the index: the new patient name shows, nothing else re-read.
    path = folder / f"diazepam-uk{SUFFIX}"
    save_plan(load_plan(path).replace(patient=Patient(name="Renamed")), path)
    (folder / f"empty{SUFFIX}").unlink()
    entries = again.refresh(folder)
    assert again.stats.parsed == 1 and again.stats.removed == 1
    assert {e.name: e for e in entries}[path.name].digest.patient == "Renamed"  # type: ignore[union-attr]


def test_same_size_and_time_but_new_content_is_caught_while_racy(
    folder: Path, tmp_path: Path
) -> None:
    index = CaseloadIndex(tmp_path / "data")
    path = folder / f"clonazepam-uk{SUFFIX}"
    now_ns = time.time_ns()
    os.utime(path, ns=(now_ns, now_ns))
    index.refresh(folder)  # indexed within the same moment it was written
    # Rewritten in the same clock tick: same size and modification time, other bytes.
    path.write_bytes(path.read_bytes().replace(b"Clonazepam UK", b"Clonazepam ZZ"))
    os.utime(path, ns=(now_ns, now_ns))
    entries = {e.name: e for e in index.refresh(folder)}
    assert entries[path.name].digest.patient == "Clonazepam ZZ patient"  # type: ignore[union-attr]


def test_a_touched_file_is_hashed_not_reparsed(folder: Path, tmp_path: Path) -> None:
    index = CaseloadIndex(tmp_path / "data")
    index.refresh(folder)
    os.utime(folder / f"diazepam-us{SUFFIX}", ns=(OLD_NS + 10**9, OLD_NS + 10**9))
    index.refresh(folder)
    assert index.stats.hashed == 1 and index.stats.parsed == 0


def test_links_and_lock_files(folder: Path, tmp_path: Path) -> None:
    (folder / f"link{SUFFIX}").symlink_to(folder / f"diazepam-us{SUFFIX}")
    lock_path(folder / f"diazepam-us{SUFFIX}").write_text("{}")
    entries = {e.name: e for e in CaseloadIndex(None).refresh(folder)}
    assert "link or a folder" in (entries[f"link{SUFFIX}"].problem or "")
    assert not any(name.startswith(".~lock") for name in entries)


def test_a_damaged_index_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / INDEX_FILE).write_bytes(b"this is not SQLite" * 100)
    entries = CaseloadIndex(data).refresh(folder)
    assert len(entries) == len(list(folder.iterdir()))


def test_app_data_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert app_data_dir() == tmp_path / "Taper Planner" / "Taper Planner"


@pytest.mark.parametrize("phase", ["reading", "writing"])
def test_a_refresh_closed_part_way_leaves_the_index_as_it_was(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    from planner.caseload import index as index_module

    monkeypatch.setattr(index_module, "ROWS_PER_STEP", 2)
    monkeypatch.setattr(index_module, "CHECKS_PER_STEP", 1)
    files = len(list(folder.iterdir()))
    data = tmp_path / "data"
    index = CaseloadIndex(data)
    steps = index.refreshing(folder)
    # Every file checked (no index rows to read yet), then three read, or all and 3 rows saved.
    for _ in range(files + (3 if phase == "reading" else files + 2)):
        reading = next(steps)
    assert reading.read == (3 if phase == "reading" else files)
    steps.close()  # the window closed mid-read
    assert index.db.execute("SELECT COUNT(*) FROM entries").fetchone() == (0,)
    assert not index.db.in_transaction
    index.close()
    again = CaseloadIndex(data)
    again.refresh(folder)
    assert again.stats.parsed == files


def test_the_code_is_hashed_again_only_when_it_changes(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.caseload import signature

    code = tmp_path / "code"
    code.mkdir()
    (code / "rules.py").write_text("CUT = 10\n")
    monkeypatch.setattr(signature, "CODE_ROOTS", (code,))
    hashed: list[int] = []
    real_hash = signature.code_signature

    def counted_hash(files: list[tuple[str, os.stat_result, str]]) -> str:
        hashed.append(1)
        return real_hash(files)

    monkeypatch.setattr(signature, "code_signature", counted_hash)
    data = tmp_path / "data"
    CaseloadIndex(data).refresh(folder)
    assert len(hashed) == 1
    again = CaseloadIndex(data)  # the next start: the same files, nothing hashed
    assert len(hashed) == 1
    assert again.refresh(folder) and again.stats.parsed == 0
    os.utime(code / "rules.py", ns=(OLD_NS, OLD_NS))  # touched, same content: entries kept
    touched = CaseloadIndex(data)
    assert len(hashed) == 2
    touched.refresh(folder)
    assert touched.stats.parsed == 0
    (code / "rules.py").write_text("CUT = 5\n")  # a new version: every file read again
    changed = CaseloadIndex(data)
    assert len(hashed) == 3
    changed.refresh(folder)
    assert changed.stats.parsed == len(list(folder.iterdir()))

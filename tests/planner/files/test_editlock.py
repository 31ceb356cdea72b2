"""Edit locks: one holder, stale when its process on this host is gone, foreign hosts kept."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

from planner.files.editlock import EditLock, LockOwner, lock_path, read_owner, try_lock
from planner.files.fingerprint import read_fingerprint


def test_lock_then_someone_else_sees_the_owner(tmp_path: Path) -> None:
    plan = tmp_path / "a.taper.json"
    plan.write_text("{}")
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.DEVNULL
    )
    try:
        owner = LockOwner("ann", socket.gethostname(), child.pid, "2027-01-04 09:00")
        lock_path(plan).write_text(json.dumps(owner.__dict__))
        held = try_lock(plan)
        assert held == owner and "ann on" in owner.describe()
    finally:
        child.kill()
        child.wait()
    # Its process is gone: the lock is stale and taken over.
    mine = try_lock(plan)
    assert isinstance(mine, EditLock)
    assert read_owner(plan) == mine.owner
    mine.release()
    assert not lock_path(plan).exists()


def test_a_lock_from_another_host_is_never_stale(tmp_path: Path) -> None:
    plan = tmp_path / "a.taper.json"
    owner = LockOwner("bo", "another-host.example", 1, "2027-01-04 09:00")
    lock_path(plan).write_text(json.dumps(owner.__dict__))
    assert try_lock(plan) == owner


def test_an_unreadable_lock_counts_as_held(tmp_path: Path) -> None:
    plan = tmp_path / "a.taper.json"
    lock_path(plan).write_bytes(b"\xff garbage")
    held = try_lock(plan)
    assert isinstance(held, LockOwner) and held.user == "unknown"


def test_release_leaves_someone_elses_lock(tmp_path: Path) -> None:
    plan = tmp_path / "a.taper.json"
    mine = try_lock(plan)
    assert isinstance(mine, EditLock)
    other = LockOwner("bo", "another-host.example", 1, "now")
    lock_path(plan).write_text(json.dumps(other.__dict__))
    mine.release()
    assert read_owner(plan) == other


def test_fingerprint_tells_content_apart(tmp_path: Path) -> None:
    path = tmp_path / "a.taper.json"
    path.write_text("one")
    first = read_fingerprint(path, 100)
    path.write_text("two")
    second = read_fingerprint(path, 100)
    assert first is not None and second is not None and not first.same_content(second)
    assert read_fingerprint(tmp_path / "missing", 100) is None

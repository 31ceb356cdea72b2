"""Opening reads only regular files: special files are refused at once, never waited on."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from planner.files import planfile
from planner.files.planfile import PlanFileError
from planner.files.safe_read import read_regular
from tests.planner.files.planfile_strategies import valid_texts


def _within_seconds(action, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    # A FIFO with no writer would block an ordinary open for ever: fail, do not hang.
    done = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:
            failure.append(error)
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), "opening hung"
    if failure:
        raise failure[0]


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.taper.json"
    os.mkfifo(fifo)

    def load() -> None:
        with pytest.raises(PlanFileError, match=r"pipe \(FIFO\), not a file"):
            planfile.load_plan(fifo)

    _within_seconds(load)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(PlanFileError, match="a device, not a file"):
        planfile.load_plan(device)


def test_a_folder_and_a_socket_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="a folder, not a file"):
        planfile.load_plan(tmp_path)
    path = tmp_path / "s.taper.json"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(PlanFileError, match="a socket, not a file"):
            planfile.load_plan(path)
    finally:
        server.close()


def test_a_symlink_to_a_plan_opens(tmp_path: Path) -> None:
    real = tmp_path / "real.taper.json"
    real.write_text(valid_texts()[0], encoding="utf-8")
    link = tmp_path / "link.taper.json"
    link.symlink_to(real)
    assert planfile.load_plan(link) == planfile.load_plan(real)


def test_the_size_is_checked_before_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.taper.json"
    with sparse.open("wb") as stream:
        stream.truncate(10**12)  # a terabyte on paper, nothing on disk
    with pytest.raises(PlanFileError, match="larger than 1000 kB"):
        planfile.load_plan(sparse)
    with pytest.raises(OSError, match="too large"):
        read_regular(sparse, 100)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file: an unreadable file cannot be made here")
    locked = tmp_path / "locked.taper.json"
    locked.write_text(valid_texts()[0], encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(PlanFileError, match="Permission denied"):
        planfile.load_plan(locked)


def test_an_empty_path_is_refused() -> None:
    with pytest.raises(PlanFileError, match="file name is empty"):
        planfile.load_plan("")

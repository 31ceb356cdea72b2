"""Exports that fail say so, exit non-zero and leave the previous file intact; nothing hangs."""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import main as entry
from planner import cli
from planner.files import atomic, planfile
from tests.planner.files.planfile_strategies import valid_plans

GOOD_PDF = b"%PDF-1.4 the clinic's good copy\n%%EOF\n"


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """A QApplication before any PDF is written.

    Writing a PDF without one makes a bare QGuiApplication (as the command line does), and
    every later widget test in the same run could then not get its QApplication.
    """


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.taper.json"
    planfile.save_plan(valid_plans()[0], path)
    return path


def _export(*argv: str) -> tuple[int, str]:
    # These tests are about writing files, not the error gate: the valid plans they use may
    # carry error findings (a high dose tapered fast), which export refuses without the flag.
    err = io.StringIO()
    code = cli.main(
        ["export", *argv, "--allow-errors"],
        pdf_writer=entry._write_pdf,
        stdout=io.StringIO(),
        stderr=err,
    )
    return code, err.getvalue()


def _no_temps(folder: Path) -> bool:
    return not [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_pdf_to_dev_full_fails(plan_file: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    code, message = _export(str(plan_file), "--pdf", "/dev/full")
    assert code == cli.EXIT_BAD_INPUT
    assert message == "taper-planner: error: Cannot write /dev/full: it is a device, not a file\n"


def test_a_pdf_that_fails_to_write_leaves_the_old_one(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(GOOD_PDF)
    real_fsync = os.fsync
    calls = {"n": 0}

    def full_disk(descriptor: int) -> None:
        calls["n"] += 1
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    code, message = _export(str(plan_file), "--pdf", str(target))
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert calls["n"] >= 1
    assert code == cli.EXIT_BAD_INPUT and "No space left on device" in message
    assert target.read_bytes() == GOOD_PDF and _no_temps(tmp_path)


def test_a_pdf_the_renderer_leaves_incomplete_is_refused(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.printing import handout

    target = tmp_path / "handout.pdf"
    target.write_bytes(GOOD_PDF)

    def stub_render(writer: object, *_args: object) -> int:
        return 1  # the writer is closed without a page drawn: a 0-byte or stub file

    monkeypatch.setattr(handout, "render", stub_render)
    code, message = _export(str(plan_file), "--pdf", str(target))
    assert code == cli.EXIT_BAD_INPUT and "Cannot write" in message, message
    assert target.read_bytes() == GOOD_PDF and _no_temps(tmp_path)


@pytest.mark.parametrize("option", ["--csv", "--ics"])
def test_csv_and_ics_failing_part_way_leave_the_old_file(
    option: str, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / f"plan{option.replace('--', '.')}"
    target.write_bytes(b"old content")

    def full_disk(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    code, message = _export(str(plan_file), option, str(target))
    assert code == cli.EXIT_BAD_INPUT and "No space left on device" in message
    assert target.read_bytes() == b"old content" and _no_temps(tmp_path)


def test_exports_are_user_only(plan_file: Path, tmp_path: Path) -> None:
    for option, name in (("--csv", "a.csv"), ("--ics", "a.ics"), ("--pdf", "a.pdf")):
        code, message = _export(str(plan_file), option, str(tmp_path / name))
        assert (code, message) == (0, "")
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_csv_over_a_fifo_is_refused_without_hanging(plan_file: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    result: list[tuple[int, str]] = []
    worker = threading.Thread(
        target=lambda: result.append(_export(str(plan_file), "--csv", str(fifo))), daemon=True
    )
    worker.start()
    worker.join(20)
    assert result, "export to a FIFO hung"
    code, message = result[0]
    assert code == cli.EXIT_BAD_INPUT and "a pipe (FIFO), not a file" in message


def test_opening_a_fifo_plan_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.taper.json"
    os.mkfifo(fifo)
    result: list[tuple[int, str]] = []
    worker = threading.Thread(
        target=lambda: result.append(_export(str(fifo), "--csv", str(tmp_path / "a.csv"))),
        daemon=True,
    )
    worker.start()
    worker.join(20)
    assert result, "opening a FIFO hung"
    assert result[0][0] == cli.EXIT_BAD_INPUT and "pipe" in result[0][1]


def test_saving_over_a_symlink_replaces_its_target(tmp_path: Path) -> None:
    real = tmp_path / "store" / "real.taper.json"
    real.parent.mkdir()
    real.write_text("{}")
    real.chmod(0o640)
    link = tmp_path / "link.taper.json"
    link.symlink_to(real)
    code = cli.main(
        ["plan", "--regimen", "night=1", "--start", "2027-01-04", "--save", str(link)],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert code == 0 and link.is_symlink()
    assert planfile.load_plan(link) == planfile.load_plan(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_saving_over_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "locked.taper.json"
    target.write_text("the old plan")
    target.chmod(0o400)
    err = io.StringIO()
    code = cli.main(
        ["plan", "--regimen", "night=1", "--save", str(target)], stdout=io.StringIO(), stderr=err
    )
    assert code == cli.EXIT_BAD_INPUT and "read-only" in err.getvalue()
    assert target.read_text() == "the old plan"


def test_saving_over_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "p.taper.json"
    os.mkfifo(fifo)
    err = io.StringIO()
    code = cli.main(
        ["plan", "--regimen", "night=1", "--save", str(fifo)], stdout=io.StringIO(), stderr=err
    )
    assert code == cli.EXIT_BAD_INPUT and "pipe (FIFO)" in err.getvalue()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 kB file system (tmpfs), where one can be mounted (root on Linux); else skip."""
    folder = tmp_path / "small"
    folder.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root on Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')[:80]}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_file_system_keeps_the_old_pdf_and_csv(plan_file: Path, full_disk: Path) -> None:
    old_pdf, old_csv = full_disk / "handout.pdf", full_disk / "plan.csv"
    old_pdf.write_bytes(GOOD_PDF)
    old_csv.write_bytes(b"the old export\r\n")
    filler = full_disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:  # fill the disk to the last byte
        while True:
            os.write(descriptor, b"\0" * 512)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)
    code, message = _export(str(plan_file), "--pdf", str(old_pdf))
    assert code == cli.EXIT_BAD_INPUT and "Cannot write" in message, message
    code, message = _export(str(plan_file), "--csv", str(old_csv), "--daily")
    assert code == cli.EXIT_BAD_INPUT and "No space left on device" in message, message
    assert old_pdf.read_bytes() == GOOD_PDF and old_csv.read_bytes() == b"the old export\r\n"
    assert _no_temps(full_disk)

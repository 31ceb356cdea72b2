"""The one write mechanism: atomic, checked, private, and refusing what is not a file."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planner.files import atomic
from planner.files.atomic import clean_stale_temps, write_atomic, write_atomic_with


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _temps(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_a_new_file_is_user_only(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    write_atomic(target, b"a,b\r\n")
    assert target.read_bytes() == b"a,b\r\n" and _mode(target) == 0o600
    assert _temps(tmp_path) == []


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o640


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "plan.ics"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o644)
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    written = write_atomic(link, b"new")
    assert written == real.resolve()
    assert link.is_symlink() and real.read_bytes() == b"new" and _mode(real) == 0o644
    assert _temps(real.parent) == [] and _temps(tmp_path) == []


def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    target = tmp_path / "locked.pdf"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    with pytest.raises(OSError, match="read-only") as error:
        write_atomic(target, b"new")
    assert error.value.errno == errno.EACCES
    assert target.read_bytes() == b"keep me" and _mode(target) == 0o444


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="pipe"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    with pytest.raises(OSError, match="a device"):
        write_atomic(Path(device), b"x")


def test_a_folder_and_an_empty_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="a folder"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(OSError, match="file name is empty"):
        write_atomic("", b"x")
    with pytest.raises(OSError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "a.csv", b"x")


def test_an_injected_write_error_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF- the good old file")

    def full_disk(temp: Path) -> None:
        temp.write_bytes(b"%PDF- half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_atomic_with(target, full_disk)
    assert target.read_bytes() == b"%PDF- the good old file"
    assert _temps(tmp_path) == []


def test_an_empty_or_failed_check_result_is_not_renamed(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OSError, match="empty"):
        write_atomic_with(target, lambda _temp: None)

    def refuse(_temp: Path) -> None:
        raise atomic.refusal("not a whole PDF", errno.EIO)

    with pytest.raises(OSError, match="not a whole PDF"):
        write_atomic_with(target, lambda temp: temp.write_bytes(b"stub"), refuse)
    assert target.read_bytes() == b"old" and _temps(tmp_path) == []


def test_a_short_write_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.csv"
    target.write_bytes(b"old")
    real_open = Path.open

    def truncating_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        stream = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        original = stream.write
        stream.write = lambda data: original(data[: len(data) // 2])
        return stream

    monkeypatch.setattr(Path, "open", truncating_open)
    with pytest.raises(OSError, match="not written completely"):
        write_atomic(target, b"0123456789")
    monkeypatch.undo()
    assert target.read_bytes() == b"old" and _temps(tmp_path) == []


def test_stale_temporary_files_of_a_dead_process_are_cleaned(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".plan.taper.json.taper-{pid}-abc123.tmp"
    stale.write_text("patient data")
    mine = tmp_path / f".plan.taper.json.taper-{os.getpid()}-xyz.tmp"
    mine.write_text("being written")
    unrelated = tmp_path / ".notes.tmp"
    unrelated.write_text("not ours")
    write_atomic(tmp_path / "other.csv", b"x")
    assert not stale.exists() and mine.exists() and unrelated.exists()
    assert clean_stale_temps(tmp_path) == []


def test_old_style_temporary_files_are_cleaned_once_old(tmp_path: Path) -> None:
    old = tmp_path / ".plan.taper.json.k2j4h5.tmp"
    old.write_text("patient data")
    young = tmp_path / ".b.taper.json.abcd.tmp"
    young.write_text("maybe in use")
    past = old.stat().st_mtime - 2 * atomic.LEGACY_TEMP_AGE_SECONDS
    os.utime(old, (past, past))
    assert clean_stale_temps(tmp_path) == [old]
    assert young.exists()


def test_make_private_folder_creates_user_only_folders(tmp_path: Path) -> None:
    folder = atomic.make_private_folder(tmp_path / "a" / "b")
    assert _mode(folder) == 0o700 and _mode(folder.parent) == 0o700

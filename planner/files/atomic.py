"""Atomic, checked writes: a private temporary file beside the target, checked, then renamed.

This is the one way the app writes a file (plan files, recovery, PDF, CSV, iCalendar, text):

- the target must be a regular file or not exist yet: a folder, device, FIFO or socket is
  refused before anything is written; an empty path is refused;
- a symbolic link is followed and its target replaced, so the link keeps pointing at the
  new content;
- a read-only target is refused (by its permission bits, so also when running as root);
- a file that already exists keeps its permissions (and, where allowed, its owner); a new
  one is created user-only (0600), since it holds patient data;
- the content is written, flushed to disk and checked before the rename, so a full disk
  or a failed renderer leaves the previous file intact;
- a temporary file is removed when the write fails, and ones left by a process that was
  killed part-way are removed on the next write to the same folder.

Every refusal is an ``OSError`` whose ``strerror`` is a short message for people, so
callers can say ``f"Cannot write {path}: {error.strerror}"``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Temporary files carry the writer's process id, so a later write can tell ours that
# were abandoned (the process is gone) from ones another running copy is still writing.
_TEMP_MARK = ".taper-"
_TEMP_PATTERN = re.compile(r"^\..+\.taper-(\d+)-[^.]+\.tmp$")
# Temporary files of earlier versions carried no process id: removed once this old.
_LEGACY_TEMP_PATTERN = re.compile(r"^\..+\.taper\.json\.[A-Za-z0-9_]+\.tmp$")
LEGACY_TEMP_AGE_SECONDS = 3600
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700

# Writes the file's content to the path it is given (the temporary file).
Producer = Callable[[Path], None]
# Raises OSError when the written temporary file is not what was meant to be written.
Checker = Callable[[Path], None]


def refusal(message: str, code: int = errno.EINVAL) -> OSError:
    """An OSError whose ``strerror`` is ``message`` (what callers show after the path)."""
    return OSError(code, message)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def resolve_target(target: str | os.PathLike[str]) -> Path:
    """The file a write to ``target`` replaces: symlinks followed, special files refused.

    Raises:
        OSError: for an empty path, a target that is not a regular file, a read-only
            file or a folder that does not exist; ``strerror`` says which.
    """
    text = os.fspath(target)
    if not text.strip():
        raise refusal("the file name is empty", errno.ENOENT)
    path = Path(os.path.realpath(text)) if os.path.islink(text) else Path(text)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        folder = path.parent
        if not folder.is_dir():
            raise refusal(f"the folder {folder} does not exist", errno.ENOENT) from None
        return path
    if not stat.S_ISREG(info.st_mode):
        raise refusal(f"it is {_kind(info.st_mode)}", errno.EISDIR)
    # Root may write anything: the permission bits are what says "do not change this".
    if info.st_mode & 0o222 == 0 or not os.access(path, os.W_OK):
        raise refusal(
            "the file is read-only; choose another name or make it writable", errno.EACCES
        )
    return path


def write_atomic(target: str | os.PathLike[str], content: bytes) -> Path:
    """Write ``content`` so that a crash or a failure leaves the old file or the new one.

    Returns:
        The file written (the symlink's target when ``target`` is a link).

    Raises:
        OSError: if the target is refused (see resolve_target) or the write fails; the
            previous file is then unchanged and no temporary file is left.
    """

    def produce(temp: Path) -> None:
        with temp.open("r+b") as stream:
            stream.write(content)

    def check(temp: Path) -> None:
        if temp.stat().st_size != len(content):
            raise refusal("the file was not written completely", errno.EIO)

    return write_atomic_with(target, produce, check)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> Path:
    """write_atomic of ``text`` as UTF-8 (CSV, iCalendar, plain text, JSON exports)."""
    return write_atomic(target, text.encode("utf-8"))


def write_atomic_with(
    target: str | os.PathLike[str], produce: Producer, check: Checker | None = None
) -> Path:
    """Let ``produce`` write a temporary file beside the target, check it, then rename it.

    For writers that need a path of their own (a PDF renderer): ``produce`` writes the
    temporary file (it exists, empty and user-only); ``check`` raises OSError when the
    result is not a complete file. An empty result is always refused.

    Returns:
        The file written (the symlink's target when ``target`` is a link).

    Raises:
        OSError: as write_atomic.
    """
    path = resolve_target(target)
    folder = path.parent
    clean_stale_temps(folder)
    previous = _existing(path)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}{_TEMP_MARK}{os.getpid()}-", suffix=".tmp", dir=folder
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        produce(temp)
        _sync(temp)
        if temp.stat().st_size == 0:
            raise refusal("nothing was written (the file would be empty)", errno.EIO)
        if check is not None:
            check(temp)
        _keep_permissions(temp, previous)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return path


def _existing(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _sync(temp: Path) -> None:
    descriptor = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _keep_permissions(temp: Path, previous: os.stat_result | None) -> None:
    if previous is None:
        os.chmod(temp, PRIVATE_FILE_MODE)
        return
    os.chmod(temp, stat.S_IMODE(previous.st_mode))
    if hasattr(os, "chown") and (previous.st_uid, previous.st_gid) != _owner(temp):
        # Only root may give a file away; the content is what matters.
        with contextlib.suppress(OSError):
            os.chown(temp, previous.st_uid, previous.st_gid)


def _owner(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove our temporary files in ``folder`` whose writer is gone; return them.

    A temporary file names the process writing it; one whose process no longer runs was
    abandoned by a crash or a kill, and may hold patient data.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        match = _TEMP_PATTERN.match(name)
        candidate = folder / name
        try:
            if match:
                old = now - candidate.lstat().st_mtime > LEGACY_TEMP_AGE_SECONDS
                if _process_alive(int(match.group(1))) and not (old and os.name == "nt"):
                    continue
            elif not (
                _LEGACY_TEMP_PATTERN.match(name)
                and now - candidate.lstat().st_mtime > LEGACY_TEMP_AGE_SECONDS
            ):
                continue
            if candidate.is_symlink() or not candidate.is_file():
                continue
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # os.kill(pid, 0) would send Ctrl+C there; such files go by age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process (or a number we cannot test): leave it
    return True


def make_private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) user-only (0700); an existing one is left as is."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    for created in missing:
        with contextlib.suppress(OSError):
            os.chmod(created, PRIVATE_FOLDER_MODE)
    return folder


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and not fatal.
    try:
        descriptor = os.open(folder or Path("."), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

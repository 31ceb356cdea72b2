"""Reading a file the user chose: regular files only, the size checked before reading."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from planner.files.atomic import refusal


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The content of a regular file of at most ``max_bytes``.

    A FIFO, device, socket or folder is refused at once, without waiting on it: the file
    is opened non-blocking and checked again after opening (it may change in between).

    Raises:
        OSError: ``strerror`` says what is wrong in a few words; EFBIG for a file larger
            than ``max_bytes``.
    """
    text = os.fspath(path)
    if not text.strip():
        raise refusal("the file name is empty", errno.ENOENT)
    info = os.stat(text)
    if not stat.S_ISREG(info.st_mode):
        raise refusal(f"it is {_kind(info.st_mode)}, not a file", errno.EINVAL)
    if info.st_size > max_bytes:
        raise refusal("too large", errno.EFBIG)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(text, flags)
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            raise refusal(f"it is {_kind(opened.st_mode)}, not a file", errno.EINVAL)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(max_bytes + 1)
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:
        raise refusal("too large", errno.EFBIG)
    return raw


def describe(path: str | os.PathLike[str]) -> str:
    """A path shortened for a message: its name, at most 60 characters."""
    name = Path(os.fspath(path)).name or os.fspath(path)
    return name if len(name) <= 60 else name[:57] + "…"

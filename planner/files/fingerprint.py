"""What a plan file was when it was read: size, modification time and a content hash."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """A file's size in bytes, modification time in ns and SHA-256 of its content."""

    size_bytes: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: Fingerprint) -> bool:
        """True when both hold the same bytes (the time may differ: a copy, a touch)."""
        return self.size_bytes == other.size_bytes and self.sha256 == other.sha256


def digest(content: bytes) -> str:
    """The SHA-256 of ``content`` as hex."""
    return hashlib.sha256(content).hexdigest()


def read_fingerprint(path: Path, limit_bytes: int) -> Fingerprint | None:
    """The file's fingerprint now, or None when it is gone or cannot be read.

    Args:
        path: the file.
        limit_bytes: read at most this many bytes (a plan file's size limit); a larger
            file's hash covers only those bytes, but its size still tells it apart.
    """
    try:
        with path.open("rb") as stream:
            stat = os.fstat(stream.fileno())
            content = stream.read(limit_bytes + 1)
    except OSError:
        return None
    return Fingerprint(stat.st_size, stat.st_mtime_ns, digest(content))

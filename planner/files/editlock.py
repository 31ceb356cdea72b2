"""Who has a plan file open for editing: a lock file beside it, with user, host and process."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
MAX_LOCK_BYTES = 4096


@dataclasses.dataclass(frozen=True)
class LockOwner:
    """The app that holds a plan open for editing."""

    user: str
    host: str
    pid: int
    since: str  # ISO date and time the lock was taken, local time

    def describe(self) -> str:
        """Words for a clinician: 'ann on clinic-pc (process 4242) since 2027-01-04 09:12'."""
        return f"{self.user} on {self.host} (process {self.pid}) since {self.since}"


def lock_path(plan_path: Path) -> Path:
    """The lock file that marks ``plan_path`` as open for editing (beside it, hidden)."""
    return plan_path.with_name(f"{LOCK_PREFIX}{plan_path.name}{LOCK_SUFFIX}")


def this_owner() -> LockOwner:
    """This process as a lock owner."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in a container: the id is still an answer
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    since = dt.datetime.now().isoformat(timespec="minutes").replace("T", " ")
    return LockOwner(user, socket.gethostname(), os.getpid(), since)


def read_owner(plan_path: Path) -> LockOwner | None:
    """Who holds the plan's lock, or None when no lock file exists.

    A lock file that cannot be read as ours still counts as held by someone: the safer
    reading is that another program is editing the plan.
    """
    path = lock_path(plan_path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_LOCK_BYTES)
    except FileNotFoundError:
        return None
    except OSError:
        return LockOwner("unknown", "unknown", 0, "unknown")
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockOwner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return LockOwner("unknown", "unknown", 0, "unknown")


def is_stale(owner: LockOwner) -> bool:
    """True when the owner is a process on this host that no longer runs.

    A lock from another host is never stale here: we cannot see that machine's processes.
    """
    if owner.host != socket.gethostname() or owner.pid <= 0:
        return False
    if owner.pid == os.getpid():
        return False
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # it runs, as another user
    return False


class EditLock:
    """A held lock on one plan file; ``release()`` removes it (only if it is still ours)."""

    def __init__(self, plan_path: Path, owner: LockOwner) -> None:
        self.plan_path = plan_path
        self.owner = owner

    def release(self) -> None:
        """Remove the lock file if it still names this process."""
        current = read_owner(self.plan_path)
        if current is not None and (current.host, current.pid) == (self.owner.host, self.owner.pid):
            # Gone already, or the folder became read-only: nothing else to do.
            with contextlib.suppress(OSError):
                lock_path(self.plan_path).unlink()


def try_lock(plan_path: Path) -> EditLock | LockOwner:
    """Take the edit lock on ``plan_path``, or say who holds it.

    A stale lock (its process on this host is gone) is replaced. A folder where no lock
    file can be created (read-only media) gives a lock that guards nothing: the plan can
    still be edited, and saving will still check that the file did not change on disk.

    Returns:
        The held lock, or the owner of the lock held by another running app.
    """
    owner = this_owner()
    path = lock_path(plan_path)
    content = json.dumps(dataclasses.asdict(owner)).encode("utf-8")
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = read_owner(plan_path)
            if holder is None:
                continue  # released between our two looks: try again
            if (holder.host, holder.pid) == (owner.host, owner.pid):
                return EditLock(plan_path, owner)  # this process holds it already
            if not is_stale(holder):
                return holder
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                return holder
            continue
        except OSError:
            return EditLock(plan_path, owner)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
        return EditLock(plan_path, owner)
    holder = read_owner(plan_path)
    return holder if holder is not None else EditLock(plan_path, owner)

"""The plan as a letter-ready text file, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from planner.files.atomic import write_atomic
from planner.model import Schedule
from planner.report.letter import plan_letter


def write_letter(schedule: Schedule, path: str | os.PathLike[str]) -> None:
    """Write ``plan_letter`` as UTF-8 text (a crash leaves the old file or the new one).

    Raises:
        OSError: if the folder or the file cannot be written.
    """
    write_atomic(Path(path), plan_letter(schedule).encode("utf-8"))

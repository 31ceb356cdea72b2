"""Python in a fresh process, offscreen, with its own folders: what only a new process shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_offscreen(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python with ``args`` (and ``env`` added) in the project folder, offscreen.

    Its home, config and data folders are under ``home``, never the user's.
    """
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

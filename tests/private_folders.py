"""Private app-data, config, cache and state folders for the whole test run and its children.

Set before anything imports Qt: QStandardPaths and QSettings read the XDG variables, so every
GUI test, and every process a test starts (benchmark children, a killed app), keeps its
recovery files, logs and settings here and never in the user's own folders.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

XDG_VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def use_private_folders() -> Path:
    """Point the XDG folders at a new temporary folder (removed at exit); return it."""
    root = Path(tempfile.mkdtemp(prefix="taper-tests-home-"))
    for variable in XDG_VARIABLES:
        folder = root / variable.removeprefix("XDG_").removesuffix("_HOME").lower()
        folder.mkdir(mode=0o700)
        os.environ[variable] = str(folder)
    os.environ["TAPER_TESTS_HOME"] = str(root)
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root

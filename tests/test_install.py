"""A non-editable install finds every resource and runs the command line from anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import planner

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_non_editable_install_runs_from_another_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    # A copy, so the build's in-tree leftovers never touch the working tree.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".venv", ".*")
    for name in ("planner", "ui", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "main.py"):
        shutil.copy2(ROOT / name, source / name)
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    assert (target / "bin" / "taper-planner").exists()
    # The icon ships as package data; the version is the one planner/__init__.py states.
    assert (target / "resources" / "taper-planner.png").is_file()
    assert (target / "resources" / "taper-planner.svg").is_file()
    (dist_info,) = target.glob("taper_planner-*.dist-info")
    assert dist_info.name == f"taper_planner-{planner.__version__}.dist-info"
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import main, planner, resources, planner.guidance as g\n"
        "assert planner.__file__.startswith(sys.argv[1]), planner.__file__\n"
        "assert resources.__file__.startswith(sys.argv[1]), resources.__file__\n"
        "assert g.sections() and resources.read_text('source_document.txt')\n"
        "sys.exit(main.run(['plan', '--regimen', 'night=1', '--start', '2027-01-04',"
        " '--format', 'json']))\n"
    )
    # -P keeps the working folder (and so the source tree) off sys.path.
    result = subprocess.run(
        [sys.executable, "-P", "-c", script, str(target)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["steps"][-1]["kind"] == "stop"

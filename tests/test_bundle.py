"""The application folder from scripts/bundle runs with no Python: plan, export, the window."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

import planner

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundle once (a few minutes) into a temporary folder; print how long it took."""
    dist = tmp_path_factory.mktemp("bundle")
    began = time.monotonic()
    build = subprocess.run(
        [str(ROOT / "scripts" / "bundle"), "--dist", str(dist)],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    print(f"\nscripts/bundle took {time.monotonic() - began:.0f} s")
    return dist / "taper-planner"


def run_app(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # No virtual environment, no PYTHONPATH: only what the folder itself carries.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [str(folder / "taper-planner"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=180,
        check=False,
    )


def test_the_folder_carries_its_resources_and_desktop_entry(app_folder: Path) -> None:
    shipped = app_folder / "_internal" / "resources"
    for name in ("catalogue.json", "guidance.json", "source_document.txt", "taper-planner.png"):
        assert (shipped / name).is_file(), name
    for name in ("taper-planner.desktop", "install-desktop-entry", "taper-planner.svg"):
        assert (app_folder / name).is_file(), name
    assert os.access(app_folder / "install-desktop-entry", os.X_OK)


def test_version_plan_and_exports_run_from_the_bundle(app_folder: Path, tmp_path: Path) -> None:
    version = run_app(app_folder, tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"taper-planner {planner.__version__}"

    saved = tmp_path / "p.taper.json"
    planned = run_app(
        app_folder, tmp_path, "plan", "--drug", "lorazepam", "--region", "us",
        "--regimen", "morning=1,night=2", "--switch-to", "diazepam", "--start", "2027-01-04",
        "--save", str(saved),
    )  # fmt: skip
    assert planned.returncode == 0, planned.stderr
    assert "Lorazepam 3 mg/day" in planned.stdout and saved.is_file()

    pdf = tmp_path / "handout.pdf"
    exported = run_app(app_folder, tmp_path, "export", str(saved), "--pdf", str(pdf))
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert f"Taper Planner {planner.__version__}" in text

    fhir = tmp_path / "plan.json"
    exported = run_app(app_folder, tmp_path, "export", str(saved), "--fhir", str(fhir))
    assert exported.returncode == 0, exported.stderr
    bundle = Bundle.model_validate_json(fhir.read_text(encoding="utf-8"))
    assert len(bundle.entry) == 2  # lorazepam, then diazepam

    bad = run_app(app_folder, tmp_path, "plan", "--regimen", "night=-1")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_the_window_draws_from_the_bundle(app_folder: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run_app(app_folder, tmp_path, "--demo", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(PNG_MAGIC)
    assert shot.stat().st_size > 50_000  # a drawn window, not an empty frame

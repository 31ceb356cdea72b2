"""The desktop entry and its installer: the applications menu runs this folder's app."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def app_folder(parent: Path) -> Path:
    """An application folder as scripts/bundle lays it out, with a stand-in executable."""
    folder = parent / "Taper Planner app"  # a space, as in many real folder names
    folder.mkdir(parents=True)
    for source in (
        PACKAGING / "taper-planner.desktop",
        PACKAGING / "install-desktop-entry",
        ROOT / "resources" / "taper-planner.svg",
        ROOT / "resources" / "taper-planner.png",
    ):
        shutil.copy2(source, folder / source.name)
    app = folder / "taper-planner"
    app.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    app.chmod(0o755)
    return folder


def install(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run(
        [str(folder / "install-desktop-entry"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_install_and_remove_the_menu_entry(tmp_path: Path) -> None:
    folder = app_folder(tmp_path)
    home = tmp_path / "home"
    result = install(folder, home)
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    entry = share / "applications" / "taper-planner.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{folder}/taper-planner" %f' in lines
    assert "Icon=taper-planner" in lines and "Name=Taper Planner" in lines
    assert (share / "icons/hicolor/scalable/apps/taper-planner.svg").is_file()
    assert (share / "icons/hicolor/256x256/apps/taper-planner.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stdout + check.stderr

    removed = install(folder, home, "--remove")
    assert removed.returncode == 0 and not entry.exists()


@pytest.mark.parametrize("name", ["odd$name", 'odd"name', "odd|name"])
def test_a_folder_name_the_entry_cannot_quote_is_refused(tmp_path: Path, name: str) -> None:
    folder = app_folder(tmp_path / name)
    home = tmp_path / "home"
    result = install(folder, home)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert not (home / ".local").exists()


def test_the_entry_matches_the_app_identity() -> None:
    from ui.window.identity import DESKTOP_FILE_NAME

    assert (PACKAGING / f"{DESKTOP_FILE_NAME}.desktop").is_file()
    text = (PACKAGING / "taper-planner.desktop").read_text(encoding="utf-8")
    assert f"StartupWMClass={DESKTOP_FILE_NAME}" in text

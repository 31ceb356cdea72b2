"""The project's one test command: ruff, mypy, import-linter, then pytest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STAGES: tuple[tuple[str, list[str]], ...] = (
    ("ruff", [sys.executable, "-m", "ruff", "check", "."]),
    ("mypy", [sys.executable, "-m", "mypy"]),
    ("import-linter", [str(Path(sys.executable).with_name("lint-imports"))]),
    ("pytest", [sys.executable, "-m", "pytest"]),
)


def main(extra_pytest_args: list[str]) -> int:
    """Run every stage in order, stopping at the first that fails; return its exit code."""
    for name, command in STAGES:
        if name == "pytest":
            command = [*command, *extra_pytest_args]
        print(f"== {name}", flush=True)
        code = subprocess.run(command, cwd=ROOT, check=False).returncode
        if code != 0:
            print(f"== {name} failed (exit {code})", flush=True)
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

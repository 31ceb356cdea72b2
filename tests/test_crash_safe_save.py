"""Crash-safe saving: a save killed at any moment leaves the old plan file or the new one, whole.

A child process saves versions 1, 2, 3, … of a plan onto one path, printing each number once
``save_plan`` has returned; the test kills it (SIGKILL) after a random, seeded delay and checks
the file on disk. Replay a failure with ``CRASH_SEED=<seed printed> python -m pytest <this file>``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.files.planfile import PlanFileError, load_plan, save_plan
from planner.model import CustomStep, Method, Patient, Regimen, TaperPlan

ROOT = Path(__file__).resolve().parents[1]
KILLS = 60
MAX_DELAY_SECONDS = 0.15
STEPS_IN_LARGE_VERSIONS = 500  # the most a custom plan may have: a ~40 kB file

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL and rename semantics"
)

CHILD = """
import sys
from tests.test_crash_safe_save import save_versions_forever
save_versions_forever(sys.argv[1], int(sys.argv[2]))
"""


_LARGE = TaperPlan(
    drug="diazepam",
    regimen=Regimen(morning_mg=15, night_mg=15),
    method=Method.CUSTOM,
    custom_steps=tuple(
        CustomStep(round(30 * (STEPS_IN_LARGE_VERSIONS - n) / STEPS_IN_LARGE_VERSIONS, 3), 7)
        for n in range(1, STEPS_IN_LARGE_VERSIONS + 1)
    ),
    start=dt.date(2027, 1, 4),
)
_SMALL = TaperPlan(start=dt.date(2027, 1, 4))


def plan_version(number: int) -> TaperPlan:
    """Version ``number`` of the plan: large (500 custom steps) when even, small when odd."""
    name = f"Version {number}: Ångström-Ñúñez 山田 " + "long name " * 20
    patient = Patient(name[:200], dt.date(1950, 1, 1), "Dr Ø " * 40)
    return dataclasses.replace(_LARGE if number % 2 == 0 else _SMALL, patient=patient)


def save_versions_forever(path: str, first: int) -> None:
    """The child: save versions ``first``, ``first + 1``, … onto ``path`` until killed."""
    print("ready", flush=True)
    number = first
    while True:
        save_plan(plan_version(number), path)
        print(number, flush=True)
        number += 1


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _kill_while_saving(target: Path, first: int, delay: float) -> list[int]:
    """Start a saving child, kill it after ``delay`` seconds; the versions it finished saving."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target), str(first)],
        cwd=ROOT,
        env=_child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        ready = child.stdout.readline()  # the child has imported everything
        time.sleep(delay)
        child.kill()
        rest, errors = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert ready == "ready\n", f"the child did not start: {errors}"
    assert child.returncode == -signal.SIGKILL, f"the child stopped by itself: {errors}"
    return [int(line) for line in rest.split()]


def test_a_save_killed_at_any_moment_leaves_a_complete_plan_file(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    replay = f"(replay: CRASH_SEED={seed})"
    target = tmp_path / "patient.taper.json"
    save_plan(plan_version(0), target)
    on_disk, saves, leftovers = 0, 0, 0
    for kill in range(KILLS):
        finished = _kill_while_saving(target, on_disk + 1, rng.uniform(0, MAX_DELAY_SECONDS))
        saves += len(finished)
        # Killed after os.replace but before printing, the next version may be on disk too.
        last = finished[-1] if finished else on_disk
        try:
            loaded = load_plan(target)
        except PlanFileError as error:
            pytest.fail(f"kill {kill}: the plan file is damaged: {error} {replay}")
        matches = [number for number in (last, last + 1) if loaded == plan_version(number)]
        assert matches, (
            f"kill {kill}: the file holds neither version {last} (the last complete save) "
            f"nor {last + 1} (the one being saved): {loaded.patient.name[:20]!r} {replay}"
        )
        on_disk = matches[0]
        others = sorted(p.name for p in tmp_path.iterdir() if p != target)
        strays = [name for name in others if not _is_temporary(name, target)]
        assert not strays, f"kill {kill}: unexpected files {strays} {replay}"
        leftovers = len(others)
    assert saves > 0, f"no save finished before any kill: the test tested nothing {replay}"
    print(f"{KILLS} kills, {saves} saves, {leftovers} temporary files left {replay}")


def _is_temporary(name: str, target: Path) -> bool:
    """A save's temporary file (``.<name>.<random>.tmp``), which is never taken for the plan."""
    return name.startswith(f".{target.name}.") and name.endswith(".tmp")

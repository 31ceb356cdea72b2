"""Start-up and peak memory, each in fresh processes, beside a bare PySide6 + matplotlib floor."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.plans import daily_10_years
from benchmarks.report import Floor, Measurement, median
from planner.files.planfile import SUFFIX, save_plan

ROOT = Path(__file__).resolve().parents[1]
STARTUP_RATIO_TARGET = 1.3
OPEN_10Y_RATIO_TARGET = 2.0
MEMORY_TARGET_MB = 250.0
TIMEOUT_S = 120.0


class ChildFailed(RuntimeError):
    """A benchmark child process failed or never painted."""


def run_child(mode: str, settings: str, *args: str) -> tuple[float, float]:
    """Start ``benchmarks.child`` and wait for its first paint.

    Returns:
        Seconds from just before the process started to its first painted canvas, and
        the process's peak resident memory in MB (ru_maxrss, from the kernel).

    Raises:
        ChildFailed: if it exits without reporting a paint.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # Compiled bytecode, as an installed app has it (pip and the bundle compile at install)
    # and as Python writes it on a first start: a machine with PYTHONDONTWRITEBYTECODE set
    # compiled the app's modules from source at every start, which the floor (PySide6 and
    # matplotlib, compiled when installed) never does. Kept in the run's own folder, for
    # floor and app alike, so the tree and the installed packages are left as they are.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(settings, "pycache")
    command = [sys.executable, "-m", "benchmarks.child", mode, settings, *args]
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise ChildFailed(f"{mode} did not paint within {TIMEOUT_S:.0f} s") from None
    # communicate() has reaped it; the kernel's figure for the child is in the last line.
    fields = out.split()
    if process.returncode != 0 or len(fields) != 2:
        raise ChildFailed(f"{mode} exited {process.returncode}: {err.strip()[-2000:]}")
    painted, peak_kib = float(fields[0]), int(fields[1])
    return painted - started, peak_kib / 1024


def measure_startup(runs: int, warmup: bool) -> list[Measurement]:
    """Start-up of ``main.py --demo`` over the floor, and a 10-year plan's opening over that.

    Each run starts the floor window, the app with the demo plan and the app opening a
    10-year plan of daily steps, one after the other, so a noisy neighbour slows all three
    alike; each ratio is of medians over the runs.
    """
    app_s: list[float] = []
    floor_s: list[float] = []
    long_s: list[float] = []
    app_mb: list[float] = []
    floor_mb: list[float] = []
    with tempfile.TemporaryDirectory(prefix="taper-bench-") as settings:
        long_plan = Path(settings) / f"ten-years{SUFFIX}"
        save_plan(daily_10_years(), long_plan)
        if warmup:  # disk caches, matplotlib's font cache and the bytecode, for all three
            run_child("floor", settings)
            run_child("app", settings, "--demo")
            run_child("app", settings, str(long_plan))
        for _ in range(runs):
            seconds, mb = run_child("floor", settings)
            floor_s.append(seconds)
            floor_mb.append(mb)
            seconds, mb = run_child("app", settings, "--demo")
            app_s.append(seconds)
            app_mb.append(mb)
            long_s.append(run_child("app", settings, str(long_plan))[0])
    app_ms, floor_ms, long_ms = 1000 * median(app_s), 1000 * median(floor_s), 1000 * median(long_s)
    startup = Measurement(
        "startup",
        "Start-up to first paint, demo plan (app ÷ floor)",
        app_ms / floor_ms,
        "×",
        STARTUP_RATIO_TARGET,
        {
            "app_median_ms": app_ms,
            "floor_median_ms": floor_ms,
            "app_min_ms": 1000 * min(app_s),
            "floor_min_ms": 1000 * min(floor_s),
            "runs": runs,
            "app_peak_mb": median(app_mb),
            "floor_peak_mb": median(floor_mb),
        },
        f"app {app_ms:.0f} ms, floor {floor_ms:.0f} ms (medians of {runs})",
        Floor("bare PySide6 window with a matplotlib canvas, first paint (median)", floor_ms),
    )
    opened = Measurement(
        "open_10y",
        "Open a 10-year daily plan to first paint (÷ demo start-up)",
        long_ms / app_ms,
        "×",
        OPEN_10Y_RATIO_TARGET,
        {"open_median_ms": long_ms, "open_min_ms": 1000 * min(long_s), "runs": runs},
        f"{long_ms:.0f} ms to open 3 650 steps (median of {runs})",
        Floor("the app's start-up with the demo plan, first paint (median)", app_ms),
    )
    return [startup, opened]


def measure_memory(runs: int) -> Measurement:
    """Peak resident memory of the app opening a 10-year plan with daily steps."""
    peaks: list[float] = []
    seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="taper-bench-") as folder:
        path = Path(folder) / f"ten-years{SUFFIX}"
        save_plan(daily_10_years(), path)
        for _ in range(runs):
            took, peak = run_child("app", folder, str(path))
            seconds.append(took)
            peaks.append(peak)
    peak_mb = max(peaks)
    return Measurement(
        "memory_peak",
        "Peak memory, app with a 10-year daily plan open",
        peak_mb,
        "MB",
        MEMORY_TARGET_MB,
        {"peak_mb": peak_mb, "runs": runs, "open_to_first_paint_ms": 1000 * median(seconds)},
        f"ru_maxrss; opened and painted in {median(seconds):.1f} s",
    )

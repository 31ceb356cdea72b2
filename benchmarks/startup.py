"""Start-up and peak memory, each in fresh processes, beside a bare PySide6 + matplotlib floor."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.plans import daily_10_years
from benchmarks.report import Measurement, median
from planner.files.planfile import SUFFIX, save_plan

ROOT = Path(__file__).resolve().parents[1]
STARTUP_RATIO_TARGET = 1.5
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


def measure_startup(runs: int, warmup: bool) -> Measurement:
    """Median start-up of ``main.py --demo`` to its first paint, over the floor's median."""
    app_s: list[float] = []
    floor_s: list[float] = []
    app_mb: list[float] = []
    floor_mb: list[float] = []
    with tempfile.TemporaryDirectory(prefix="taper-bench-") as settings:
        if warmup:  # disk caches and matplotlib's font cache, for both
            run_child("floor", settings)
            run_child("app", settings, "--demo")
        for _ in range(runs):
            # Interleaved, so a noisy neighbour slows both alike.
            seconds, mb = run_child("floor", settings)
            floor_s.append(seconds)
            floor_mb.append(mb)
            seconds, mb = run_child("app", settings, "--demo")
            app_s.append(seconds)
            app_mb.append(mb)
    app_ms, floor_ms = 1000 * median(app_s), 1000 * median(floor_s)
    return Measurement(
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
    )


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

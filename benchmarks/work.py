"""Planner and export timings: plan(), CSV, iCalendar and the PDF handout, in this process."""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.plans import (
    daily_2_years,
    daily_10_years,
    daily_10_years_products,
    daily_plan,
    daily_plan_products,
    weekly_52,
)
from benchmarks.report import Floor, Measurement, median, ms, percentile
from planner.dosing.schedule import plan
from planner.files.calendar import to_ics
from planner.files.formats import to_csv
from planner.model import Schedule

# Ten times the steps may cost at most 12 times as much: planning grows linearly.
PLAN_GROWTH_TARGET = 12.0
PDF_52_TARGET_MS = 1000.0


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Seconds per call of ``action``, after one untimed call (imports, caches)."""
    action()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return seconds


def _measurement(
    key: str, label: str, seconds: list[float], target_ms: float | None = None, note: str = ""
) -> Measurement:
    samples = ms(seconds)
    p50 = median(samples)
    details = {"median_ms": p50, "p95_ms": percentile(samples, 95), "runs": len(samples)}
    text = f"median of {len(samples)}" + (f"; {note}" if note else "")
    return Measurement(key, label, p50, "ms", target_ms, details, text)


def _ratio(
    key: str, label: str, seconds: list[float], floor: Measurement, target: float
) -> Measurement:
    """The median of ``seconds`` over ``floor``'s median, measured in the same run."""
    value_ms, floor_ms = median(ms(seconds)), floor.value
    assert floor_ms is not None
    return Measurement(
        key,
        label,
        value_ms / floor_ms,
        "×",
        target,
        {"median_ms": value_ms, "floor_median_ms": floor_ms, "runs": len(seconds)},
        f"{value_ms:.0f} ms against {floor_ms:.0f} ms",
        Floor(floor.label, floor_ms),
    )


def measure_planner(runs: int) -> list[Measurement]:
    """plan() for 1- and 10-year daily plans (plain, and tablets + liquid) and a 52-step plan.

    The targets are ratios: the cost of ten years within 12 × one year's (linear growth),
    as the command line plans them (every candidate fix tried) and as an edit in the
    window does (fixes tried afterwards).
    """
    one_year, ten_years = daily_plan(365), daily_10_years()
    products_1y, products_10y = daily_plan_products(365), daily_10_years_products()
    long_runs = max(1, runs // 3)  # a verified 10-year plan takes seconds on a shared core
    rows: list[Measurement] = []
    for tag, label, short, long in (
        ("", "", one_year, ten_years),
        ("_products", ", tablets + liquid, 1 mL syringe", products_1y, products_10y),
    ):
        for verify, how in ((True, "plan + round + check + try fixes"), (False, "window edit")):
            suffix = tag + ("" if verify else "_edit")
            year = _measurement(
                f"plan_1y_daily{suffix}",
                f"{how}, 1 year of daily steps{label}",
                timed(partial(plan, short, verify_fixes=verify), runs),
            )
            decade = timed(partial(plan, long, verify_fixes=verify), long_runs)
            rows += [
                year,
                _ratio(
                    f"plan_10y_daily{suffix}",
                    f"{how}, 10 years of daily steps{label} (÷ 1 year)",
                    decade,
                    year,
                    PLAN_GROWTH_TARGET,
                ),
            ]
    weekly = weekly_52()
    rows.append(
        _measurement(
            "plan_52_steps",
            "Plan + round + check + try fixes, 52 weekly steps",
            timed(lambda: plan(weekly), runs),
        )
    )
    return rows


def _pdf_writer() -> tuple[Callable[[Schedule, Path], object] | None, str]:
    """``ui.printing.handout.write_pdf``, or None and why it cannot be used yet."""
    try:
        from benchmarks.qt import application

        application()  # a QApplication first: write_pdf would otherwise make a QGuiApplication
        from ui.printing.handout import write_pdf
    except ImportError as error:
        return None, f"skipped: ui.printing.handout.write_pdf is not importable yet ({error})"
    return write_pdf, ""


# The longest plan there can be (ten years, a change every day): its PDF must stay bounded,
# time at most linear in its pages (about 0.1 s a page on a laptop core).
PDF_10Y_TARGET_MS_PER_PAGE = 150.0


def measure_long_pdf(
    runs: int, write_pdf: Callable[[Schedule, Path], object] | None
) -> Measurement:
    """The PDF handout of a 10-year plan with daily steps: ms per page, pages and peak memory."""
    key, label = "export_pdf_10y", "PDF handout, 10 years of daily steps (per page)"
    if write_pdf is None or runs < 1:
        why = "skipped in --quick (one run takes about 10 s)" if runs < 1 else "no PDF writer"
        return Measurement(key, label, None, "ms", PDF_10Y_TARGET_MS_PER_PAGE, note=why)
    schedule = plan(daily_10_years())
    with tempfile.TemporaryDirectory(prefix="taper-bench-") as folder:
        target = Path(folder) / "handout.pdf"
        seconds = timed(partial(write_pdf, schedule, target), runs)
        pages = int(str(write_pdf(schedule, target)))
        size_kb = target.stat().st_size // 1024
    per_page = [value / pages for value in seconds]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return _measurement(
        key,
        label,
        per_page,
        PDF_10Y_TARGET_MS_PER_PAGE,
        f"{pages} pages, {size_kb} kB, process peak {peak_mb} MB",
    )


def measure_exports(runs: int, pdf_runs: int, long_pdf_runs: int = 0) -> list[Measurement]:
    """PDF, CSV and iCalendar of a 52-step plan and of a 2-year plan with daily steps."""
    write_pdf, why_not = _pdf_writer()
    results = []
    with tempfile.TemporaryDirectory(prefix="taper-bench-") as folder:
        target = Path(folder) / "handout.pdf"
        for tag, name, schedule in (
            ("52", "52 weekly steps", plan(weekly_52())),
            ("2y", "2 years of daily steps", plan(daily_2_years())),
        ):
            pdf_target_ms = PDF_52_TARGET_MS if tag == "52" else None
            if write_pdf is None:
                pdf = Measurement(
                    f"export_pdf_{tag}",
                    f"PDF handout, {name}",
                    None,
                    "ms",
                    pdf_target_ms,
                    note=why_not,
                )
            else:
                seconds = timed(partial(write_pdf, schedule, target), pdf_runs)
                pages = write_pdf(schedule, target)
                pdf = _measurement(
                    f"export_pdf_{tag}",
                    f"PDF handout, {name}",
                    seconds,
                    pdf_target_ms,
                    f"{pages} pages",
                )
            csv = timed(partial(to_csv, schedule), runs)
            ics = timed(partial(to_ics, schedule), runs)
            results += [
                pdf,
                _measurement(f"export_csv_{tag}", f"CSV, {name}", csv),
                _measurement(f"export_ics_{tag}", f"iCalendar, {name}", ics),
            ]
    results.append(measure_long_pdf(long_pdf_runs, write_pdf))
    return results

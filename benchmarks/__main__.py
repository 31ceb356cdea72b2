"""``python -m benchmarks [--quick] [--json FILE]``: run them all, print a table, save JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Before anything imports Qt: every window is drawn offscreen, here and in the children.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.report import Measurement, table

SCHEMA = 1


def _runs(quick: bool) -> dict[str, int]:
    if quick:  # smoke mode: everything runs once or twice, no timing is meaningful
        return {"startup": 1, "memory": 1, "edits": 3, "plan": 2, "export": 2, "pdf": 1, "long": 0}
    return {"startup": 7, "memory": 2, "edits": 300, "plan": 21, "export": 21, "pdf": 5, "long": 1}


def run_all(
    quick: bool, only: Sequence[str] = (), caseload_files: int | None = None
) -> list[Measurement]:
    """Run the benchmarks (all, or the groups named in ``only``) and return their rows."""
    from benchmarks import caseload, repaint, startup, work

    runs = _runs(quick)
    groups: dict[str, Callable[[], list[Measurement]]] = {
        "startup": lambda: startup.measure_startup(runs["startup"], warmup=not quick),
        "memory": lambda: [startup.measure_memory(runs["memory"])],
        "planner": lambda: work.measure_planner(runs["plan"]),
        "export": lambda: work.measure_exports(runs["export"], runs["pdf"], runs["long"]),
        "repaint": lambda: repaint.measure(runs["edits"]),
        "caseload": lambda: caseload.measure(quick, caseload_files),
    }
    results: list[Measurement] = []
    for name, group in groups.items():
        if not only or name in only:
            started = time.perf_counter()
            print(f"… {name}", file=sys.stderr, flush=True)
            results.extend(group())
            print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return results


def as_json(results: Sequence[Measurement], quick: bool) -> dict[str, Any]:
    """The report as JSON: when and where it ran, then every measurement by key."""
    return {
        "schema": SCHEMA,
        "quick": quick,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "all_passed": all(m.passed is not False for m in results),
        "results": {m.key: m.as_json() for m in results},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run, print the table, write the JSON; exit 0 (a missed target is reported, not failed)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke mode: one short run of each")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--only",
        action="append",
        choices=("startup", "memory", "planner", "export", "repaint", "caseload"),
        help="run only this group (repeatable)",
    )
    parser.add_argument(
        "--caseload-files",
        type=int,
        metavar="N",
        help="plan files in the caseload folder (default 5000; --quick: 96)",
    )
    options = parser.parse_args(argv)
    results = run_all(options.quick, options.only or (), options.caseload_files)
    print(table(results))
    if options.quick:
        print("(quick smoke mode: too few runs for the timings to mean anything)")
    if options.json is not None:
        report = json.dumps(as_json(results, options.quick), indent=2, ensure_ascii=False)
        options.json.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

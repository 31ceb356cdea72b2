"""The benchmarks run in quick smoke mode and write every JSON key (timings are not checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_KEYS = {
    "startup",
    "open_10y",
    "memory_peak",
    "plan_1y_daily",
    "plan_10y_daily",
    "plan_1y_daily_edit",
    "plan_10y_daily_edit",
    "plan_1y_daily_products",
    "plan_10y_daily_products",
    "plan_1y_daily_products_edit",
    "plan_10y_daily_products_edit",
    "plan_52_steps",
    "export_pdf_52",
    "export_csv_52",
    "export_ics_52",
    "export_pdf_2y",
    "export_pdf_10y",
    "export_csv_2y",
    "export_ics_2y",
    "edit_repaint_p95",
    "edit_repaint_vs_floor",
    "dose_edit_repaint_p95",
    "dose_edit_vs_floor",
    "daily_2y_edit_repaint_p95",
    "daily_2y_edit_vs_floor",
    "caseload_index_scratch",
    "caseload_recheck",
    "caseload_recheck_ms",
    "caseload_filter",
    "caseload_scroll",
    "caseload_first_read_pause",
}
MEASUREMENT_KEYS = {"label", "value", "unit", "target", "passed", "details", "note", "floor"}


def test_quick_benchmarks_write_every_key(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    # A child process: the benchmarks make their own QApplication and windows.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,  # a hang guard: the smoke run takes ~25 s alone, ~50 s on a busy machine
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert set(report["results"]) == EXPECTED_KEYS
    for key, measurement in report["results"].items():
        assert set(measurement) == MEASUREMENT_KEYS, key
        # A ratio says what it was divided by, measured in the same run.
        floor = measurement["floor"]
        assert (measurement["unit"] == "×") == (floor is not None), key
        assert floor is None or (floor["label"] and floor["value"] > 0), key
        skipped = measurement["value"] is None
        # Only the PDF may be skipped (while ui.printing.handout is unfinished), and it says why.
        assert not skipped or (key.startswith("export_pdf") and measurement["note"]), key
    assert "Start-up to first paint" in done.stdout

"""Unexpected errors are logged, the plan is kept, and the clinician is told — nothing is lost."""

from __future__ import annotations

import sys
from pathlib import Path

from ui.window.error_report import ErrorReporter


def raise_and_catch() -> tuple[type[BaseException], BaseException, object]:
    try:
        {}["missing"]
    except KeyError:
        return sys.exc_info()  # type: ignore[return-value]
    raise AssertionError


def test_an_error_is_logged_kept_and_shown(tmp_path: Path) -> None:
    kept: list[bool] = []
    shown: list[tuple[str, str, Path | None]] = []
    reporter = ErrorReporter(
        tmp_path / "logs",
        parent=lambda: None,
        keep_work=lambda: kept.append(True),
        show=lambda _parent, summary, details, log: shown.append((summary, details, log)),
    )
    reporter.handle(*raise_and_catch())  # type: ignore[arg-type]
    assert kept == [True]
    (summary, details, log) = shown[0]
    assert summary == "KeyError: 'missing'"
    assert "Traceback" in details and "raise_and_catch" in details
    assert log is not None and "KeyError" in log.read_text(encoding="utf-8")


def test_a_failing_recovery_write_is_reported_too(tmp_path: Path) -> None:
    shown: list[str] = []

    def broken_keep() -> None:
        raise OSError("disk full")

    reporter = ErrorReporter(
        tmp_path, lambda: None, broken_keep, show=lambda _p, _s, details, _l: shown.append(details)
    )
    reporter.handle(*raise_and_catch())  # type: ignore[arg-type]
    assert "could not be written" in shown[0]

"""A plan with errors is printed or exported only when the clinician says so, and says so itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from planner.dosing.schedule import plan
from planner.model import Regimen, TaperPlan
from tests.ui.conftest import START
from ui.printing import actions as export_actions
from ui.printing.handout import write_pdf
from ui.window.main_window import MainWindow

ERRORS_PLAN = TaperPlan(
    drug="alprazolam",
    region="us",
    regimen=Regimen(morning_mg=1, midday_mg=1, night_mg=1),
    switch_to="diazepam",
    start=START,
)


def _asked(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[str]:
    questions: list[str] = []

    def confirm(_parent: object, message: str) -> bool:
        questions.append(message)
        return answer

    monkeypatch.setattr(export_actions, "confirm", confirm)
    return questions


def test_export_of_a_plan_with_errors_asks_once_and_no_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.edit_plan(ERRORS_PLAN)
    questions = _asked(monkeypatch, False)
    target = tmp_path / "p.csv"
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(target))
    window.exports.csv_action.trigger()
    assert len(questions) == 1 and questions[0].startswith("This plan has ")
    assert "error" in questions[0] and "anyway?" in questions[0]
    assert not target.exists()


def test_yes_exports_and_a_plan_without_errors_is_not_asked(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = _asked(monkeypatch, True)
    target = tmp_path / "p.csv"
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(target))
    window.exports.csv_action.trigger()
    assert questions == [] and target.exists()
    target.unlink()
    window.edit_plan(ERRORS_PLAN)
    window.exports.csv_action.trigger()
    assert len(questions) == 1 and target.exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext missing (poppler-utils)")
def test_a_printed_plan_with_errors_says_so_on_its_first_page(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    write_pdf(plan(ERRORS_PLAN), path)
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "printed with errors" in text and "This plan has" in text

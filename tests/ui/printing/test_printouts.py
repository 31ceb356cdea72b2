"""The patient printouts that fit: a one-page summary, a month calendar, a shorter day calendar."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest

from main import _write_pdf
from planner import cli
from planner.dosing.schedule import plan
from planner.files import planfile
from planner.model import Regimen, TaperPlan
from planner.report.month import month_grid
from planner.report.options import Document, HandoutOptions
from tests.planner.helpers import base_plan, lorazepam_switch_plan
from tests.ui.printing.test_handout import long_schedule, needs_poppler, pdf_text
from ui.printing.handout import write_pdf

PRINTED_ON = dt.date(2027, 2, 10)


def pages(path: Path) -> int:
    """The page count pdfinfo reports."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
    assert match
    return int(match.group(1))


def three_dose_switch() -> TaperPlan:
    """UK lorazepam three times a day switched to diazepam: a 41-week plan (whole UK tablets)."""
    return base_plan(
        drug="lorazepam",
        regimen=Regimen(morning_mg=1, midday_mg=1, night_mg=1),
        switch_to="diazepam",
    )


@needs_poppler
@pytest.mark.parametrize(
    "make",
    [lambda: plan(three_dose_switch()), long_schedule, lambda: plan(lorazepam_switch_plan())],
    ids=["uk-switch-49-weeks", "liquid-over-a-year", "us-switch"],
)
def test_one_page_summary_is_one_page(qapp: object, tmp_path: Path, make: object) -> None:
    schedule = make()  # type: ignore[operator]
    path = tmp_path / "one.pdf"
    count = write_pdf(
        schedule, path, HandoutOptions(document=Document.ONE_PAGE, printed_on=PRINTED_ON)
    )
    assert count == 1 and pages(path) == 1
    text = re.sub(r"\s+", " ", pdf_text(path)[0])
    assert "What to take now" in text and "Next change on" in text
    assert "When to call" in text and "Get urgent medical help" in text
    now = max((s for s in schedule.steps if s.start <= PRINTED_ON), key=lambda s: s.start)
    assert f"{now.start.isoformat()}" in text


@needs_poppler
def test_month_calendar_has_a_page_per_month_with_each_days_doses(
    qapp: object, tmp_path: Path
) -> None:
    schedule = plan(three_dose_switch())
    path = tmp_path / "month.pdf"
    options = HandoutOptions(document=Document.MONTH_CALENDAR, printed_on=dt.date(2026, 12, 1))
    count = write_pdf(schedule, path, options)
    months = month_grid(schedule)
    assert count == len(months) == pages(path) == 10  # January to October 2027
    texts = [re.sub(r"\s+", " ", page) for page in pdf_text(path)]
    for page, month in zip(texts, months, strict=True):
        assert month.title in page and "Monday" in page and "Sunday" in page
    first = texts[0]
    assert "Morning: lorazepam 1 tablet" in first  # the only lorazepam product, counted
    assert "Night: diazepam 1 × 10 mg tablet" in first
    assert "Lorazepam amounts are of the lorazepam 1 mg tablet." in first
    assert "stop: nothing more to take" in texts[-1]
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out.stdout).groups())  # type: ignore[union-attr]
    assert width > height  # landscape: seven columns of doses


def test_month_grid_never_offers_a_day_twice() -> None:
    schedule = plan(three_dose_switch())
    seen: list[dt.date] = []
    for month in month_grid(schedule):
        for week in month.weeks:
            seen += [cell.date for cell in week if cell.in_plan]
        number = list(calendar.month_name).index(month.title.split()[0])
        assert all(cell.date.month == number for w in month.weeks for cell in w if cell.in_plan)
    assert len(seen) == len(set(seen))
    assert seen[0] == schedule.start_date and seen[-1] == schedule.end_date


@needs_poppler
def test_day_calendar_prints_eight_weeks_by_default_or_every_day(
    qapp: object, tmp_path: Path
) -> None:
    schedule = plan(three_dose_switch())
    short, full = tmp_path / "short.pdf", tmp_path / "full.pdf"
    printed = dt.date(2026, 12, 1)
    short_pages = write_pdf(schedule, short, HandoutOptions(printed_on=printed))
    full_pages = write_pdf(schedule, full, HandoutOptions(printed_on=printed, calendar_weeks=None))
    assert short_pages < full_pages - 8
    text = re.sub(r"\s+", " ", " ".join(pdf_text(short)))
    last = schedule.start_date + dt.timedelta(days=55)
    assert f"This calendar covers 8 weeks, to {last.strftime('%a')} {last.isoformat()}" in text
    assert (last + dt.timedelta(days=1)).isoformat() not in text.split("Tick-box calendar")[1]


@needs_poppler
@pytest.mark.parametrize(("flag", "expected_pages"), [("--one-page", 1), ("--month-calendar", 10)])
def test_export_flags(qapp: object, tmp_path: Path, flag: str, expected_pages: int) -> None:
    plan_path = tmp_path / "p.taper.json"
    planfile.save_plan(three_dose_switch(), plan_path)
    out = tmp_path / "out.pdf"
    err = io.StringIO()
    status = cli.main(["export", str(plan_path), "--pdf", str(out), flag], _write_pdf, stderr=err)
    assert status == 0, err.getvalue()
    assert pages(out) == expected_pages


def test_export_one_page_with_pharmacy_is_refused(tmp_path: Path) -> None:
    plan_path = tmp_path / "p.taper.json"
    planfile.save_plan(base_plan(), plan_path)
    err = io.StringIO()
    args = ["export", str(plan_path), "--pdf", str(tmp_path / "x.pdf"), "--one-page", "--pharmacy"]
    assert cli.main(args, _write_pdf, stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and not (tmp_path / "x.pdf").exists()

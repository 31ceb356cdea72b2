"""Tests for ui.printing.handout: the PDF a patient gets, checked through pdftotext."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from planner.dosing.daily import days
from planner.dosing.schedule import plan
from planner.files import formats
from planner.model import Method, Patient, Regimen, Schedule, TaperPlan, format_mg
from planner.report.pharmacy import pharmacy_summary
from tests.planner.dosing.test_daily import switch_schedule
from tests.planner.helpers import lorazepam_switch_plan, switch_plan
from ui.printing import dialogs as handout_dialogs
from ui.printing import handout
from ui.printing.bounds import MAX_CALENDAR_DAYS
from ui.printing.handout import HandoutOptions, PaperSize, render, write_pdf, write_pharmacy_pdf

NAME = '<b>Ann</b> & "Bo"'
PRINTED_ON = dt.date(2026, 12, 1)
POPPLER = shutil.which("pdftotext") and shutil.which("pdfimages")
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="pdftotext/pdfimages missing: apt-get install -y poppler-utils"
)


def long_schedule() -> Schedule:
    """Over a year of 5% cuts of a four-times-a-day oral solution."""
    return plan(
        TaperPlan(
            method=Method.PERCENT_CURRENT,
            reduction_percent=5,
            interval_days=21,
            formulation="liquid",
            regimen=Regimen(morning_mg=0.5, midday_mg=0.5, evening_mg=0.5, night_mg=1.0),
            start=dt.date(2027, 1, 4),
            stabilise_days=14,
            patient=Patient(NAME, dt.date(1970, 5, 6), "Dr Jane Example"),
        )
    )


def pdf_text(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").split("\f")[:-1]


def flat(text: str) -> str:
    """Whitespace (including wrapped lines) as single spaces."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module", params=[PaperSize.A4, PaperSize.LETTER])
def long_pdf(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Schedule, Path]:
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    schedule = long_schedule()
    path = tmp_path_factory.mktemp("pdf") / f"long-{request.param}.pdf"
    options = HandoutOptions(
        paper=request.param, include_pharmacy=True, printed_on=PRINTED_ON, calendar_weeks=None
    )
    write_pdf(schedule, path, options)
    return schedule, path


def test_the_long_plan_is_over_a_year() -> None:
    assert long_schedule().total_days > 365


@needs_poppler
def test_every_step_prints_its_dates_and_units_as_in_the_csv(
    long_pdf: tuple[Schedule, Path],
) -> None:
    schedule, path = long_pdf
    text = flat(" ".join(pdf_text(path)))
    rows = list(csv.DictReader(io.StringIO(formats.to_csv(schedule))))
    assert len(rows) == len(schedule.steps)
    for row in rows:
        start, end = dt.date.fromisoformat(row["start"]), row["end"]
        if end:
            assert f"{start:%a} {start}" in text
            assert f"to {dt.date.fromisoformat(end):%a} {end}" in text
        else:
            assert f"From {start:%a} {start}" in text
        for time in ("morning", "midday", "evening", "night"):
            if row[time]:
                assert flat(row[time]) in text, (row["step"], time)


@needs_poppler
def test_every_page_names_patient_prescriber_date_and_page_n_of_m(
    long_pdf: tuple[Schedule, Path],
) -> None:
    _schedule, path = long_pdf
    pages = pdf_text(path)
    assert len(pages) > 8
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert f"Patient: {NAME}" in page  # printed exactly: not markup, not escaped twice
        assert "Prescriber: Dr Jane Example" in page
        assert "Plan dated 2026-12-01" in page


@needs_poppler
def test_calendar_has_a_row_for_every_day_of_a_year_and_the_guidance_follows(
    long_pdf: tuple[Schedule, Path],
) -> None:
    schedule, path = long_pdf
    pages = pdf_text(path)
    text = flat(" ".join(pages))
    calendar = flat(" ".join(pages[next(i for i, p in enumerate(pages) if "Tick-box" in p) :]))
    every_day = list(days(schedule))
    for day in every_day[:MAX_CALENDAR_DAYS]:
        assert day.date.isoformat() in calendar
    if len(every_day) > MAX_CALENDAR_DAYS:  # a long plan's calendar stops after a year
        assert "This calendar covers 366 days" in flat(calendar)
        assert every_day[MAX_CALENDAR_DAYS].date.isoformat() not in calendar
    for words in (
        "If withdrawal symptoms appear",
        "Get urgent medical help",
        "Seizures need urgent medical review",
        "Cautions",
        "Avoid alcohol",
        "Taper Planner 0.1.0",
        "not a substitute for review",
        "Ashton Manual",
        "Pharmacy summary: supplies of 28 days",
        "The rules, numbers and guidance in this plan come from",
    ):
        assert words in text


@needs_poppler
def test_nothing_is_clipped_and_the_chart_is_vector(long_pdf: tuple[Schedule, Path]) -> None:
    _schedule, path = long_pdf
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True)
    html = out.stdout.decode("utf-8")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None
    width, height = float(page[1]), float(page[2])
    margin = 14 / 25.4 * 72 - 1  # the 14 mm page margin, less a point of slack
    for x_min, y_min, x_max, y_max in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html
    ):
        assert float(x_min) >= margin and float(x_max) <= width - margin
        assert float(y_min) >= margin and float(y_max) <= height - margin
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    assert len(images.stdout.decode().splitlines()) == 2  # the header lines only: no bitmaps


@needs_poppler
def test_a_switch_prints_both_drugs_and_the_equivalence_table(qapp: object, tmp_path: Path) -> None:
    schedule = switch_schedule()
    path = tmp_path / "switch.pdf"
    write_pdf(schedule, path, HandoutOptions(printed_on=PRINTED_ON))
    text = flat(" ".join(pdf_text(path)))
    assert "clonazepam 0.25 mg: ½ × 0.5 mg tablet + diazepam 5 mg: 1 × 5 mg tablet" in text
    assert "Ashton 2002 equivalence table" in text
    assert "Patient: ____" in text  # no name: a line to write it on


@needs_poppler
@pytest.mark.parametrize(
    ("factors", "says"),
    [
        (("age_65_plus",), "Age 65 or over: applied (age 76"),
        ((), "Age 65 or over: not applied"),
    ],
)
def test_the_handout_says_whether_the_age_caution_follows_the_date_of_birth(
    qapp: object, tmp_path: Path, factors: tuple[str, ...], says: str
) -> None:
    born = dt.date(dt.date.today().year - 76, 1, 1)  # 76 today, whatever the day
    old = TaperPlan(regimen=Regimen(night_mg=1.0), patient=Patient("Ann", born, ""))
    path = tmp_path / "age.pdf"
    write_pdf(plan(old.replace(factors=factors)), path, HandoutOptions(printed_on=PRINTED_ON))
    assert says in flat(" ".join(pdf_text(path)))


@needs_poppler
def test_pharmacy_summary_document(qapp: object, tmp_path: Path) -> None:
    schedule = long_schedule()
    path = tmp_path / "pharmacy.pdf"
    write_pharmacy_pdf(schedule, path, HandoutOptions(period_days=14, printed_on=PRINTED_ON))
    pages = pdf_text(path)
    text = flat(" ".join(pages))
    summary = pharmacy_summary(schedule, 14)
    assert "Quantities to dispense: supplies of 14 days" in text
    assert f"Whole plan {summary.total[0].text().split(' of ')[0]}" in text
    assert len(summary.periods) > 20
    assert "Tick-box calendar" not in text
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))


@needs_poppler
def test_after_a_switch_every_dose_names_its_drug(qapp: object, tmp_path: Path) -> None:
    # Under a clonazepam plan's title, "27 mg" alone could be read as 27 mg of clonazepam.
    schedule = plan(switch_plan())
    path = tmp_path / "switch.pdf"
    write_pdf(schedule, path, HandoutOptions(printed_on=PRINTED_ON))
    text = flat(" ".join(pdf_text(path)))
    after = next(s for s in schedule.steps[5:] if s.doses)
    assert set(after.daily_mg) == {"diazepam"}
    morning = after.doses_at("morning")[0]
    assert f"diazepam {format_mg(after.daily_mg['diazepam'])} mg" in text  # per day
    assert f"Morning diazepam {format_mg(morning.mg)} mg: {morning.units}" in text
    assert f"Morning {format_mg(morning.mg)} mg" not in text
    # Each drug's own product: never "the clonazepam tablet" above diazepam rows.
    assert (
        "Clonazepam amounts are of the clonazepam 0.5 mg tablet. "
        "Diazepam amounts name their diazepam product." in text
    )


@needs_poppler
def test_the_pharmacy_table_names_each_drug_of_a_strength(qapp: object, tmp_path: Path) -> None:
    # US lorazepam and diazepam both come as a "2 mg tablet": two columns, two counts.
    schedule = plan(lorazepam_switch_plan())
    path = tmp_path / "pharmacy.pdf"
    write_pharmacy_pdf(schedule, path, HandoutOptions(printed_on=PRINTED_ON))
    text = flat(" ".join(pdf_text(path)))
    assert "diazepam 2 mg tablet" in text and "lorazepam 2 mg tablet" in text
    summary = pharmacy_summary(schedule)
    totals = " ".join(q.text().split(" ")[0] for q in summary.total)  # "266 532 147 7 7 14"
    assert f"All Whole plan {totals}" in text


@needs_poppler
def test_print_preview_paints_through_render(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "preview.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    handout_dialogs.preview_schedule(None, switch_schedule(), HandoutOptions(printed_on=PRINTED_ON))
    pages = pdf_text(path)
    assert pages and f"Page 1 of {len(pages)}" in pages[0]


def test_export_pdf_adds_the_extension(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "plan"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(chosen), ""))
    )
    result = handout.export_pdf(None, switch_schedule())
    assert result == tmp_path / "plan.pdf"
    assert result.read_bytes().startswith(b"%PDF")


def test_export_pdf_cancelled_writes_nothing(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    assert handout.export_pdf(None, switch_schedule()) is None


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_render_refuses_a_device_it_cannot_draw_on_and_a_bad_period(qapp: object) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName("")
    with pytest.raises(OSError):
        render(printer, switch_schedule())
    with pytest.raises(ValueError, match="7, 14, 28"):
        HandoutOptions(period_days=10)


def test_unwritable_path_is_an_oserror(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(OSError, match="does not exist"):
        write_pdf(switch_schedule(), tmp_path / "missing" / "plan.pdf")

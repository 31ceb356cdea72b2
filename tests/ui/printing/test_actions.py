"""Printing and exporting from the window's File menu, as a clinician does it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from pytestqt.qtbot import QtBot

from planner.files import formats
from tests.ui.helpers import type_into
from ui.printing import actions as export_actions
from ui.printing import dialogs as handout_dialogs
from ui.printing import handout
from ui.printing.handout import HandoutOptions, write_pdf
from ui.window.main_window import MainWindow


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(export_actions, "tell", lambda _parent, message: messages.append(message))
    return messages


def test_the_file_menu_offers_printing_and_exports(window: MainWindow) -> None:
    texts = [action.text() for action in window.file_menu.actions()]
    for wanted in (
        "&Print…",
        "Print Pre&view…",
        "Export &PDF…",
        "Export P&harmacy Summary…",
        "Export &CSV…",
        "Export i&Calendar…",
    ):
        assert wanted in texts
    assert texts.index("&Print…") < texts.index("&Quit")


def test_export_csv_writes_what_the_screen_shows(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ann"
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(target))
    window.exports.csv_action.trigger()
    written = (tmp_path / "ann.csv").read_bytes().decode("utf-8")
    schedule = window.current_schedule()
    assert schedule is not None
    assert written == formats.to_csv(schedule)
    rows = list(csv.reader(io.StringIO(written)))
    assert len(rows) == 1 + len(schedule.steps)


def test_export_icalendar_round_trips_the_step_dates(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: str(tmp_path / "p.ics"))
    window.exports.ics_action.trigger()
    calendar = Calendar.from_ical((tmp_path / "p.ics").read_bytes())
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    schedule = window.current_schedule()
    assert schedule is not None
    assert starts[0] == schedule.steps[0].start


def test_an_out_of_date_schedule_is_not_printed(
    window: MainWindow, qtbot: QtBot, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    type_into(qtbot, window.form.doses["morning"], "0.3")  # not measurable with tablets
    window.form.flush()
    qtbot.waitUntil(window.pane.is_stale)
    chosen: list[str] = []
    monkeypatch.setattr(export_actions, "choose_export_path", lambda *_: chosen.append("x") or "")
    window.exports.csv_action.trigger()
    window.exports.print_action.trigger()
    assert chosen == []
    assert len(told) == 2 and "out of date" in told[0]


def test_print_preview_opens_from_the_menu_and_matches_the_pdf(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previewed: list[int] = []

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        # Offscreen there is no printer: let the preview paint into a PDF instead.
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        dialog.paintRequested.emit(printer)
        previewed.append(1)
        return 0

    monkeypatch.setattr(handout_dialogs.QPrintPreviewDialog, "exec", fake_exec)
    monkeypatch.setattr(export_actions, "choose_printout", lambda *_: HandoutOptions())
    window.exports.preview_action.trigger()
    assert previewed == [1]
    schedule = window.current_schedule()
    assert schedule is not None
    pdf_pages = write_pdf(schedule, tmp_path / "plan.pdf")
    preview = (tmp_path / "preview.pdf").read_bytes()
    assert preview.count(b"/Type /Page") - preview.count(b"/Type /Pages") == pdf_pages


def test_export_dialogs_open_where_the_last_export_was_saved(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return str(folder / Path(suggested).name)

    monkeypatch.setattr(export_actions, "choose_export_path", choose)
    window.exports.csv_action.trigger()
    window.exports.ics_action.trigger()
    assert Path(asked[1]).parent == folder  # not the working folder
    assert Path(asked[1]).name == "clonazepam-plan.ics"
    assert (folder / "clonazepam-plan.ics").exists()


def test_printout_dialog_chooses_document_sections_and_paper_and_remembers(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from planner.report.options import Document, PaperSize
    from ui.printing import options_dialog

    def accept_one_page_on_letter(dialog: options_dialog.PrintoutDialog) -> int:
        dialog.documents.button(1).setChecked(True)  # the one-page summary
        assert not dialog.sections.isEnabled()  # sections belong to the handout
        dialog.paper.setCurrentIndex(2)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(options_dialog.PrintoutDialog, "exec", accept_one_page_on_letter)
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(handout.QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    window.exports.pdf_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    remembered = options_dialog.load_options()
    assert remembered.document is Document.ONE_PAGE and remembered.paper is PaperSize.LETTER
    dialog = options_dialog.PrintoutDialog("Print", remembered)
    assert dialog.documents.checkedId() == 1 and dialog.paper.currentIndex() == 2


def test_printout_dialog_sections_round_trip(qtbot: QtBot) -> None:
    from planner.report.options import Document
    from ui.printing import options_dialog

    chosen = HandoutOptions(
        include_guidance=False, calendar_weeks=None, include_month_calendar=True, period_days=14
    )
    dialog = options_dialog.PrintoutDialog("Print", chosen)
    qtbot.addWidget(dialog)
    assert dialog.options() == chosen
    options_dialog.save_options(chosen)
    assert options_dialog.load_options() == chosen
    assert options_dialog.load_options().document is Document.HANDOUT


def test_a_wheel_over_the_printout_dialog_changes_no_choice(qtbot: QtBot) -> None:
    from tests.ui.form.test_typed_values import wheel
    from ui.printing import options_dialog

    dialog = options_dialog.PrintoutDialog("Print", HandoutOptions())
    qtbot.addWidget(dialog)
    before = (dialog.paper.currentIndex(), dialog.period.currentIndex())
    for combo in (dialog.paper, dialog.period):
        for notches in (-1, 1, -3):
            wheel(combo, notches)
    assert (dialog.paper.currentIndex(), dialog.period.currentIndex()) == before

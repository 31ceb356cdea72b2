"""The schedule table: every text column fits its widest cell; rows on screen fit their doses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTableView, QWidget
from pytestqt.qtbot import QtBot

from planner.dosing.schedule import plan
from planner.model import Method, Regimen, Schedule, TaperPlan
from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW, START
from tests.ui.schedule.test_table_model import two_drug_schedule
from ui.schedule.table_model import FIRST_TIME_COLUMN, HOLD_KINDS, HOLD_TINT, ScheduleModel
from ui.schedule.table_view import ScheduleView

pytestmark = SHOWS_WINDOW

SCHEDULES = {
    "tablets": lambda: plan(BASE_PLAN),
    # Over 100 steps (3-digit step numbers), warnings with icons on many rows, a hold.
    "long, with icons": lambda: plan(
        TaperPlan(
            drug="diazepam",
            formulation="liquid",
            regimen=Regimen(morning_mg=30, night_mg=30),
            method=Method.FIXED,
            amount_mg=0.25,
            interval_days=3,
            stabilise_days=14,
            start=START,
        )
    ),
    "switch": two_drug_schedule,
}


def cell_margins(view: QTableView) -> int:
    """What a cell's text has less than its column: Qt's text margin each side, the grid line."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin + (1 if view.showGrid() else 0)


def shown_rows_fit(view: ScheduleView) -> bool:
    """True when every row on screen is as high as Qt sizes its contents."""
    last = view.rowAt(view.viewport().height() - 1)
    rows = range(view.rowAt(0), view.model().rowCount() if last < 0 else last + 1)
    return [view.rowHeight(row) for row in rows] == [view.sizeHintForRow(row) for row in rows]


def rows_measured_whole(view: ScheduleView) -> list[int]:
    """The rows Qt is asked to size whole (``resizeRowToContents``), as they are asked."""
    sized: list[int] = []
    measure = view.resizeRowToContents

    def counted(row: int) -> None:
        sized.append(row)
        measure(row)

    view.resizeRowToContents = counted  # type: ignore[method-assign]
    return sized


@pytest.fixture
def view(qtbot: QtBot) -> ScheduleView:
    widget = ScheduleView(ScheduleModel())
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


@pytest.mark.parametrize("name", SCHEDULES)
def test_text_columns_are_as_wide_as_their_widest_cell(view: ScheduleView, name: str) -> None:
    schedule: Schedule = SCHEDULES[name]()
    model = view.model()
    assert isinstance(model, ScheduleModel)
    model.set_schedule(schedule)
    if name.startswith("long"):
        assert model.rowCount() > 100 and sum(model.has_icon(row, 0) for row in range(120)) > 5
    header = view.horizontalHeader()
    dose_columns = range(FIRST_TIME_COLUMN, FIRST_TIME_COLUMN + 4)
    for column in (c for c in range(model.columnCount()) if c not in dose_columns):
        # Qt's own measure of every row (up to 1 000), as ResizeToContents would size it.
        needed = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= needed, (name, model.headerData(column, 1))


def test_rows_on_screen_fit_their_doses_after_each_new_schedule(
    view: ScheduleView, qtbot: QtBot
) -> None:
    model = view.model()
    assert isinstance(model, ScheduleModel)
    for schedule in (plan(BASE_PLAN), two_drug_schedule(), plan(BASE_PLAN)):
        model.set_schedule(schedule)
        qtbot.wait(1)  # the layout runs when the event loop does
        assert shown_rows_fit(view)


def test_a_larger_font_widens_the_text_columns(view: ScheduleView) -> None:
    model = view.model()
    assert isinstance(model, ScheduleModel)
    model.set_schedule(plan(BASE_PLAN))
    view.resize(1800, 400)  # room for every column unwrapped, even in the larger font
    header = view.horizontalHeader()
    before = header.sectionSize(1)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    assert header.sectionSize(1) > before
    assert header.sectionSize(1) >= view.sizeHintForColumn(1)


@pytest.mark.parametrize("name", SCHEDULES)
def test_a_narrow_table_wraps_its_columns_instead_of_scrolling_sideways(
    view: ScheduleView, qtbot: QtBot, name: str
) -> None:
    model = view.model()
    assert isinstance(model, ScheduleModel)
    model.set_schedule(SCHEDULES[name]())
    view.resize(600, 400)  # under half of what the widest of them likes
    qtbot.wait(1)
    header = view.horizontalHeader()
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    metrics = view.fontMetrics()
    for column in shown:
        words = {
            w
            for text in set(model.column_texts(column))
            for w in text.replace("\n", " ").split(" ")
        }
        widest = max(metrics.horizontalAdvance(word) for word in words)
        assert widest + cell_margins(view) <= header.sectionSize(column), (name, column)
    assert shown_rows_fit(view)  # rows on screen grow to their wrapped lines
    view.resize(1800, 400)  # room again: every text column unwrapped
    qtbot.wait(1)
    for column in shown:
        if not FIRST_TIME_COLUMN <= column < FIRST_TIME_COLUMN + 4:
            assert header.sectionSize(column) >= view.sizeHintForColumn(column)


def test_settle_sizes_the_rows_before_the_window_paints(view: ScheduleView) -> None:
    # Left to the view's timer, the new schedule was painted once with default row heights.
    model = view.model()
    assert isinstance(model, ScheduleModel)
    model.set_schedule(SCHEDULES["long, with icons"]())
    view.settle()  # no turn of the event loop in between
    assert view.rowHeight(0) > view.verticalHeader().defaultSectionSize()
    assert shown_rows_fit(view)


def test_remembered_row_heights_are_the_heights_qt_would_give(
    view: ScheduleView, qtbot: QtBot
) -> None:
    # A row keeps the height measured for the same texts in the last schedule: after a pace
    # edit (new dates, same doses), a dose edit, a narrower and a wider table, and back.
    model = view.model()
    assert isinstance(model, ScheduleModel)
    liquid = TaperPlan(
        drug="diazepam",
        formulation="liquid",
        regimen=Regimen(morning_mg=30, night_mg=30),
        method=Method.FIXED,
        amount_mg=2.5,
        interval_days=7,
        start=START,
    )
    sized = rows_measured_whole(view)
    edits = [
        (liquid, 900),
        (liquid.replace(interval_days=8), 900),  # the pace: every date moves
        (liquid.replace(regimen=Regimen(morning_mg=25, night_mg=30)), 900),
        (liquid.replace(regimen=Regimen(morning_mg=25, night_mg=30)), 520),
        (liquid, 520),
        (liquid, 1800),
    ]
    for number, (taper, width) in enumerate(edits):
        view.resize(width, 400)
        sized.clear()
        model.set_schedule(plan(taper))
        view.settle()
        qtbot.wait(1)
        assert shown_rows_fit(view), number
        if number == 1:
            assert not sized  # the pace edit measured no row again
        if number == 2:
            assert not sized  # the new wrapped doses were measured alone, cell by cell


def test_a_dose_edit_that_keeps_each_dose_on_its_lines_measures_no_row_again(
    view: ScheduleView, qtbot: QtBot
) -> None:
    # A new starting dose changes every dose text; where each still fits its column on as
    # many lines, the rows keep the heights measured for the last schedule.
    model = view.model()
    assert isinstance(model, ScheduleModel)
    view.resize(1400, 400)
    sized = rows_measured_whole(view)
    for number, morning_mg in enumerate((0.5, 1.0, 0.5)):
        taper = BASE_PLAN.replace(regimen=Regimen(morning_mg=morning_mg, night_mg=1.0))
        sized.clear()
        model.set_schedule(plan(taper))
        view.settle()
        qtbot.wait(1)
        assert shown_rows_fit(view), number
        if number > 0:
            assert not sized, number


def test_columns_whose_texts_stay_keep_the_widths_a_fresh_table_gives(
    view: ScheduleView, qtbot: QtBot
) -> None:
    # A dose edit leaves the dates and days as they were: their widths are not measured
    # again, and must be what measuring them would give.
    model = view.model()
    assert isinstance(model, ScheduleModel)
    for taper in (BASE_PLAN, BASE_PLAN.replace(regimen=Regimen(morning_mg=1.0, night_mg=1.0))):
        model.set_schedule(plan(taper))
        view.settle()
        fresh = ScheduleView(ScheduleModel())
        qtbot.addWidget(fresh)
        fresh.resize(view.size())
        fresh.show()
        fresh_model = fresh.model()
        assert isinstance(fresh_model, ScheduleModel)
        fresh_model.set_schedule(plan(taper))
        fresh.settle()
        widths = [view.columnWidth(c) for c in range(model.columnCount())]
        assert widths == [fresh.columnWidth(c) for c in range(model.columnCount())]


def test_hold_rows_are_painted_in_the_hold_tint(view: ScheduleView, qtbot: QtBot) -> None:
    model = view.model()
    assert isinstance(model, ScheduleModel)
    model.set_schedule(SCHEDULES["long, with icons"]())
    view.settle()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    for row in (0, 1):  # the stabilise step, then the first cut
        rect = view.visualRect(model.index(row, 3))  # the days: short, right-aligned
        spot = image.pixelColor(rect.left() + 2, rect.center().y())
        tinted = model.step(row).kind in HOLD_KINDS
        assert (spot == HOLD_TINT) is tinted, (row, spot.name())


def test_the_viewport_made_in_python_is_set_up_as_qts_own(view: ScheduleView) -> None:
    plain = QTableView()
    plain.show()
    view.show()

    def settings(widget: QWidget) -> dict[str, object]:
        found: dict[str, object] = {
            "name": widget.objectName(),
            "background": widget.backgroundRole(),
            "fills": widget.autoFillBackground(),
            "tracks mouse": widget.hasMouseTracking(),
            "focus": widget.focusPolicy(),
            "menu": widget.contextMenuPolicy(),
            "drops": widget.acceptDrops(),
            "cursor": widget.cursor().shape(),
        }
        found.update((a.name, widget.testAttribute(a)) for a in Qt.WidgetAttribute)
        return found

    assert settings(view.viewport()) == settings(plain.viewport())
    plain.deleteLater()

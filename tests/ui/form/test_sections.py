"""Collapsible form sections: method and pace open at first, summaries, kept in settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import BASE_PLAN, SHOWS_WINDOW
from ui.form.plan_form import PlanForm
from ui.form.sections import Section
from ui.window.main_window import MainWindow

pytestmark = SHOWS_WINDOW


def form_with(qtbot: QtBot) -> PlanForm:
    form = PlanForm()
    qtbot.addWidget(form)
    form.set_plan(BASE_PLAN)
    form.show()
    return form


def test_method_and_pace_are_open_at_first_the_others_say_what_they_hold(qtbot: QtBot) -> None:
    form = form_with(qtbot)
    opened = {key for key, section in form.sections.items() if section.is_expanded()}
    assert opened == {"method", "pace"}
    assert list(form.sections) == [
        "patient", "medicine", "products", "regimen", "factors", "switch", "method", "pace",
    ]  # fmt: skip
    assert not form.doses["morning"].isVisible() and form.interval.isVisible()
    regimen = form.sections["regimen"]
    assert regimen.summary.text() == "Morning 0.5 mg, Night 1 mg"  # "none" left out
    assert form.sections["medicine"].summary.text() == "UK, Clonazepam, tablets, Ashton 2002"
    assert form.sections["method"].summary.text() == ""  # open: its fields speak


def test_a_section_opens_with_a_click_or_space_and_its_summary_follows_the_plan(
    qtbot: QtBot,
) -> None:
    form = form_with(qtbot)
    regimen = form.sections["regimen"]
    with qtbot.waitSignal(regimen.toggled) as opened:
        qtbot.mouseClick(regimen.button, Qt.MouseButton.LeftButton)
    assert opened.args == [True] and form.doses["morning"].isVisible()
    with qtbot.waitSignal(form.plan_changed):
        form.doses["morning"].setText("0.25")
    assert regimen.summary.text() == ""
    regimen.button.setFocus()
    qtbot.keyClick(regimen.button, Qt.Key.Key_Space)
    assert not regimen.is_expanded()
    assert regimen.summary.text() == "Morning 0.25 mg, Night 1 mg"


def test_an_error_in_a_closed_section_opens_it(qtbot: QtBot) -> None:
    form = form_with(qtbot)
    regimen = form.sections["regimen"]
    assert not regimen.is_expanded()
    form.doses["morning"].setText("900")  # over any dose that makes sense
    form.flush()
    assert regimen.is_expanded()
    assert form.rows.label_for("regimen.morning").isVisible()


def test_the_sections_are_kept_for_the_next_window(qtbot: QtBot) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    sections: dict[str, Section] = first.form.sections
    sections["patient"].button.click()
    sections["method"].button.click()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.form.sections["patient"].is_expanded()
    assert not second.form.sections["method"].is_expanded()
    assert second.form.sections["pace"].is_expanded()  # never toggled: its default


def test_opening_every_section_cuts_no_field(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 540)
    window.show()
    qtbot.waitExposed(window)
    for section in window.form.sections.values():
        if not section.is_expanded():
            section.button.click()
    assert all(section.is_expanded() for section in window.form.sections.values())
    qtbot.wait(10)
    viewport = window.form_scroll.viewport()
    assert window.form.minimumSizeHint().width() <= viewport.width()
    assert window.form.width() <= viewport.width()

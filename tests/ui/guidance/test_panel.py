"""The guidance panel: findings with their sources, then the sourced guidance, as plain text."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from planner import drug_guidance, guidance
from planner.dosing.schedule import plan
from planner.model import CheckIn, FollowUpAction, Patient, Regimen, Schedule
from tests.ui.conftest import BASE_PLAN
from ui.guidance.panel import GuidancePanel


def test_findings_come_first_with_severity_step_and_source(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    schedule = plan(BASE_PLAN)
    panel.set_schedule(schedule)
    text = panel.text()
    finding = schedule.findings[0]
    assert text.index("Findings") < text.index("Guidance")
    assert f"Warning · step {finding.step}: {finding.message}" in text
    assert f"Source: {finding.source}" in text


def test_every_guidance_section_and_source_is_shown(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.set_schedule(plan(BASE_PLAN))  # clonazepam: its own sections too
    text = panel.text()
    for section in drug_guidance.sections_for(("clonazepam",), "uk", "ashton"):
        assert section.title in text
        for item in section.items:
            assert item.text in text
            assert drug_guidance.citation(item) in text
    assert "{drug}" not in text and "{Drug}" not in text


def test_a_lorazepam_plan_shows_no_clonazepam_guidance(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    lorazepam = BASE_PLAN.replace(drug="lorazepam", regimen=Regimen(night_mg=2.0))
    panel.set_schedule(plan(lorazepam.replace(factors=("alcohol", "pregnancy"))))
    text = panel.text()
    assert "About lorazepam" in text and "Avoid alcohol while taking lorazepam" in text
    # The leaflet may be named as a source; no guidance sentence may be about clonazepam.
    leaflet = guidance.source_citation("source_document")
    assert "clonazepam" not in text.replace(leaflet, "").lower()


def test_patient_text_is_shown_literally(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    named = BASE_PLAN.replace(patient=Patient('<b>Ann</b> & "Bo"', None, "<i>Dr</i>"))
    panel.set_schedule(plan(named))
    assert 'Plan for <b>Ann</b> & "Bo" · Prescriber: <i>Dr</i>' in panel.text()


def test_a_finding_link_asks_for_its_step(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.set_schedule(plan(BASE_PLAN))
    with qtbot.waitSignal(panel.step_activated) as blocker:
        panel.browser.anchorClicked.emit(QUrl("step:4"))
    assert blocker.args == [4]


def test_stale_findings_say_so(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.set_schedule(plan(BASE_PLAN))
    panel.set_stale(True)
    assert "Out of date" in panel.text()
    panel.set_schedule(plan(BASE_PLAN))
    assert "Out of date" not in panel.text()


def test_cautions_for_ticked_factors_come_first(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.set_schedule(plan(BASE_PLAN.replace(factors=("alcohol", "seizure_disorder"))))
    text = panel.text()
    (caution,) = drug_guidance.cautions_for(["alcohol"], ["clonazepam"])
    assert text.index("Cautions for this patient") < text.index(caution.text)
    assert text.index(caution.text) < text.index("Findings")
    panel.set_schedule(plan(BASE_PLAN.replace(factors=("seizure_disorder", "use_over_1_year"))))
    assert "Cautions for this patient" not in panel.text()


def test_history_lists_each_check_in_with_its_date_and_note(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    checkin = CheckIn(
        dt.date(2027, 1, 20), (("tremor", 3),), action=FollowUpAction.HOLD, note="x<y"
    )
    schedule = plan(BASE_PLAN.replace(checkins=(checkin,)))
    panel.set_schedule(schedule)
    text = panel.text()
    assert "Follow-up history" in text and "20 Jan 2027" in text
    assert schedule.history[0].text in text
    assert "Note: x<y" in text


def test_a_fix_link_asks_for_its_finding(qtbot: QtBot) -> None:
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    schedule = plan(BASE_PLAN.replace(reduction_percent=40.0))  # a 33% first cut
    panel.set_schedule(schedule)
    number, finding = next((n, f) for n, f in enumerate(schedule.findings) if f.fix)
    assert "Fix: set cut per step to 10%" in panel.text()
    with qtbot.waitSignal(panel.fix_requested) as blocker:
        panel.browser.anchorClicked.emit(QUrl(f"fix:{number}"))
    assert blocker.args == [finding]


def test_severity_marks_are_drawn_not_glyphs(qtbot: QtBot) -> None:
    # ⛔ has no glyph in the default fonts: it showed as an empty box.
    from PySide6.QtGui import QColor, QImage, QTextDocument

    from planner.model import Severity
    from ui.guidance.severity_icons import icon_url

    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.set_schedule(plan(BASE_PLAN.replace(interval_days=3)))
    html = panel.browser.toHtml()
    assert not any(glyph in html for glyph in "⛔⚠ℹ")
    assert icon_url(Severity.WARNING) in html
    for severity, colour in ((Severity.ERROR, "#b00020"), (Severity.WARNING, "#a15c00")):
        image = panel.browser.loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(icon_url(severity))
        )
        assert isinstance(image, QImage) and not image.isNull()
        middle = image.pixelColor(int(image.width() * 0.3), int(image.height() * 0.85))
        assert middle.name() == QColor(colour).name()


def test_a_page_updated_in_parts_is_the_page_set_whole(qtbot: QtBot) -> None:
    # After the first, an edit replaces only what comes before the guidance: the page must
    # be exactly what setting it whole gives, through findings that come and go, a stale
    # plan, a patient's name, cautions, a history and a change of drug.
    checkin = CheckIn(dt.date(2027, 1, 20), (("tremor", 3),), action=FollowUpAction.HOLD)
    states = [
        (BASE_PLAN, False),
        (BASE_PLAN.replace(reduction_percent=40.0), False),  # findings with fixes
        (BASE_PLAN.replace(reduction_percent=40.0), True),  # out of date
        (BASE_PLAN.replace(patient=Patient(name="A. Patient <b>")), False),
        (BASE_PLAN.replace(factors=("alcohol",), checkins=(checkin,)), False),
        (BASE_PLAN.replace(drug="lorazepam", regimen=Regimen(1.0, 1.0)), False),
        (BASE_PLAN.replace(drug="lorazepam", regimen=Regimen(1.0, 2.0)), False),
        (BASE_PLAN, False),
    ]
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    for number, (taper, stale) in enumerate(states):
        schedule = plan(taper)
        panel.set_schedule(schedule)
        panel.set_stale(stale)
        whole = GuidancePanel()
        qtbot.addWidget(whole)
        whole.set_schedule(schedule)
        whole.set_stale(stale)
        whole._top_end = -1  # set the whole page again, as the first time
        whole._top = ""
        whole._render()
        assert panel.browser.toHtml() == whole.browser.toHtml(), number
        assert panel.text() == whole.text()


def test_the_page_is_laid_out_once_for_a_schedule_given_before_it_shows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.guidance import panel as panel_module

    made: list[str | None] = []
    page_of = panel_module.guidance_html

    def counted(schedule: Schedule | None = None) -> str:
        made.append(None if schedule is None else schedule.plan.drug)
        return page_of(schedule)

    monkeypatch.setattr(panel_module, "guidance_html", counted)
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    assert panel.browser.document().isEmpty() and made == []
    panel.set_schedule(plan(BASE_PLAN.replace(drug="lorazepam", regimen=Regimen(night_mg=2))))
    panel.show()
    qtbot.waitExposed(panel)
    assert made == ["lorazepam"]  # never a page for no schedule first
    assert "Lorazepam" in panel.text()


def test_a_panel_shown_or_read_without_a_schedule_has_the_general_guidance(qtbot: QtBot) -> None:
    shown, read = GuidancePanel(), GuidancePanel()
    qtbot.addWidget(shown)
    qtbot.addWidget(read)
    shown.show()
    qtbot.waitExposed(shown)
    assert not shown.browser.document().isEmpty()
    assert shown.browser.toPlainText() == read.text() != ""

"""The handout carries the patient's own cautions at the top and the follow-up history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.dosing.schedule import plan
from planner.model import CheckIn, FollowUpAction, Regimen, TaperPlan
from planner.report.tables import calendar_table
from planner.report.words import day_text
from tests.ui.printing.test_handout import needs_poppler, pdf_text
from ui.printing.handout import HandoutOptions, write_pdf


@needs_poppler
def test_cautions_lead_and_the_history_is_printed(tmp_path: Path) -> None:
    taper = TaperPlan(
        start=dt.date(2027, 1, 4),
        formulation="liquid",
        regimen=Regimen(morning_mg=0.5, night_mg=1.0),
        factors=("pregnancy", "seizure_disorder"),
        checkins=(
            CheckIn(
                dt.date(2027, 2, 10),
                (("anxiety", 2),),
                action=FollowUpAction.HOLD,
                note="Worse at night",
            ),
        ),
    )
    write_pdf(plan(taper), tmp_path / "p.pdf")
    pages = pdf_text(tmp_path / "p.pdf")
    first = " ".join(pages[0].split())
    assert "Important for you" in first
    assert first.index("Important for you") < first.index("Your dose before this plan")
    assert "fetus" in first or "pregnan" in first.lower()
    text = " ".join(" ".join(pages).split())
    assert "Changes to your plan at follow-up visits" in text
    assert "10 Feb 2027: Check-in: anxiety 2/3." in text
    assert "Note: Worse at night" in text


@needs_poppler
def test_the_calendar_names_its_product_once(tmp_path: Path) -> None:
    taper = TaperPlan(
        start=dt.date(2027, 1, 4), formulation="liquid", regimen=Regimen(night_mg=1.0)
    )
    write_pdf(plan(taper), tmp_path / "p.pdf")
    text = " ".join(" ".join(pdf_text(tmp_path / "p.pdf")).split())
    assert "Amounts are of the 0.5 mg/5 mL oral solution." in text
    assert "the the" not in text


def test_a_plan_under_way_prints_its_calendar_from_the_print_date(tmp_path: Path) -> None:
    taper = TaperPlan(start=dt.date(2027, 1, 4), regimen=Regimen(morning_mg=0.5, night_mg=1.0))
    schedule = plan(taper)
    visit = dt.date(2027, 2, 10)
    rows = [group.rows[0] for group in calendar_table(schedule, visit).groups]
    assert rows[0][0].text == day_text(visit)  # not a day of January
    assert len(rows) == (schedule.end_date - visit).days + 1  # every day to the end, and the stop
    assert rows[-1][1].text == "Stop: nothing more to take from today."
    assert len(calendar_table(schedule, dt.date(2026, 12, 1)).groups) == schedule.total_days + 1
    write_pdf(schedule, tmp_path / "p.pdf", HandoutOptions(printed_on=visit))
    text = " ".join(" ".join(pdf_text(tmp_path / "p.pdf")).split())
    assert "The plan is under way: the calendar starts on Wed 2027-02-10" in text

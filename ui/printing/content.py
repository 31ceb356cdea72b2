"""What the handout and the pharmacy summary say, section by section, placed into a Flow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from planner import __version__, drug_guidance, guidance
from planner.guidance import GROUPS
from planner.model import Schedule
from planner.report.age_note import age_note
from planner.report.options import HandoutOptions
from planner.report.pharmacy import pharmacy_summary
from planner.report.products import product_lines, supply_devices
from planner.report.summary import describe_plan, summary_line
from planner.report.tables import calendar_note, calendar_table, pharmacy_table, schedule_table
from planner.report.words import (
    day_text,
    drug_name,
    errors_summary,
    plan_sources,
    summary_paragraphs,
)
from ui.printing.bounds import bounded_calendar
from ui.printing.chart import chart_svg, draw_chart
from ui.printing.layout import BODY_PT, SMALL_PT, Flow
from ui.printing.month_page import build_month_calendar
from ui.printing.text import URGENT, URGENT_SHADE, TextBox, font

CHART_HEIGHT_MM = 62.0
# The patient's own cautions: amber, set apart from the red urgent-help box.
CAUTION = QColor("#8a5a00")
CAUTION_SHADE = QColor("#fff4e0")
# Guidance sections the handout prints (their sources are listed at the end).
PRINTED_SECTIONS = ("red_flags", "if_symptoms", "withdrawal_symptoms", "dependence", "cautions")
DISCLAIMER = (
    "This plan is a clinical aid for use under the supervision of your prescriber. It is not a "
    "substitute for review: see your prescriber as arranged, and before changing anything."
)
HOW_TO_USE = (
    "Take the amounts shown for today's date, at the times of day shown.",
    "Tick each box in the calendar when you have taken that dose.",
    "Keep taking the same amounts until the next date in the table.",
    "Do not change the plan yourself. If withdrawal symptoms appear, see "
    "“If withdrawal symptoms appear” and contact your prescriber.",
)


def boxed(flow: Flow, title: str, items: Sequence[str], color: QColor, background: QColor) -> None:
    """A shaded, framed block with a bold title and a bulleted list (kept on one page)."""
    mm = flow.mm
    pad = 3.0 * mm
    inner = flow.width - 2 * pad
    heading = TextBox(title, font(BODY_PT + 0.5, bold=True), inner, flow.device, color=color)
    lines = [TextBox(f"•  {item}", font(BODY_PT), inner, flow.device) for item in items]
    gap = 1.2 * mm
    height = 2 * pad + heading.height + sum(line.height + gap for line in lines) + gap

    def draw(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.setPen(QPen(color, 0.5 * mm))
        painter.setBrush(background)
        painter.drawRect(QRectF(x, y, flow.width, height))
        painter.restore()
        heading.draw(painter, x + pad, y + pad)
        top = y + pad + heading.height + 2 * gap
        for line in lines:
            line.draw(painter, x + pad, top)
            top += line.height + gap

    flow.place(height, draw)
    flow.space(3.0)


def _errors_box(flow: Flow, schedule: Schedule) -> None:
    """A plan printed despite its errors says so at the top of its first page."""
    errors = errors_summary(schedule, limit=3)
    if errors:
        boxed(
            flow,
            "This plan was printed with errors: check it with your prescriber before following it",
            [errors + "."],
            URGENT,
            URGENT_SHADE,
        )


def _chart(flow: Flow, schedule: Schedule) -> None:
    width_mm = flow.width / flow.mm
    svg = chart_svg(schedule, width_mm, CHART_HEIGHT_MM)
    height = CHART_HEIGHT_MM * flow.mm
    flow.place(
        height, lambda painter, x, y: draw_chart(painter, svg, QRectF(x, y, flow.width, height))
    )
    flow.space(2.0)


def _summary(flow: Flow, schedule: Schedule) -> None:
    name = drug_name(schedule.plan.drug)
    flow.paragraph(f"Your {name.lower()} reduction plan", 18.0, bold=True, after_mm=3.0)
    _errors_box(flow, schedule)
    drugs = drug_guidance.plan_drugs(schedule.plan)
    cautions = drug_guidance.cautions_for(schedule.plan.factors, drugs)
    if cautions:
        boxed(
            flow,
            "Important for you",
            [item.text for item in cautions],
            CAUTION,
            CAUTION_SHADE,
        )
    for paragraph in summary_paragraphs(schedule):
        flow.paragraph(paragraph)
    note = age_note(schedule.plan, dt.date.today())
    if note:  # whether the age caution follows the date of birth or the prescriber's choice
        flow.paragraph(note)
    medicines = product_lines(schedule)
    if medicines:
        flow.heading("Your medicines", 12.5, keep_mm=20.0)
        flow.bullets(medicines)
    _chart(flow, schedule)
    boxed(
        flow,
        "Get urgent medical help, without waiting for your next appointment, if you have:",
        [item.text for item in guidance.red_flags()],
        URGENT,
        URGENT_SHADE,
    )
    flow.heading("How to use this plan", 12.5, keep_mm=25.0)
    flow.bullets(HOW_TO_USE)


def _symptom_lines() -> list[str]:
    """Withdrawal symptoms grouped into a few lines (the severe ones are the red flags)."""
    labels = {
        "autonomic": "Body",
        "mood": "Mood",
        "gastrointestinal": "Stomach and gut",
        "neurological": "Nerves and senses",
        "sleep": "Sleep",
    }
    items = guidance.withdrawal_symptoms()
    lines = []
    for group in GROUPS:
        if group not in labels:
            continue
        names = [item.text for item in items if item.group == group and not item.red_flag]
        if names:
            lines.append(f"{labels[group]}: " + ", ".join(n[0].lower() + n[1:] for n in names))
    return lines


def _guidance(flow: Flow, schedule: Schedule) -> None:
    drugs = drug_guidance.plan_drugs(schedule.plan)
    if_symptoms = drug_guidance.section_for("if_symptoms", drugs)
    flow.heading(if_symptoms.title)
    flow.bullets([item.text for item in if_symptoms.items])
    flow.paragraph("Withdrawal symptoms can include:", bold=True, after_mm=1.0)
    flow.bullets(_symptom_lines())
    dependence = drug_guidance.section_for("dependence", drugs)
    flow.heading(dependence.title, keep_mm=20.0)
    flow.bullets([item.text for item in dependence.items])
    cautions = drug_guidance.section_for("cautions", drugs)
    flow.heading(cautions.title, keep_mm=20.0)
    flow.bullets([item.text for item in cautions.items])


def _pharmacy(flow: Flow, schedule: Schedule, options: HandoutOptions, title: str) -> None:
    summary = pharmacy_summary(schedule, options.period_days)
    flow.heading(f"{title}supplies of {options.period_days} days")
    if not summary.periods:
        flow.paragraph("This plan needs nothing dispensed.")
        return
    flow.table(pharmacy_table(summary))
    flow.space(2.0)
    for line in supply_devices(summary.total):
        flow.paragraph(line)
    flow.paragraph(
        "Numbers are whole tablets (a part tablet needs a whole one) or mL of solution. Each "
        "supply is rounded up on its own, so the supplies can add up to a little more than "
        "the whole plan needs.",
        SMALL_PT,
    )


def _calendar(flow: Flow, schedule: Schedule, printed_on: dt.date) -> None:
    flow.new_page()
    flow.heading("Tick-box calendar", keep_mm=40.0)
    flow.paragraph(
        "One row per day. Tick each box when you have taken that dose; use Notes for how you "
        "feel, and bring this to your appointments. A shaded row starts a new dose."
    )
    if schedule.start_date < printed_on < schedule.end_date:
        flow.paragraph(
            f"The plan is under way: the calendar starts on {day_text(printed_on)}, the day it "
            "was printed. The table of doses above has the earlier steps."
        )
    flow.paragraph(calendar_note(schedule), bold=True)


def _about(flow: Flow, schedule: Schedule) -> None:
    flow.heading("About this plan", keep_mm=25.0)
    flow.paragraph(DISCLAIMER, bold=True)
    flow.paragraph(f"Made with Taper Planner {__version__}. Method: {describe_plan(schedule)}.")
    flow.paragraph("The rules, numbers and guidance in this plan come from:", after_mm=1.0)
    flow.bullets(plan_sources(schedule, PRINTED_SECTIONS), SMALL_PT)


def _history(flow: Flow, schedule: Schedule) -> None:
    """The follow-up visits and what changed at each, in date order."""
    if not schedule.history:
        return
    flow.heading("Changes to your plan at follow-up visits", keep_mm=20.0)
    flow.bullets(
        [
            f"{entry.date:%d %b %Y}: {entry.text}" + (f" Note: {entry.note}" if entry.note else "")
            for entry in schedule.history
        ]
    )


def _day_calendar(flow: Flow, schedule: Schedule, options: HandoutOptions) -> None:
    printed_on = options.date()
    _calendar(flow, schedule, printed_on)
    last = None
    if options.calendar_weeks is not None:
        first = max(printed_on, schedule.start_date)
        last = first + dt.timedelta(days=7 * options.calendar_weeks - 1)
        if last < schedule.end_date:
            flow.paragraph(
                f"This calendar covers {options.calendar_weeks} weeks, to {day_text(last)}; "
                "the table of doses has every step. Ask for a new calendar at your next "
                "appointment."
            )
        else:
            last = None
    table = calendar_table(schedule, printed_on, last)
    if last is None:  # every day: still bounded, so a ten-year plan cannot print for ever
        table, cut_note = bounded_calendar(table, max(schedule.start_date, printed_on))
        if cut_note:
            flow.paragraph(cut_note, bold=True)
    flow.table(table)


def build_handout(flow: Flow, schedule: Schedule, options: HandoutOptions) -> None:
    """Place the patient handout, with the sections ``options`` asks for, into ``flow``."""
    if options.include_summary:
        _summary(flow, schedule)
    if options.include_schedule:
        flow.heading("Your doses, step by step")
        flow.table(schedule_table(schedule))
        _history(flow, schedule)
    if options.include_guidance:
        _guidance(flow, schedule)
    if options.include_pharmacy:
        _pharmacy(flow, schedule, options, "Pharmacy summary: ")
    if options.include_calendar:
        _day_calendar(flow, schedule, options)
    if options.include_month_calendar:
        build_month_calendar(flow, schedule, options.date())
        flow.new_page()
    _about(flow, schedule)


def build_pharmacy(flow: Flow, schedule: Schedule, options: HandoutOptions) -> None:
    """Place the short pharmacy summary document into ``flow``."""
    flow.paragraph("Pharmacy summary", 18.0, bold=True, after_mm=3.0)
    _errors_box(flow, schedule)
    flow.paragraph(summary_line(schedule))
    flow.paragraph(f"Method: {describe_plan(schedule)}.")
    _pharmacy(flow, schedule, options, "Quantities to dispense: ")
    flow.heading("Doses, step by step")
    flow.table(schedule_table(schedule))
    if schedule.findings:
        flow.heading("Checks on this plan", 12.5, keep_mm=20.0)
        flow.bullets(
            [
                f"{finding.severity.upper()}, "
                f"{f'step {finding.step}' if finding.step else 'whole plan'}: "
                f"{finding.message} (Source: {finding.source})"
                for finding in schedule.findings
            ],
            SMALL_PT + 0.5,
        )
    flow.space(3.0)
    flow.paragraph(DISCLAIMER, SMALL_PT)
    flow.paragraph(f"Made with Taper Planner {__version__}.", SMALL_PT)

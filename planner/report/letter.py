"""A plan in words for a letter or a record, and its step table as tab-separated text or HTML."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from planner.catalogue import get_drug
from planner.dosing.daily import doses_text, names_drug, times_in_use
from planner.errors import PlanError
from planner.model import EQUIVALENCE_TITLES, Schedule, Step, format_mg
from planner.report.pace import pace_basis, percent_of_start, percent_text
from planner.report.summary import describe_plan, step_changes, summary_line
from planner.report.words import AT_TIME, day_text, drug_name


def _change_text(change_mg: float, change_percent: float | None) -> str:
    if change_mg == 0:
        return "no change"
    text = f"{format_mg(change_mg)} mg"
    return text + (f" ({change_percent:.0f}%)" if change_percent is not None else "")


def total_text(step: Step, named: bool) -> str:
    """The day's total: '1.25 mg', or 'lorazepam 2 mg + diazepam 10 mg' naming the drugs."""
    totals = step.daily_mg
    if not totals:
        return "0 mg"
    if not names_drug(step, named):
        return f"{format_mg(sum(totals.values()))} mg"
    return " + ".join(f"{drug} {format_mg(mg)} mg" for drug, mg in totals.items())


def _dates(step: Step) -> tuple[str, str]:
    if step.days:
        return step.start.isoformat(), step.end.isoformat()
    return step.start.isoformat(), "onwards" if step.doses else ""


def table_rows(
    schedule: Schedule, rows: Sequence[int] | None = None
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The schedule's step table as plain strings, as the window shows it.

    Args:
        schedule: the plan's schedule.
        rows: which steps (0-based), in order; None for every step.

    Returns:
        The column titles and one tuple of cells per step. A cell holding two drugs
        joins them with '; ' so that every step stays one line of a spreadsheet.
    """
    times = times_in_use(schedule)
    name_drugs = schedule.names_drugs
    header = (
        "Step",
        "Kind",
        "From",
        "To",
        "Days",
        *(time.capitalize() for time in times),
        "mg/day",
        "Change",
        "% of start",
    )
    changes = step_changes(schedule)
    percents = percent_of_start(schedule)
    chosen = range(len(schedule.steps)) if rows is None else rows
    body = []
    for row in chosen:
        step = schedule.steps[row]
        start, end = _dates(step)
        body.append(
            (
                str(step.index),
                str(step.kind),
                start,
                end,
                str(step.days) if step.days else "",
                *((doses_text(step, time, name_drugs) or "—") for time in times),
                total_text(step, name_drugs),
                _change_text(*changes[row]),
                percent_text(percents[row]),
            )
        )
    return header, body


def to_tsv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated lines, a spreadsheet's paste format; tabs and breaks in cells become spaces."""

    def clean(cell: str) -> str:
        return " ".join(cell.replace("\t", " ").split())

    return "".join("\t".join(clean(cell) for cell in row) + "\n" for row in [header, *rows])


def to_html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table a word processor pastes as a table; every cell escaped."""
    head = "".join(f"<th>{escape(title)}</th>" for title in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="3">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _starting_dose(schedule: Schedule) -> str:
    plan = schedule.plan
    parts = [
        f"{format_mg(mg)} mg {AT_TIME[time]}" for time, mg in plan.regimen.by_time().items() if mg
    ]
    return f"{format_mg(plan.regimen.daily_mg)} mg a day ({', '.join(parts)})"


def _product(schedule: Schedule) -> str:
    plan = schedule.plan
    try:
        formulation = get_drug(plan.drug).formulation(plan.region, plan.formulation)
    except PlanError:
        return plan.formulation
    return f"{plan.region.upper()} {formulation.description}"


def _step_line(step: Step, change: tuple[float, float | None], percent: float, named: bool) -> str:
    if step.days:
        when = f"{day_text(step.start)} to {day_text(step.end)} ({step.days} days)"
    else:
        when = f"from {day_text(step.start)}" + (", ongoing" if step.doses else "")
    if not step.doses:
        return f"Step {step.index} (stop), {when}: nothing more to take."
    doses = "; ".join(
        f"{time} {doses_text(step, time, named)}" for time in AT_TIME if step.doses_at(time)
    )
    return (
        f"Step {step.index} ({step.kind}), {when}: {doses}. Total {total_text(step, named)} a "
        f"day, {_change_text(*change)}, {percent_text(percent)} of the starting dose."
    )


def plan_letter(schedule: Schedule) -> str:
    """The plan as a letter or a record would quote it.

    The drug and product, the starting dose, the method and pace, each step's dates
    and doses, the end date, the follow-up changes, and every finding with its
    source. Plain text, lines under 100 characters where the words allow.
    """
    plan = schedule.plan
    named = schedule.names_drugs
    lines = [
        f"{drug_name(plan.drug)} reduction plan",
        summary_line(schedule),
        "",
        f"Drug: {drug_name(plan.drug)}, {_product(schedule)}",
        f"Starting dose: {_starting_dose(schedule)}",
        f"Method and pace: {describe_plan(schedule)}",
    ]
    if named:
        lines.append(
            f"Diazepam equivalents: {EQUIVALENCE_TITLES[plan.equivalence]} equivalence table"
        )
    lines += [
        f"Starts: {day_text(schedule.start_date)}; last step from {day_text(schedule.end_date)} "
        f"({schedule.total_days} days)",
        "",
        f"Steps (percentages are {pace_basis(schedule)}):",
    ]
    changes = step_changes(schedule)
    percents = percent_of_start(schedule)
    for step, change, percent in zip(schedule.steps, changes, percents, strict=True):
        lines.append(_step_line(step, change, percent, named))
    if schedule.history:
        lines += ["", "Changes at follow-up:"]
        for entry in schedule.history:
            note = f" Note: {entry.note}" if entry.note else ""
            lines.append(f"{entry.date.isoformat()}: {entry.text}{note}")
    lines += ["", "Findings:" if schedule.findings else "Findings: none (every check passed)."]
    for finding in schedule.findings:
        where = f"step {finding.step}" if finding.step else "whole plan"
        lines.append(f"{finding.severity.capitalize()} ({where}): {finding.message}")
        lines.append(f"  Source: {finding.source}")
    return "\n".join(lines) + "\n"

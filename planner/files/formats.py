"""A schedule as text, JSON and CSV: pure functions, written to disk only by callers."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from planner import __version__
from planner.catalogue import get_drug
from planner.checks.fixes import apply_fix, fix_text
from planner.dosing.daily import (
    daily_mg_cells,
    daily_mg_columns,
    daily_total_text,
    doses_text,
    names_drug,
)
from planner.dosing.dispense import plan_quantities, quantities_text
from planner.dosing.products import chosen_formulation, options_for
from planner.files.planfile import settings_to_dict
from planner.model import (
    EQUIVALENCE_TITLES,
    TIMES_OF_DAY,
    Dose,
    Finding,
    Schedule,
    Step,
    StepKind,
    TaperPlan,
    format_mg,
)
from planner.report.summary import describe_plan, step_changes, summary_line


def step_to_dict(step: Step) -> dict[str, Any]:
    """One step in the command line's JSON contract (DESIGN.md)."""
    return {
        "index": step.index,
        "start": step.start.isoformat(),
        "days": step.days,
        "daily_mg": step.daily_mg,
        "daily_diazepam_eq_mg": step.daily_diazepam_eq_mg,
        "kind": str(step.kind),
        "doses": [dose_to_dict(dose) for dose in step.doses],
    }


def dose_to_dict(dose: Dose) -> dict[str, Any]:
    """One dose in the JSON contract, with its product and, for a liquid, mL and device."""
    entry: dict[str, Any] = {
        "time": dose.time,
        "drug": dose.drug,
        "mg": round(dose.mg, 6),
        "units": dose.units,
        "product": " + ".join(portion.product_label for portion in dose.portions),
    }
    liquids = [portion for portion in dose.portions if portion.is_liquid]
    if liquids:
        entry["ml"] = float(sum(portion.quantity for portion in liquids))
        entry["device"] = liquids[0].device or None
    return entry


def finding_to_dict(finding: Finding, plan: TaperPlan) -> dict[str, Any]:
    """One finding for JSON: the contract's fields plus ``rule`` and ``fix``.

    ``fix`` is null or ``{"label": ..., "plan": {FIELD: VALUE}}`` in the plan file's own
    field names and spellings, so a script can apply it by editing the plan file.
    """
    fix: dict[str, Any] | None = None
    if finding.fix:
        stored = settings_to_dict(apply_fix(plan, finding))
        fix = {
            "label": fix_text(finding, plan).removeprefix("Fix: "),
            "plan": {field: stored[field] for field, _ in finding.fix},
        }
    return {
        "severity": str(finding.severity),
        "step": finding.step,
        "message": finding.message,
        "source": finding.source,
        "rule": finding.rule,
        "fix": fix,
    }


def to_dict(schedule: Schedule) -> dict[str, Any]:
    """The whole schedule as the JSON contract's object, plus context fields."""
    plan = schedule.plan
    return {
        "drug": plan.drug,
        "region": plan.region,
        "formulation": plan.formulation,
        "equivalence": EQUIVALENCE_TITLES[plan.equivalence],
        "method": describe_plan(schedule),
        "steps": [step_to_dict(step) for step in schedule.steps],
        "end_date": schedule.end_date.isoformat(),
        "total_days": schedule.total_days,
        "findings": [finding_to_dict(finding, plan) for finding in schedule.findings],
        "generator": f"Taper Planner {__version__}",
        "dispense": [
            {
                "drug": quantity.drug,
                "product": quantity.product_label,
                "quantity": float(quantity.to_dispense),
                "unit": "mL" if quantity.is_liquid else "tablets",
                **({"device": quantity.device} if quantity.device else {}),
            }
            for quantity in plan_quantities(schedule.steps)
        ],
    }


def to_json(schedule: Schedule) -> str:
    """The JSON contract's text, one object."""
    return json.dumps(to_dict(schedule), indent=2, ensure_ascii=False) + "\n"


CSV_HEADER = (
    "step",
    "kind",
    "start",
    "end",
    "days",
    *(f"{time}" for time in TIMES_OF_DAY),
    "daily_mg",
    "daily_diazepam_eq_mg",
    "change_mg",
    "change_percent",
)


def csv_header(schedule: Schedule) -> tuple[str, ...]:
    """``CSV_HEADER``, with one ``daily_mg_<drug>`` column per drug in a plan of two."""
    at = CSV_HEADER.index("daily_mg")
    return (*CSV_HEADER[:at], *daily_mg_columns(schedule), *CSV_HEADER[at + 1 :])


def _units_cell(step: Step, time: str, name_drugs: bool) -> str:
    """What to take at a time of day; each drug named in a plan of two (or a step of two)."""
    named = names_drug(step, name_drugs)
    parts = [f"{d.drug} {d.units}" if named else d.units for d in step.doses_at(time)]
    return " + ".join(parts) or "—"


def to_csv(schedule: Schedule) -> str:
    """One header row, then one row per step (what to take at each time of day).

    Numbers stay numbers (days, mg/day per drug, change); the doses are words.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = daily_mg_columns(schedule)
    writer.writerow(csv_header(schedule))
    name_drugs = schedule.names_drugs
    for step, (change_mg, change_percent) in zip(
        schedule.steps, step_changes(schedule), strict=True
    ):
        writer.writerow(
            [
                step.index,
                str(step.kind),
                step.start.isoformat(),
                step.end.isoformat() if step.days else "",
                step.days,
                *(doses_text(step, time, name_drugs) for time in TIMES_OF_DAY),
                *daily_mg_cells(schedule, step, columns),
                format_mg(step.daily_diazepam_eq_mg),
                format_mg(change_mg),
                "" if change_percent is None else f"{change_percent:.1f}",
            ]
        )
    return buffer.getvalue()


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def to_text(schedule: Schedule) -> str:
    """A readable table a clinician could paste into a letter."""
    plan = schedule.plan
    drug = get_drug(plan.drug)
    formulation = chosen_formulation(
        plan.drug, plan.region, plan.formulation, options_for(plan, plan.drug)
    )
    used_times = [t for t in TIMES_OF_DAY if any(s.doses_at(t) for s in schedule.steps)]
    lines = [
        summary_line(schedule),
        "",
        f"Drug:         {drug.display_name}, {plan.region.upper()} {formulation.description}",
        f"Method:       {describe_plan(schedule)}",
        f"Equivalence:  {EQUIVALENCE_TITLES[plan.equivalence]} (diazepam equivalents)",
        f"Dates:        {schedule.start_date} to {schedule.end_date} ({schedule.total_days} days)",
        "",
    ]
    header = [
        "Step",
        "Kind",
        "From",
        "To",
        "Days",
        *(t.capitalize() for t in used_times),
        "mg/day",
        "Change",
    ]
    rows = [header]
    name_drugs = schedule.names_drugs
    for step, (change_mg, change_percent) in zip(
        schedule.steps, step_changes(schedule), strict=True
    ):
        change = f"{format_mg(change_mg)} mg"
        if change_percent is not None:
            change += f" ({change_percent:.0f}%)"
        to = step.end.isoformat() if step.days else "onwards"
        rows.append(
            [
                str(step.index),
                str(step.kind),
                step.start.isoformat(),
                to,
                str(step.days) if step.days else "",
                *(_units_cell(step, t, name_drugs) for t in used_times),
                daily_total_text(step, name_drugs) if step.kind is not StepKind.STOP else "0",
                change,
            ]
        )
    lines.extend(_table(rows))
    lines.append("")
    lines.append(
        "To dispense for the whole plan: " + quantities_text(plan_quantities(schedule.steps))
    )
    if schedule.findings:
        lines.append("")
        lines.append("Findings:")
        for finding in schedule.findings:
            where = f"step {finding.step}" if finding.step else "plan"
            lines.append(f"  [{finding.severity.upper()}] {where}: {finding.message}")
            lines.append(f"      Source: {finding.source}")
            if finding.fix:  # tried before it is offered: it removes this finding
                lines.append(f"      {fix_text(finding, schedule.plan)}")
    lines.extend(["", f"Made with Taper Planner {__version__}."])
    return "\n".join(lines) + "\n"

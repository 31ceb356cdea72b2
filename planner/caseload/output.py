"""Caseload rows as text, JSON and CSV (DESIGN.md's `caseload` contract) and as cell words."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from planner.caseload.row import CaseRow
from planner.model import format_mg

COLUMNS = (
    "file", "patient", "drugs", "today", "step", "% of start", "next change",
    "review due", "paused", "errors", "last check-in", "open by", "problem",
)


def dose_text(daily_mg: dict[str, float] | None) -> str:
    """Daily mg per drug: 'clonazepam 1.5 mg', 'clonazepam 0.5 mg + diazepam 10 mg', 'none'."""
    if daily_mg is None:
        return ""
    parts = [f"{drug} {format_mg(mg)} mg" for drug, mg in daily_mg.items() if mg > 0]
    return " + ".join(parts) if parts else "none (stopped)"


def cells(row: CaseRow) -> dict[str, str]:
    """The words of each column for one row (the view and the text/CSV output share them)."""
    if row.problem is not None:
        empty = dict.fromkeys(COLUMNS, "")
        return {**empty, "file": row.file, "open by": row.open_by, "problem": row.problem}
    change = row.next_change
    review = row.review
    percent = row.percent_of_start
    review_text = ""
    if review is not None:
        review_text = review.date.isoformat() + (" OVERDUE" if row.review_overdue else "")
    return {
        "file": row.file,
        "patient": row.patient,
        "drugs": ", ".join(row.drugs),
        "today": dose_text(row.today_mg),
        "step": row.step_text,
        "% of start": "" if percent is None else f"{percent:g}%",
        "next change": (
            f"{change[0].isoformat()}: {dose_text(change[1])}" if change is not None else ""
        ),
        "review due": review_text,
        "paused": "PAUSED (red flag)" if row.paused else "",
        "errors": str(len(row.errors)) if row.errors else "",
        "last check-in": row.last_checkin.isoformat() if row.last_checkin else "",
        "open by": row.open_by,
        "problem": "",
    }


def row_json(row: CaseRow) -> dict[str, Any]:
    """One plan as DESIGN.md's object; a file that could not be read has only its problem."""
    if row.problem is not None:
        keys = ("patient", "drugs", "today_mg", "next_change", "review_due", "paused", "errors")
        return {"file": row.file, **dict.fromkeys(keys), "problem": row.problem,
                "open_by": row.open_by or None}
    change = row.next_change
    review = row.review
    return {
        "file": row.file,
        "patient": row.patient,
        "drugs": list(row.drugs),
        "today_mg": row.today_mg,
        "next_change": change[0].isoformat() if change else None,
        "review_due": review.date.isoformat() if review else None,
        "paused": row.paused,
        "errors": [
            {"rule": e.rule, "step": e.step, "message": e.message, "source": e.source}
            for e in row.errors
        ],
        "problem": None,
        # Beyond the contract, for a script that wants the whole row:
        "next_change_mg": change[1] if change else None,
        "review_overdue": row.review_overdue,
        "review_reason": review.reason if review else None,
        "review_source": review.source if review else None,
        "step": row.step_text,
        "percent_of_start": row.percent_of_start,
        "last_checkin": row.last_checkin.isoformat() if row.last_checkin else None,
        "open_by": row.open_by or None,
    }


def to_json(rows: Sequence[CaseRow]) -> str:
    """The rows as a JSON list."""
    return json.dumps([row_json(row) for row in rows], indent=2, ensure_ascii=False) + "\n"


def to_csv(rows: Sequence[CaseRow]) -> str:
    """One header row and one row per plan file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        words = cells(row)
        writer.writerow([words[column] for column in COLUMNS])
    return buffer.getvalue()


def to_text(rows: Sequence[CaseRow], heading: str) -> str:
    """A plain table for a morning report: one block per plan, what needs doing first."""
    lines = [heading, ""]
    for row in rows:
        words = cells(row)
        if row.problem is not None:
            lines.append(f"{row.file}: CANNOT BE READ — {row.problem}")
            lines.append("")
            continue
        who = words["patient"] or "(no patient name)"
        flags = " ".join(
            flag for flag in (words["paused"], "REVIEW OVERDUE" if row.review_overdue else "")
            if flag
        )
        lines.append(f"{row.file}: {who}" + (f" — {flags}" if flags else ""))
        where = words["step"] if row.step_text in ("stopped", "not started") else (
            f"step {words['step']}"
        )
        lines.append(f"  today: {words['today']} ({where}, {words['% of start']} of start)")
        lines.append(f"  next change: {words['next change'] or 'none planned'}")
        review = row.review
        if review is not None:
            lines.append(f"  review due: {words['review due']} ({review.reason}; {review.source})")
        if words["last check-in"]:
            lines.append(f"  last check-in: {words['last check-in']}")
        if row.open_by:
            lines.append(f"  open for editing by {row.open_by}")
        for error in row.errors:
            lines.append(f"  ERROR: {error.message} [{error.source}]")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"

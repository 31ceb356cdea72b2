"""A revised plan as text, JSON and CSV: the plan's formats plus its history and taken steps."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from planner.files import formats
from planner.followup.history import is_taken, latest_revision
from planner.model import Schedule


def to_dict(schedule: Schedule) -> dict[str, Any]:
    """The `plan` JSON object, each step with ``taken``, plus ``history``.

    A step is ``taken`` when it lies wholly before the latest revision date.
    """
    data = formats.to_dict(schedule)
    for step, entry in zip(schedule.steps, data["steps"], strict=True):
        entry["taken"] = is_taken(step, schedule.plan)
    data["history"] = [
        {"date": item.date.isoformat(), "kind": item.kind, "text": item.text, "note": item.note}
        for item in schedule.history
    ]
    return data


def to_json(schedule: Schedule) -> str:
    """The JSON of ``to_dict``, one object."""
    return json.dumps(to_dict(schedule), indent=2, ensure_ascii=False) + "\n"


def to_csv(schedule: Schedule) -> str:
    """The plan's CSV with a last column ``taken`` (yes/no)."""
    rows = list(csv.reader(io.StringIO(formats.to_csv(schedule))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*rows[0], "taken"])
    for step, row in zip(schedule.steps, rows[1:], strict=True):
        writer.writerow([*row, "yes" if is_taken(step, schedule.plan) else "no"])
    return buffer.getvalue()


def to_text(schedule: Schedule) -> str:
    """The plan's text, then which steps are taken and the dated history."""
    lines = [formats.to_text(schedule).rstrip("\n"), ""]
    latest = latest_revision(schedule.plan)
    taken = [step.index for step in schedule.steps if is_taken(step, schedule.plan)]
    if latest is not None:
        span = f"Steps 1–{taken[-1]}" if len(taken) > 1 else f"Step {taken[0]}" if taken else ""
        lines.append(
            f"{span} {'are' if len(taken) > 1 else 'is'} taken: they lie before the latest "
            f"revision ({latest}) and stay as they were."
            if taken
            else f"The latest revision is on {latest}."
        )
    lines.append("History:")
    lines.append(f"  {schedule.start_date}  plan starts")
    for item in schedule.history:
        lines.append(f"  {item.date}  {item.text}")
        if item.note:
            lines.append(f"              Note: {item.note}")
    return "\n".join(lines) + "\n"

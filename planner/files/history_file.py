"""A plan file's dated history (format 2): check-ins and changes of settings from a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from planner.files.reader import Reader
from planner.followup.history import settings_after
from planner.model import CheckIn, PlanChange, TaperPlan

SettingsWriter = Callable[[TaperPlan], dict[str, Any]]
CheckInWriter = Callable[[CheckIn], dict[str, Any]]
SettingsReader = Callable[[object, str, str], TaperPlan]
CheckInReader = Callable[[object, str, str, frozenset[str]], CheckIn]


def history_to_list(
    plan: TaperPlan, write_settings: SettingsWriter, write_checkin: CheckInWriter
) -> list[dict[str, Any]]:
    """Every revision in date order (on one date a change before a check-in).

    A change stores only the settings it changed, in the plan file's field names.
    """
    events: list[tuple[dt.date, int, dict[str, Any]]] = []
    for number, change in enumerate(plan.changes):
        before = write_settings(change.previous)
        after = write_settings(settings_after(plan, number))
        changed = {key: value for key, value in after.items() if before.get(key) != value}
        events.append(
            (change.date, 0, {"date": change.date.isoformat(), "kind": "change", "plan": changed})
        )
    for checkin in plan.checkins:
        events.append((checkin.date, 1, {"kind": "checkin", **write_checkin(checkin)}))
    events.sort(key=lambda event: (event[0], event[1]))
    return [entry for _, _, entry in events]


def read_history(
    initial: TaperPlan,
    initial_data: object,
    items: Sequence[object],
    name: str,
    read_settings: SettingsReader,
    read_checkin: CheckInReader,
) -> TaperPlan:
    """The plan as it is now: the initial settings with every change applied in turn.

    Raises:
        PlanFileError: for an entry that is neither a check-in nor a change, naming it.
    """
    current, current_data = initial, dict(initial_data) if isinstance(initial_data, dict) else {}
    checkins: list[CheckIn] = []
    changes: list[PlanChange] = []
    for index, item in enumerate(items):
        where = f"history[{index}]."
        reader = Reader(item, where, name)
        kind = reader.data.get("kind")
        if kind == "checkin":
            checkins.append(read_checkin(item, where, name, frozenset({"kind"})))
        elif kind == "change":
            reader.only({"date", "kind", "plan"})
            date = reader.date("date") or dt.date.min
            changed = Reader(reader.data.get("plan"), f"{where}plan.", name).data
            merged = current_data | changed
            new = read_settings(merged, f"{where}plan.", name)
            changes.append(PlanChange(date, current))
            current, current_data = new, merged
        else:
            raise reader.fail("kind", "'checkin' or 'change'")
    return current.replace(checkins=tuple(checkins), changes=tuple(changes))

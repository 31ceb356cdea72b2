"""A schedule as iCalendar: an all-day event at each dose change, optional daily reminders."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

import icalendar

from planner import __version__
from planner.catalogue import get_drug
from planner.dosing.daily import doses_text, names_drug
from planner.model import TIMES_OF_DAY, Schedule, Step, StepKind, format_mg

PRODID = f"-//Taper Planner//taper-planner {__version__}//EN"
UID_DOMAIN = "taper-planner.invalid"
DEFAULT_REMINDER_TIMES: Mapping[str, dt.time] = {
    "morning": dt.time(8, 0),
    "midday": dt.time(13, 0),
    "evening": dt.time(18, 0),
    "night": dt.time(22, 0),
}
REMINDER_MINUTES = 15
_AT_TIME = {"morning": "in the morning", "midday": "at midday", "evening": "in the evening"}


def _display(drug: str) -> str:
    try:
        return get_drug(drug).display_name
    except ValueError:  # a drug outside the catalogue still gets a readable name
        return drug.capitalize()


def plan_key(schedule: Schedule) -> str:
    """A short stable id for a plan: the same patient, drug and start give the same key.

    UIDs built from it let a calendar app update the events of a re-exported (or
    recomputed) plan instead of adding a second copy.
    """
    plan = schedule.plan
    patient = plan.patient
    basis = "|".join(
        (
            patient.name.strip(),
            patient.date_of_birth.isoformat() if patient.date_of_birth else "",
            plan.drug,
            plan.start.isoformat(),
        )
    )
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _daily_amounts(step: Step, name_drugs: bool) -> str:
    totals = step.daily_mg
    named = names_drug(step, name_drugs)
    return " + ".join(
        f"{drug + ' ' if named else ''}{format_mg(mg)} mg/day" for drug, mg in totals.items()
    )


def stopped_drugs(schedule: Schedule, step: Step) -> str:
    """The drug(s) a stop step ends: those of the step before it ('diazepam' after a switch).

    The plan's first drug would be wrong after a switch: the patient stops diazepam,
    and an event saying "Lorazepam: stop" hides that diazepam stops too.
    """
    before = [s for s in schedule.steps if s.index < step.index and s.doses]
    drugs = list(before[-1].daily_mg) if before else [schedule.plan.drug]
    return " and ".join(drugs)


def change_summary(schedule: Schedule, step: Step, name_drugs: bool) -> str:
    """The title of a dose-change event, e.g. 'Clonazepam: new dose from today — 1.25 mg/day'.

    With ``name_drugs`` (a plan of two drugs) every amount names its drug.
    """
    if step.kind is StepKind.STOP or not step.doses:
        stopped = _display(stopped_drugs(schedule, step))
        return f"{stopped}: stop today — nothing more to take from today"
    drugs = list(step.daily_mg)
    title = " + ".join(_display(drug) if i == 0 else drug for i, drug in enumerate(drugs))
    if step.kind is StepKind.STABILISE:
        return f"{title}: plan starts today — keep taking {_daily_amounts(step, name_drugs)}"
    words = "new doses" if len(drugs) > 1 else "new dose"
    return f"{title}: {words} from today — {_daily_amounts(step, name_drugs)}"


def change_description(step: Step, name_drugs: bool) -> str:
    """What to take at each time of day from a step's first day, one line per time.

    With ``name_drugs`` (a plan of two drugs) every dose names its drug.
    """
    lines = [
        f"{time.capitalize()}: {doses_text(step, time, name_drugs)}"
        for time in TIMES_OF_DAY
        if step.doses_at(time)
    ]
    if step.days:
        lines.append(f"From {step.start} to {step.end} ({step.days} days).")
    elif step.doses:
        lines.append(f"From {step.start}, ongoing.")
    else:
        lines.append(f"From {step.start} nothing more is taken.")
    lines.append("If withdrawal symptoms appear, contact your prescriber before the next change.")
    return "\n".join(lines)


def _change_event(
    schedule: Schedule, step: Step, key: str, stamp: dt.datetime, name_drugs: bool
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{key}-step-{step.index}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", step.start)
    event.add("dtend", step.start + dt.timedelta(days=1))
    event.add("summary", change_summary(schedule, step, name_drugs))
    event.add("description", change_description(step, name_drugs))
    event.add("transp", "TRANSPARENT")  # an all-day note, not busy time
    return event


def _reminder_event(
    step: Step, time: str, at: dt.time, key: str, stamp: dt.datetime, name_drugs: bool
) -> icalendar.Event:
    event = icalendar.Event()
    text = doses_text(step, time, name_drugs)
    event.add("uid", f"{key}-step-{step.index}-{time}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    # Floating local time: "08:00 wherever I am", as a patient means it.
    start = dt.datetime.combine(step.start, at)
    event.add("dtstart", start)
    event.add("duration", dt.timedelta(minutes=REMINDER_MINUTES))
    rule: dict[str, object] = {"freq": "daily"}
    if step.days:
        rule["count"] = step.days
    event.add("rrule", rule)
    event.add("summary", f"{time.capitalize()} dose: {text}")
    event.add("description", f"Take {_AT_TIME.get(time, f'at {time}')}: {text}")
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(0))
    alarm.add("description", f"{time.capitalize()} dose: {text}")
    event.add_component(alarm)
    return event


def _reminder_times(reminder_times: Mapping[str, dt.time] | None) -> dict[str, dt.time]:
    chosen = dict(DEFAULT_REMINDER_TIMES)
    for time, at in (reminder_times or {}).items():
        if time not in TIMES_OF_DAY:
            raise ValueError(
                f"Unknown time of day '{time}' for a reminder; use {', '.join(TIMES_OF_DAY)}"
            )
        chosen[time] = at
    return chosen


def to_ics(
    schedule: Schedule,
    daily_reminders: bool = False,
    reminder_times: Mapping[str, dt.time] | None = None,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The schedule as an iCalendar file.

    Every step gives an all-day event on its first day saying what to take from
    then on. With ``daily_reminders``, each dose time of each step also gets a
    timed event repeating daily (``RRULE:FREQ=DAILY;COUNT=<step days>``) with an
    alarm: one recurring event per step and time keeps a year-long plan to a few
    dozen events instead of over a thousand, and the reminder text changes
    exactly when the dose does. Ongoing maintenance repeats without end; a stop
    has no reminders.

    Args:
        schedule: the plan's schedule.
        daily_reminders: add the daily dose reminders.
        reminder_times: clock time per time of day for reminders; times not
            given use ``DEFAULT_REMINDER_TIMES``.
        now: the creation time stamped on each event (DTSTAMP); default now (UTC).

    Returns:
        The calendar as UTF-8 bytes with CRLF line endings.

    Raises:
        ValueError: for a reminder time named for an unknown time of day.
    """
    times = _reminder_times(reminder_times)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    key = plan_key(schedule)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{_display(schedule.plan.drug)} reduction plan")
    name_drugs = schedule.names_drugs
    for step in schedule.steps:
        calendar.add_component(_change_event(schedule, step, key, stamp, name_drugs))
        if not daily_reminders:
            continue
        for time in TIMES_OF_DAY:
            if step.doses_at(time):
                calendar.add_component(
                    _reminder_event(step, time, times[time], key, stamp, name_drugs)
                )
    return bytes(calendar.to_ical())

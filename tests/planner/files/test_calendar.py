"""Tests for planner.files.calendar: iCalendar export of dose changes and reminders."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from planner.dosing.schedule import plan
from planner.files.calendar import change_summary, plan_key, to_ics
from planner.model import Schedule
from tests.planner.dosing.test_daily import switch_schedule
from tests.planner.helpers import base_plan

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


def _schedule() -> Schedule:
    return plan(base_plan(stabilise_days=14))


def _events(data: bytes) -> list[icalendar.Event]:
    found = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return [event for event in found if isinstance(event, icalendar.Event)]


def test_one_all_day_event_per_step_round_trips_the_dates() -> None:
    schedule = _schedule()
    events = _events(to_ics(schedule, now=NOW))
    assert [event.decoded("dtstart") for event in events] == [s.start for s in schedule.steps]
    for event, step in zip(events, schedule.steps, strict=True):
        assert event.decoded("dtend") == step.start + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == NOW
        for dose in step.doses:
            assert dose.units in str(event["description"])
    assert str(events[1]["summary"]) == "Clonazepam: new dose from today — 1.25 mg/day"
    assert str(events[-1]["summary"]).startswith("Clonazepam: stop today")


def test_uids_are_unique_and_stable_across_exports() -> None:
    schedule = _schedule()
    first = [str(e["uid"]) for e in _events(to_ics(schedule, daily_reminders=True))]
    again = [str(e["uid"]) for e in _events(to_ics(schedule, daily_reminders=True))]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(plan_key(schedule) in uid for uid in first)


def test_daily_reminders_repeat_for_each_step_at_the_chosen_times() -> None:
    schedule = _schedule()
    data = to_ics(schedule, daily_reminders=True, reminder_times={"night": dt.time(21, 15)})
    reminders = [e for e in _events(data) if isinstance(e.decoded("dtstart"), dt.datetime)]
    nights = [e for e in reminders if str(e["summary"]).startswith("Night dose")]
    assert [e.decoded("dtstart") for e in nights] == [
        dt.datetime.combine(s.start, dt.time(21, 15)) for s in schedule.steps if s.doses
    ]
    for event, step in zip(nights, [s for s in schedule.steps if s.doses], strict=True):
        assert event.decoded("rrule")["COUNT"] == [step.days]
        assert event.walk("VALARM")
    total = sum(step.days * len({d.time for d in step.doses}) for step in schedule.steps)
    assert sum(e.decoded("rrule")["COUNT"][0] for e in reminders) == total


def test_unknown_reminder_time_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown time of day 'noon'"):
        to_ics(_schedule(), daily_reminders=True, reminder_times={"noon": dt.time(12)})


def test_a_switch_step_names_both_drugs() -> None:
    schedule = switch_schedule()
    assert change_summary(schedule, schedule.steps[1], schedule.names_drugs) == (
        "Clonazepam + diazepam: new doses from today — clonazepam 0.25 mg/day + diazepam 5 mg/day"
    )
    events = _events(to_ics(schedule))
    assert "diazepam 5 mg: 1 × 5 mg tablet" in str(events[1]["description"])

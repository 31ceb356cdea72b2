"""The one set of limits on a plan, used where values are entered and where files are read.

Anything inside these limits the planner accepts, saves and reads back; anything outside is
refused at the place it came from (form, command line, plan file) with the same message.
"""

from __future__ import annotations

import datetime as dt

# Patient name and prescriber: a name or identifier, printed on every handout page.
MAX_TEXT_CHARS = 200
# Drug, formulation, factor, symptom and other names (echoed in messages).
MAX_NAME_CHARS = 40
# A check-in's free-text note.
MAX_NOTE_CHARS = 500
MAX_BANDS = 50
MAX_CUSTOM_STEPS = 5000
MAX_CHECKINS = 200
# Each patient factor or red flag at most once; the file reader allows this many entries.
MAX_LIST_ENTRIES = 20
# A plan file is a few kB; anything larger is not one.
MAX_FILE_BYTES = 1_000_000
# A supervised taper longer than ten years is a typing error, not a plan (the slowest
# published schedules, e.g. 5% a month from a high dose, take a few years). Counted from the
# first step to the day the last change takes effect; a maintenance dose may go on after it.
MAX_PLAN_YEARS = 10
MAX_PLAN_SPAN_DAYS = 3653
# Dates a plan, a check-in or a date of birth may have.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)
# Numbers in a plan file: every field's own range lies well inside this.
MAX_FILE_NUMBER = 1_000_000

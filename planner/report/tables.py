"""The handout's tables as plain data: steps, the tick-box calendar, the pharmacy summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from planner.dosing.daily import days, drugs_in, names_drug, times_in_use
from planner.dosing.dispense import Quantity
from planner.dosing.products import COMPOUNDED_NOUN
from planner.model import (
    Dose,
    Schedule,
    Step,
    StepKind,
    format_mg,
    format_quantity_ml,
    format_tablet_count,
)
from planner.report.pharmacy import PharmacySummary, amount_of, product_name
from planner.report.words import day_text

KIND_WORDS = {
    StepKind.STABILISE: "steady",
    StepKind.SWITCH: "switch",
    StepKind.REDUCE: "lower",
    StepKind.HOLD: "hold",
    StepKind.MAINTAIN: "keep",
    StepKind.STOP: "stop",
}
TABLE_PT = 9.5
CALENDAR_PT = 8.5
NBSP = "\u00a0"


class Shade(enum.Enum):
    """How a group of rows is shaded: the printer chooses the colours."""

    NONE = "none"
    STRIPE = "stripe"  # every other step, to follow a row across
    BAND = "band"  # a new dose, the final row, the totals


@dataclasses.dataclass(frozen=True)
class Cell:
    """One table cell: plain text, optionally bold, greyed, or with a tick box before it."""

    text: str = ""
    bold: bool = False
    box: bool = False
    muted: bool = False


@dataclasses.dataclass(frozen=True)
class Group:
    """Rows kept together on one page; ``span`` cells fill the first columns for all rows.

    A row with fewer cells than its columns lets its last cell span the rest.
    """

    rows: tuple[tuple[Cell, ...], ...]
    span: tuple[Cell, ...] = ()
    shade: Shade = Shade.NONE
    heavy_rule: bool = False


@dataclasses.dataclass(frozen=True)
class Table:
    """Column titles and relative widths, and the groups of rows below the header."""

    titles: tuple[str, ...]
    weights: tuple[float, ...]
    groups: tuple[Group, ...]
    point_size: float = TABLE_PT


def keep_units_together(text: str) -> str:
    """Let dose text wrap only between portions and after a colon.

    '0.75 mg: 1 × 0.5 mg tablet + ½ × 0.5 mg tablet' may break after 'mg:' and after
    '+', never inside '½ × 0.5 mg tablet' (unless one portion is wider than the cell).
    """
    joined = text.replace(" ", NBSP)
    # A liquid's device words may wrap too: before "(", after ":" and after ", then".
    joined = joined.replace(f"{NBSP}(", " (").replace(f",{NBSP}", ", ")
    return joined.replace(f":{NBSP}", ": ").replace(f"+{NBSP}", "+ ")


def _dose_words(dose: Dose, name_drug: bool) -> str:
    text = f"{format_mg(dose.mg)} mg: {dose.units}"
    return keep_units_together(f"{dose.drug} {text}" if name_drug else text)


def what_to_take(step: Step, time: str, name_drugs: bool) -> str:
    """A time of day's doses, one drug per line: the per-step CSV's words, wrapped kindly.

    With ``name_drugs`` (a plan of two drugs, ``Schedule.names_drugs``) each names its drug.
    """
    name_drug = names_drug(step, name_drugs)
    return " +\n".join(_dose_words(dose, name_drug) for dose in step.doses_at(time))


def per_day(step: Step, name_drugs: bool) -> str:
    """The step's daily total: '1.25 mg', or one line per drug, named, in a plan of two."""
    if not step.doses:
        return "0 mg"
    named = names_drug(step, name_drugs)
    return " +\n".join(
        f"{drug + ' ' if named else ''}{format_mg(mg)}{NBSP}mg"
        for drug, mg in step.daily_mg.items()
    )


def _dates(step: Step) -> str:
    if step.days:
        return f"{day_text(step.start)}\nto {day_text(step.end)}\n({step.days} days)"
    if step.doses:
        return f"From {day_text(step.start)}, ongoing"
    return f"From {day_text(step.start)}"


def schedule_table(schedule: Schedule) -> Table:
    """One group of rows per step: its dates and daily total, then each time of day's doses."""
    groups = []
    taper_drugs = " or ".join(drugs_in(schedule)) or schedule.plan.drug
    name_drugs = schedule.names_drugs
    times = times_in_use(schedule)  # once: it walks every step
    for number, step in enumerate(schedule.steps):
        span = (
            Cell(f"{step.index}\n{KIND_WORDS.get(step.kind, str(step.kind))}", bold=True),
            Cell(_dates(step)),
            Cell(per_day(step, name_drugs)),
        )
        rows: tuple[tuple[Cell, ...], ...]
        if step.doses:
            rows = tuple(
                (Cell(time.capitalize()), Cell(what_to_take(step, time, name_drugs)))
                for time in times
                if step.doses_at(time)
            )
        else:
            rows = ((Cell(f"Stop: take no more {taper_drugs} from this date.", bold=True),),)
        groups.append(Group(rows=rows, span=span, shade=Shade.STRIPE if number % 2 else Shade.NONE))
    return Table(
        titles=("Step", "Dates", "Per day", "Time", "What to take"),
        weights=(0.9, 1.75, 1.4, 1.0, 4.3),
        groups=tuple(groups),
    )


def _calendar_cell(step: Step, time: str, single: dict[str, str], name_drugs: bool) -> Cell:
    doses = step.doses_at(time)
    if not doses:
        return Cell("none", muted=True)
    name_drug = names_drug(step, name_drugs)
    parts = []
    for dose in doses:
        units = short_units(dose) if dose.drug in single else dose.units
        parts.append(keep_units_together(f"{dose.drug} {units}" if name_drug else units))
    return Cell(" +\n".join(parts), box=True)


def calendar_table(
    schedule: Schedule, first_date: dt.date | None = None, last_date: dt.date | None = None
) -> Table:
    """One row per day with a tick box for each time of day in use and what to take.

    Days before ``first_date`` (the day it is printed, for a plan under way) are left out:
    nobody ticks a box for last month. The plan's final row stays unless ``last_date``
    (the end of a shorter calendar) comes before it; later days are left out too.
    """
    times = times_in_use(schedule)
    single = single_products(schedule)
    name_drugs = schedule.names_drugs
    groups = []
    for day in days(schedule):
        if first_date is not None and day.date < first_date and not day.is_final:
            continue
        if last_date is not None and day.date > last_date:
            break
        date = day_text(day.date)
        if day.is_final:
            ending = (
                "Stop: nothing more to take from today."
                if not day.step.doses
                else "From today keep taking the doses of the last step."
            )
            cells: tuple[Cell, ...] = (Cell(date, bold=True), Cell(ending, bold=True))
            groups.append(Group(rows=(cells,), shade=Shade.BAND, heavy_rule=True))
            continue
        date_cell = Cell(f"{date}\nnew dose" if day.is_change else date, bold=day.is_change)
        cells = (
            date_cell,
            *(_calendar_cell(day.step, time, single, name_drugs) for time in times),
            Cell(""),
        )
        groups.append(
            Group(
                rows=(cells,),
                shade=Shade.BAND if day.is_change else Shade.NONE,
                heavy_rule=day.is_change,
            )
        )
    notes_weight = 1.4 if len(times) <= 2 else 0.9
    return Table(
        titles=("Date", *(time.capitalize() for time in times), "Notes"),
        weights=(1.9, *(2.0 for _ in times), notes_weight),
        groups=tuple(groups),
        point_size=CALENDAR_PT,
    )


def _made_up(quantities: tuple[Quantity, ...], drug: str) -> str:
    """A drug's compounded capsules, one strength a line: '14 × 0.85 mg', or '—'."""
    made_up = [
        q for q in quantities if q.drug == drug and q.product_label.endswith(COMPOUNDED_NOUN)
    ]
    made_up.sort(key=lambda q: float(q.product_label.split(" mg")[0]))  # 2 mg before 10 mg
    lines = [
        f"{int(q.to_dispense)} × {q.product_label.removesuffix(' ' + COMPOUNDED_NOUN)}"
        for q in made_up
    ]
    return "\n".join(lines) or "—"


def pharmacy_table(summary: PharmacySummary) -> Table:
    """Each dispensing period's quantity of every product, then the whole plan's.

    Compounded capsules, one strength per dose, share one column per drug that lists each
    made-up strength and its count (a column per strength would be unreadable).
    """
    made_up = list(
        dict.fromkeys(drug for drug, label in summary.products if label.endswith(COMPOUNDED_NOUN))
    )
    products = [p for p in summary.products if not p[1].endswith(COMPOUNDED_NOUN)]
    groups = []
    for number, period in enumerate(summary.periods, start=1):
        days_count = (period.end - period.start).days + 1
        cells = (
            Cell(str(number)),
            Cell(f"{day_text(period.start)} to {day_text(period.end)} ({days_count} days)"),
            *(Cell(amount_of(period.quantities, product)) for product in products),
            *(Cell(_made_up(period.quantities, drug)) for drug in made_up),
        )
        groups.append(Group(rows=(cells,), shade=Shade.STRIPE if number % 2 == 0 else Shade.NONE))
    total = (
        Cell("All", bold=True),
        Cell("Whole plan", bold=True),
        *(Cell(amount_of(summary.total, product), bold=True) for product in products),
        *(Cell(_made_up(summary.total, drug), bold=True) for drug in made_up),
    )
    groups.append(Group(rows=(total,), shade=Shade.BAND, heavy_rule=True))
    return Table(
        # Each column names its drug: a pharmacist dispenses from this table alone.
        titles=(
            "No.",
            "Dates",
            *(product_name(product, "\n") for product in products),
            *(f"{drug}\n{COMPOUNDED_NOUN}s" for drug in made_up),
        ),
        weights=(0.9, 3.0, *(2.0 for _ in products), *(2.4 for _ in made_up)),
        groups=tuple(groups),
    )


def single_products(schedule: Schedule) -> dict[str, str]:
    """Each drug's product when the schedule uses only one for it: {'clonazepam': '0.5 mg tablet'}.

    Drugs measured with two or more products are left out: their doses must name them.
    """
    labels: dict[str, set[str]] = {}
    for step in schedule.steps:
        for dose in step.doses:
            labels.setdefault(dose.drug, set()).update(p.product_label for p in dose.portions)
    return {drug: next(iter(found)) for drug, found in labels.items() if len(found) == 1}


def calendar_note(schedule: Schedule) -> str:
    """Which product the calendar's amounts count, per drug ('Amounts are of the 1 mg tablet.').

    A drug measured with one product shows bare counts ('½ tablet'), so the note names
    that product for that drug alone; a drug with several products names its product
    in every cell, and the note says so rather than implying the first drug's product.
    """
    single = single_products(schedule)
    drugs = drugs_in(schedule)
    if len(drugs) <= 1 and not schedule.names_drugs:
        if drugs and drugs[0] in single:
            return f"Amounts are of the {single[drugs[0]]}."
        return "Each amount names its product."
    parts = [
        f"{drug.capitalize()} amounts are of the {drug} {single[drug]}."
        if drug in single
        else f"{drug.capitalize()} amounts name their {drug} product."
        for drug in drugs
    ]
    return " ".join(parts)


def _noun(product_label: str, plural: bool) -> str:
    noun = product_label.split(" mg ", 1)[-1]
    return f"{noun}s" if plural else noun


def short_units(dose: Dose) -> str:
    """A dose without its product's name: '½ tablet', '1½ tablets', '3.75 mL'."""
    parts = []
    for portion in dose.portions:
        if portion.is_liquid:
            how = f" ({portion.how})" if portion.how else ""  # the device: never dropped
            parts.append(f"{format_quantity_ml(portion.quantity)} mL{how}")
        else:
            count = format_tablet_count(portion.quantity)
            parts.append(f"{count} {_noun(portion.product_label, portion.quantity > 1)}")
    return " + ".join(parts)

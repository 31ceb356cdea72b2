"""Plan files (*.taper.json): versioned, validated on load, written atomically."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
from pathlib import Path
from typing import Any

from planner.dosing.products import check_products
from planner.errors import PlanError
from planner.files.atomic import write_atomic
from planner.files.history_file import history_to_list, read_history
from planner.files.product_fields import products_from, products_to_dict
from planner.files.reader import MAX_TEXT_CHARS as MAX_TEXT_CHARS
from planner.files.reader import PlanFileError as PlanFileError
from planner.files.reader import Reader, parse_json, quote
from planner.files.safe_read import read_regular
from planner.followup.history import initial_settings
from planner.limits import MAX_BANDS, MAX_LIST_ENTRIES
from planner.limits import MAX_CHECKINS as MAX_CHECKINS
from planner.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from planner.limits import MAX_NAME_CHARS as MAX_NAME_CHARS
from planner.model import (
    TIMES_OF_DAY,
    Band,
    CheckIn,
    CustomStep,
    Equivalence,
    FollowUpAction,
    Method,
    Patient,
    Regimen,
    TaperPlan,
)
from planner.validate import MAX_CUSTOM_STEPS, validate

FORMAT_VERSION = 2  # 2: the dated history (initial plan, then check-ins and changes)
READABLE_FORMATS = (1, 2)
SUFFIX = ".taper.json"
APP_NAME = "Taper Planner"


# ---------------------------------------------------------------- writing


def plan_to_dict(plan: TaperPlan) -> dict[str, Any]:
    """A plan as the JSON-ready dictionary stored in a plan file (format 2).

    ``plan`` holds the settings the plan started with; ``history`` each revision in date
    order: a check-in, or a change of settings from a date (only the fields it changed).
    """
    return {
        "format": FORMAT_VERSION,
        "app": APP_NAME,
        "patient": {
            "name": plan.patient.name,
            "date_of_birth": (
                plan.patient.date_of_birth.isoformat() if plan.patient.date_of_birth else None
            ),
            "prescriber": plan.patient.prescriber,
        },
        "plan": settings_to_dict(initial_settings(plan)),
        "history": history_to_list(plan, settings_to_dict, checkin_to_dict),
    }


def settings_to_dict(plan: TaperPlan) -> dict[str, Any]:
    """A plan's settings as stored under a plan file's ``plan``."""
    return {
        "drug": plan.drug,
        "region": plan.region,
        "formulation": plan.formulation,
        "regimen_mg": plan.regimen.by_time(),
        "method": str(plan.method),
        "reduction_percent": plan.reduction_percent,
        "slow_below_mg": plan.slow_below_mg,
        "slow_percent": plan.slow_percent,
        "final_percent": plan.final_percent,
        "amount_mg": plan.amount_mg,
        "bands": [dataclasses.asdict(band) for band in plan.bands],
        "emax_percent": plan.emax_percent,
        "ed50_mg": plan.ed50_mg,
        "custom_steps": [dataclasses.asdict(step) for step in plan.custom_steps],
        "interval_days": plan.interval_days,
        "start": plan.start.isoformat(),
        "maintenance_mg": plan.maintenance_mg,
        "stabilise_days": plan.stabilise_days,
        "reduce_first": plan.reduce_first,
        "equivalence": str(plan.equivalence),
        "switch_to": plan.switch_to,
        "switch_step_days": plan.switch_step_days,
        "switch_order": list(plan.switch_order),
        "switch_formulation": plan.switch_formulation,
        "factors": list(plan.factors),
        "withdrawal_risk": plan.withdrawal_risk,
        **products_to_dict(plan),
    }


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    """A check-in as stored in a plan file."""
    return {
        "date": checkin.date.isoformat(),
        "symptoms": {symptom: severity for symptom, severity in checkin.symptoms},
        "red_flags": list(checkin.red_flags),
        "action": str(checkin.action),
        "hold_days": checkin.hold_days,
        "note": checkin.note,
    }


def dumps(plan: TaperPlan) -> str:
    """A plan file's text."""
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def save_plan(plan: TaperPlan, path: str | os.PathLike[str]) -> None:
    """Write a plan file atomically: a temporary file beside it, flushed, then renamed.

    A crash at any moment leaves either the old file or the complete new one.

    Raises:
        PlanFileError: if the folder cannot be written.
    """
    if not os.fspath(path).strip():  # Path("") would be the current folder
        raise PlanFileError("Cannot save the plan: the file name is empty", field="file")
    target = Path(path)
    try:
        content = dumps(plan).encode("utf-8")
    except UnicodeEncodeError as error:
        raise PlanFileError(
            f"Cannot save to {target}: a name or note holds a character that cannot be saved",
            field="file",
        ) from error
    try:
        write_atomic(target, content)
    except OSError as error:
        raise PlanFileError(
            f"Cannot save to {quote(str(target), 80)}: {error.strerror or error}", field="file"
        ) from error


# ---------------------------------------------------------------- reading


def load_plan(path: str | os.PathLike[str]) -> TaperPlan:
    """Read and fully validate a plan file.

    Raises:
        PlanFileError: the file is missing, too large, damaged, from a newer
            version, or holds a plan the planner would refuse.
    """
    if not os.fspath(path).strip():  # Path("") would be the current folder
        raise PlanFileError("Cannot open the plan: the file name is empty", field="file")
    source = Path(path)
    shown = quote(source.name or str(source), 60)
    try:
        # Regular files only, the size checked first: a FIFO or device would never end.
        raw = read_regular(source, MAX_FILE_BYTES)
    except OSError as error:
        if error.errno == errno.EFBIG:
            raise PlanFileError(
                f"{shown} is larger than {MAX_FILE_BYTES // 1000} kB; it is not a plan file",
                field="file",
            ) from error
        raise PlanFileError(
            f"Cannot open {shown}: {error.strerror or error}", field="file"
        ) from error
    return loads(raw, name=shown)


def loads(raw: bytes | str, name: str = "The plan file") -> TaperPlan:
    """Parse a plan file's content; see load_plan for the errors."""
    data = parse_json(raw, name)
    try:
        return _from_dict(data, name)
    except PlanFileError:
        raise
    except PlanError as error:
        raise PlanFileError(
            f"{name} holds a plan that cannot be used: {error}", field=error.field
        ) from error


def _from_dict(data: object, name: str) -> TaperPlan:
    top = Reader(data, "", name)
    version = top.data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        shown = version if version < 1_000_000 else "unknown"  # 10**400 is valid JSON
        raise PlanFileError(
            f"{name} was saved by a newer version of Taper Planner (file format {shown}; "
            f"this version reads formats 1 to {FORMAT_VERSION}). Update Taper Planner to open it.",
            field="file",
        )
    if version not in READABLE_FORMATS or isinstance(version, bool):
        raise PlanFileError(
            f"{name} is not a Taper Planner plan file (no 'format': {FORMAT_VERSION})",
            field="file",
        )
    listed = "checkins" if version == 1 else "history"
    top.only({"format", "app", "patient", "plan", listed})
    patient = _patient(Reader(top.data.get("patient", {}), "patient.", name))
    body = top.data.get("plan")
    initial = _settings(body, "plan.", name)
    if version == 1:
        checkins = tuple(
            _checkin(item, f"checkins[{index}].", name)
            for index, item in enumerate(top.items("checkins", MAX_CHECKINS))
        )
        plan = initial.replace(patient=patient, checkins=checkins)
    else:
        items = top.items("history", 2 * MAX_CHECKINS)
        plan = read_history(initial, body, items, name, _settings, _checkin)
        plan = plan.replace(patient=patient)
    validate(plan)
    check_products(plan)
    return plan


def _settings(data: object, where: str, name: str) -> TaperPlan:
    """A plan's settings from a file's ``plan`` object (or one merged with a change)."""
    body = Reader(data, where, name)
    body.only(_PLAN_KEYS)
    regimen_reader = Reader(body.data.get("regimen_mg"), f"{where}regimen_mg.", name)
    regimen_reader.only(set(TIMES_OF_DAY))
    regimen = Regimen.from_times(
        {time: regimen_reader.number(time) or 0.0 for time in regimen_reader.data}
    )
    return TaperPlan(
        drug=body.text("drug", limit=MAX_NAME_CHARS) or "",
        region=body.text("region", limit=MAX_NAME_CHARS) or "",
        formulation=body.text("formulation", limit=MAX_NAME_CHARS) or "",
        regimen=regimen,
        method=_enum(Method, body, "method"),
        reduction_percent=body.number("reduction_percent") or 0.0,
        slow_below_mg=body.number("slow_below_mg", optional=True),
        slow_percent=body.number("slow_percent", optional=True),
        final_percent=body.number("final_percent", optional=True),
        amount_mg=body.number("amount_mg", optional=True),
        bands=tuple(
            _band(item, index, name) for index, item in enumerate(body.items("bands", MAX_BANDS))
        ),
        emax_percent=body.number("emax_percent") or 0.0,
        ed50_mg=body.number("ed50_mg", optional=True),
        custom_steps=tuple(
            _custom_step(item, index, name)
            for index, item in enumerate(body.items("custom_steps", MAX_CUSTOM_STEPS))
        ),
        interval_days=body.integer("interval_days") or 0,
        start=body.date("start") or dt.date.min,
        maintenance_mg=body.number("maintenance_mg") or 0.0,
        stabilise_days=body.integer("stabilise_days") or 0,
        reduce_first=body.text("reduce_first", optional=True, limit=MAX_NAME_CHARS),
        equivalence=_enum(Equivalence, body, "equivalence"),
        switch_to=body.text("switch_to", optional=True, limit=MAX_NAME_CHARS),
        switch_step_days=body.integer("switch_step_days") or 0,
        switch_order=tuple(_text_list(body, "switch_order")),
        switch_formulation=body.text("switch_formulation", limit=MAX_NAME_CHARS) or "",
        factors=tuple(_strings(body, "factors", MAX_LIST_ENTRIES)),
        withdrawal_risk=body.text("withdrawal_risk", optional=True, limit=MAX_NAME_CHARS),
    ).replace(**products_from(body))


_PLAN_KEYS = {field.name for field in dataclasses.fields(TaperPlan)} - {
    "regimen",
    "patient",
    "checkins",
    "changes",
} | {"regimen_mg"}


def _enum(
    kind: type[Method] | type[Equivalence] | type[FollowUpAction], reader: Reader, key: str
) -> Any:
    value = reader.text(key) or ""
    try:
        return kind(value)
    except ValueError as error:
        allowed = ", ".join(member.value for member in kind)
        raise reader.fail(key, f"one of {allowed}") from error


def _text_list(reader: Reader, key: str) -> list[str]:
    values = reader.items(key, len(TIMES_OF_DAY))
    if not all(isinstance(value, str) and value in TIMES_OF_DAY for value in values):
        raise reader.fail(key, f"a list of times of day ({', '.join(TIMES_OF_DAY)})")
    return values


def _strings(reader: Reader, key: str, limit: int) -> list[str]:
    values = reader.items(key, limit)
    if not all(isinstance(value, str) and len(value) <= MAX_NAME_CHARS for value in values):
        raise reader.fail(key, "a list of names")
    return values


def _checkin(item: object, where: str, name: str, extra: frozenset[str] = frozenset()) -> CheckIn:
    reader = Reader(item, where, name)
    reader.only({"date", "symptoms", "red_flags", "action", "hold_days", "note"} | extra)
    symptoms = Reader(reader.data.get("symptoms", {}), f"{where}symptoms.", name)
    if len(symptoms.data) > 100 or any(len(key) > MAX_NAME_CHARS for key in symptoms.data):
        raise reader.fail("symptoms", f"at most 100 symptoms named in {MAX_NAME_CHARS} characters")
    return CheckIn(
        date=reader.date("date") or dt.date.min,
        symptoms=tuple((key, symptoms.integer(key) or 0) for key in symptoms.data),
        red_flags=tuple(_strings(reader, "red_flags", MAX_LIST_ENTRIES)),
        action=_enum(FollowUpAction, reader, "action"),
        hold_days=reader.integer("hold_days") or 0,
        note=reader.long_text("note") or "",
    )


def _patient(reader: Reader) -> Patient:
    reader.only({"name", "date_of_birth", "prescriber"})
    return Patient(
        name=reader.text("name", optional=True) or "",
        date_of_birth=reader.date("date_of_birth", optional=True),
        prescriber=reader.text("prescriber", optional=True) or "",
    )


def _band(item: object, index: int, name: str) -> Band:
    reader = Reader(item, f"plan.bands[{index}].", name)
    reader.only({"above_mg", "cut_mg", "interval_days"})
    return Band(
        above_mg=reader.number("above_mg") or 0.0,
        cut_mg=reader.number("cut_mg") or 0.0,
        interval_days=reader.integer("interval_days", optional=True),
    )


def _custom_step(item: object, index: int, name: str) -> CustomStep:
    reader = Reader(item, f"plan.custom_steps[{index}].", name)
    reader.only({"daily_mg", "days"})
    return CustomStep(
        daily_mg=reader.number("daily_mg") or 0.0,
        days=reader.integer("days", optional=True),
    )

"""Reading a plan file's JSON: strict parsing, and typed fields with messages that name them."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from planner.errors import PlanError
from planner.limits import MAX_FILE_NUMBER, MAX_NOTE_CHARS
from planner.limits import MAX_TEXT_CHARS as MAX_TEXT_CHARS

# No number in a plan needs more digits than this; longer ones are refused unread.
MAX_NUMBER_CHARS = 30
_BOM = "\ufeff"


class PlanFileError(PlanError):
    """A plan file that cannot be read; the message says why in a clinician's words."""


def parse_json(raw: bytes | str, name: str) -> object:
    """The JSON value of a plan file's content: UTF-8, no NaN or Infinity, no broken characters.

    Raises:
        PlanFileError: for anything that is not such a JSON text, saying why.
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PlanFileError(f"{name} is not a text file (not UTF-8)", field="file") from error
    else:
        text = raw
    # Some Windows editors start a UTF-8 file with a byte-order mark; it is not content.
    text = text.removeprefix(_BOM)
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError as error:
        raise PlanFileError(
            f"{name} is nested too deeply to be a plan file", field="file"
        ) from error
    except _Refused as error:
        raise PlanFileError(
            f"{name} is damaged or not a plan file: {error}", field="file"
        ) from error
    except (json.JSONDecodeError, ValueError) as error:
        raise PlanFileError(
            f"{name} is damaged or not a plan file ({_short(error)})", field="file"
        ) from error
    # Text decoded from UTF-8 holds no surrogate: in it one can only come from a \uXXXX
    # escape, so a file without "\u" is not walked (a second per thousand files).
    escaped = not isinstance(raw, bytes) or "\\u" in text
    if escaped and _has_lone_surrogate(data):
        raise PlanFileError(
            f"{name} is damaged: it holds a broken character (an unpaired surrogate)",
            field="file",
        )
    return data


def _has_lone_surrogate(data: object) -> bool:
    # Legal JSON ("\\ud800") but not text: it cannot be saved, shown or logged as UTF-8.
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    """A JSON text that is well formed but not what a plan file can hold (message for people)."""


def _refuse_constant(constant: str) -> float:
    raise _Refused(f"{constant} is not a number")


def _parse_int(text: str) -> int:
    # Python refuses to read ints over 4300 digits with a message about its internals.
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"it holds a number {len(text)} digits long")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"it holds a number {len(text)} characters long")
    return float(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # The last of two "morning" doses would win silently: refuse rather than guess.
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(f"the field '{quote(key)}' appears twice in one object")
        data[key] = value
    return data


def quote(text: str, limit: int = 40) -> str:
    """``text`` shortened for a message: at most ``limit`` characters, then an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(error: Exception) -> str:
    text = str(error)
    return text if len(text) <= 120 else text[:117] + "…"


class Reader:
    """Typed access to one JSON object, with messages that name the field."""

    def __init__(self, data: object, where: str, name: str) -> None:
        if not isinstance(data, dict):
            raise PlanFileError(f"{name}: '{where}' must be an object", field="file")
        self.data: dict[str, Any] = data
        self.where = where
        self.name = name

    def fail(self, key: str, expected: str) -> PlanFileError:
        value = self.data.get(key)
        shown = repr(value)
        if len(shown) > 40:
            shown = shown[:37] + "…"
        return PlanFileError(
            f"{self.name}: '{self.where}{key}' must be {expected}; found {shown}", field="file"
        )

    def only(self, keys: set[str]) -> None:
        unknown = sorted(set(self.data) - keys)
        if unknown:
            raise PlanFileError(
                f"{self.name}: unknown field '{self.where}{quote(unknown[0])}'", field="file"
            )

    def number(self, key: str, optional: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, "a number")
        # float() of a whole number beyond 1e308 (10**400 is valid JSON) raises OverflowError.
        if isinstance(value, int) and abs(value) > MAX_FILE_NUMBER:
            raise self.fail(key, "a finite number below a million")
        number = float(value)
        if not math.isfinite(number) or abs(number) > MAX_FILE_NUMBER:
            raise self.fail(key, "a finite number below a million")
        return number

    def integer(self, key: str, optional: bool = False) -> int | None:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_FILE_NUMBER:
            raise self.fail(key, "a whole number")
        return value

    def text(self, key: str, optional: bool = False, limit: int = MAX_TEXT_CHARS) -> str | None:
        value = self.data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or len(value) > limit:
            raise self.fail(key, f"text of at most {limit} characters")
        return value

    def long_text(self, key: str, limit: int = MAX_NOTE_CHARS) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or len(value) > limit:
            raise self.fail(key, f"text of at most {limit} characters")
        return value

    def date(self, key: str, optional: bool = False) -> dt.date | None:
        value = self.text(key, optional)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise self.fail(key, "a date like 2027-01-04") from error

    def items(self, key: str, limit: int) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or len(value) > limit:
            raise self.fail(key, f"a list of at most {limit} entries")
        return value

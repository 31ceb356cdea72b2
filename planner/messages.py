"""Messages for people: quoted input shortened, huge numbers described, one line."""

from __future__ import annotations

import re

QUOTE_CHARS = 40
# A number with more digits than this is described ("a 309-digit number"), not printed.
MAX_DIGITS_SHOWN = 12

# A quotation opens after a space or bracket and closes before one (an apostrophe as in
# "the plan's target" neither opens nor closes one).
_QUOTED = re.compile(rf"(?:^|(?<=[\s(\[=:]))'([^'\n]{{{QUOTE_CHARS + 1},}}?)'(?=$|[\s;:,.)\]!?…])")
_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS_SHOWN + 1},}}(?:\.\d+)?")


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` cut to ``limit`` characters, the last an ellipsis when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_number(match: re.Match[str]) -> str:
    digits = len(match.group(0).partition(".")[0])
    return f"a {digits}-digit number"


def for_people(message: str) -> str:
    """``message`` made fit to show: one line, quotes shortened, huge numbers described."""
    line = " ".join(message.split())
    line = _LONG_NUMBER.sub(_describe_number, line)
    return _QUOTED.sub(lambda match: f"'{shorten(match.group(1))}'", line)

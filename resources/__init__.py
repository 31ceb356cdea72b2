"""Data files shipped with Taper Planner, read through one cached helper."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def load_json(name: str) -> Any:
    """Return the parsed content of a JSON data file in this package.

    Args:
        name: file name inside ``resources/``, e.g. ``"catalogue.json"``.

    Returns:
        The decoded JSON value; cached, so callers must not mutate it.
    """
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def read_text(name: str) -> str:
    """Return a text file shipped in this package (e.g. the source document)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    """Return a binary file shipped in this package (e.g. the app icon)."""
    return resources.files(__name__).joinpath(name).read_bytes()

"""Makes errors that Qt and matplotlib would only print into test failures.

An exception raised inside a Qt slot, timer or virtual method reaches ``sys.excepthook``; one
raised while matplotlib draws on an idle timer, or inside a canvas callback, is printed by
matplotlib with ``traceback.print_exc``; one raised in a ``__del__`` reaches
``sys.unraisablehook``. All of them would leave the test green. The guard records each of
them during a test and fails the test at its end, with the traceback.
"""

from __future__ import annotations

import sys
import traceback
import types
from collections.abc import Iterator
from typing import Any

import pytest

# matplotlib modules that catch exceptions and print them with traceback.print_exc().
_PRINTING_MODULES = ("matplotlib.cbook", "matplotlib.backends.backend_qt")


class HiddenErrors:
    """The exceptions caught outside the test's own code while it ran."""

    def __init__(self) -> None:
        self.caught: list[str] = []

    def record(self, kind: type[BaseException] | None, value: object, tb: object) -> None:
        """Keep one exception's formatted traceback."""
        if kind is None:
            return
        lines = traceback.format_exception(kind, value, tb)  # type: ignore[arg-type]
        self.caught.append("".join(lines))

    def take(self) -> list[str]:
        """The errors caught so far, forgotten (for tests that provoke one on purpose)."""
        caught, self.caught = self.caught, []
        return caught


class _PrintExcRecorder(types.ModuleType):
    """Stands in for ``traceback`` in matplotlib: print_exc records instead of printing."""

    def __init__(self, errors: HiddenErrors) -> None:
        super().__init__("traceback")
        self._errors = errors

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)

    def print_exc(self, *_args: object, **_kwargs: object) -> None:
        self._errors.record(*sys.exc_info())


@pytest.fixture(autouse=True)
def hidden_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[HiddenErrors]:
    """Fail the test if Qt or matplotlib swallowed (printed) an exception while it ran."""
    errors = HiddenErrors()
    monkeypatch.setattr(sys, "excepthook", errors.record)
    monkeypatch.setattr(
        sys, "unraisablehook", lambda u: errors.record(u.exc_type, u.exc_value, u.exc_traceback)
    )
    recorder = _PrintExcRecorder(errors)
    for name in _PRINTING_MODULES:
        module = sys.modules.get(name)
        if module is not None:
            monkeypatch.setattr(module, "traceback", recorder)
    yield errors
    if errors.caught:
        pytest.fail(
            "an exception was raised and only printed (a Qt slot, timer or matplotlib "
            "callback):\n" + "\n".join(errors.caught),
            pytrace=False,
        )

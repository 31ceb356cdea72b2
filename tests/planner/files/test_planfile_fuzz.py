"""Hostile plan files: whatever the bytes, loading gives a usable plan or a clear PlanFileError.

Larger run (FUZZ_EXAMPLES is the number of examples per property)::

    FUZZ_EXAMPLES=200000 /work/.venv-dev/bin/python -m pytest tests/planner/test_planfile_fuzz.py

``HYPOTHESIS_PROFILE=thorough`` raises every property to the profile's example count too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import tempfile
import tracemalloc
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, event, given, settings

from planner.dosing.schedule import plan
from planner.errors import PlanError
from planner.files.planfile import PlanFileError, dumps, load_plan, loads, save_plan
from planner.model import Patient, Schedule, TaperPlan
from tests.planner.files.planfile_strategies import (
    HostileInput,
    mutated_plan_files,
    raw_plan_bytes,
    valid_plans,
    valid_texts,
)

MAX_MESSAGE_CHARS = 300
# Only a true hang trips this; speed is never asserted (shared CI machines are noisy).
HANG_SECONDS = 10
# Inputs are at most ~2 MB; parsing them needs a few times that, never hundreds of MB.
MAX_PEAK_BYTES = 64 * 1024 * 1024

# Bugs this file found and not yet fixed, as patterns of the problem text: each lets the fuzz
# run on past a failure already reported. Empty: the four it found are fixed and pinned below.
KNOWN_BUGS: dict[str, str] = {}


def _examples(default: int) -> int:
    """Examples per property: FUZZ_EXAMPLES, else the larger of ``default`` and the profile's."""
    override = os.environ.get("FUZZ_EXAMPLES")
    if override:
        return int(override)
    return max(default, settings().max_examples)


def _fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=_examples(default),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class _Hang(BaseException):
    """Raised by SIGALRM inside a load that has run for HANG_SECONDS."""


@contextlib.contextmanager
def _hang_guard() -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm, no guard
        yield
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _peak_memory() -> Iterator[list[int]]:
    """Yield a list that receives the peak traced allocation (bytes) of the block."""
    peak: list[int] = []
    already = tracemalloc.is_tracing()
    if not already:
        tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        if not already:
            tracemalloc.stop()


class _Problem(Exception):
    """What is wrong with how one input was handled."""


def _message_problem(error: PlanError) -> str | None:
    message = str(error)
    if not message.strip() or len(message) > MAX_MESSAGE_CHARS:
        return f"unreadable message ({len(message)} characters): {message[:400]!r}"
    try:
        message.encode("utf-8")
    except UnicodeEncodeError:
        return f"message holds a broken character (lone surrogate): {message[:400]!r}"
    return None


def _check_message(error: PlanError) -> None:
    problem = _message_problem(error)
    if problem:
        raise _Problem(problem)


def _check_plan(loaded: object) -> str:
    if not isinstance(loaded, TaperPlan):
        raise _Problem(f"loads returned {type(loaded).__name__}, not a TaperPlan")
    try:
        schedule = plan(loaded)
    except PlanError as error:
        _check_message(error)
        outcome = "loaded, planner refused"
    else:
        if not isinstance(schedule, Schedule) or not schedule.steps:
            raise _Problem(f"plan() returned {schedule!r:.200}")
        outcome = "loaded and planned"
    # Nothing lost: a plan that opened must save (as UTF-8) and open again unchanged.
    again = loads(dumps(loaded).encode("utf-8"))
    if again != loaded:
        raise _Problem(f"saving and reopening changed the plan:\n{loaded}\n{again}")
    return outcome


def problem_with(case: HostileInput) -> tuple[str, str | None]:
    """Load one hostile input and say what happened and what, if anything, went wrong.

    Returns:
        The outcome (for Hypothesis's statistics) and the problem, or None when the
        input gave a usable plan or a clear PlanFileError.
    """
    try:
        with _hang_guard(), _peak_memory() as peak:
            try:
                loaded = loads(case.data)
            except PlanFileError as error:
                _check_message(error)
                outcome = "refused"
            else:
                outcome = _check_plan(loaded)
    except _Problem as problem:
        return "problem", str(problem)
    except _Hang:
        return "hang", f"no answer after {HANG_SECONDS} s: a hang"
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # anything else escaping is the bug being looked for
        return "crash", f"{type(error).__name__} escaped: {error!s:.300}"
    if peak and peak[0] > MAX_PEAK_BYTES:
        return "memory", f"peak allocation {peak[0] / 1e6:.0f} MB"
    return outcome, None


def _known_bug(problem: str) -> str | None:
    return next((bug for bug, pattern in KNOWN_BUGS.items() if re.search(pattern, problem)), None)


def _report(case: HostileInput, problem: str) -> str:
    """The problem and the input; the whole input is kept in a file to replay."""
    data = case.data if isinstance(case.data, bytes) else case.data.encode("utf-8", "surrogatepass")
    kept = Path(tempfile.gettempdir()) / f"planfile-fuzz-{hashlib.sha256(data).hexdigest()[:12]}"
    kept.write_bytes(data)
    return (
        f"{problem}\ninput: {case!r}\nfirst 300 bytes: {data[:300]!r}\n"
        f"whole input ({type(case.data).__name__}; bytes in this file): {kept}"
    )


def check_loads(case: HostileInput) -> str:
    """Fail unless the input gives a usable plan or a clear PlanFileError (or a known bug).

    Returns:
        What happened, for Hypothesis's statistics.
    """
    outcome, problem = problem_with(case)
    if problem is None:
        return outcome
    bug = _known_bug(problem)
    if bug is None:
        pytest.fail(_report(case, problem), pytrace=False)
    return f"known bug: {bug}"


# ---------------------------------------------------------------- properties


@_fuzz_settings(default=3000)
@given(mutated_plan_files())
def test_mutated_plan_files_load_or_are_refused(case: HostileInput) -> None:
    event(check_loads(case))


@_fuzz_settings(default=2000)
@given(raw_plan_bytes())
def test_raw_bytes_load_or_are_refused(case: HostileInput) -> None:
    event(check_loads(case))


# ---------------------------------------------------------------- exhaustive and classic cases


def _check_all(cases: Iterable[HostileInput]) -> None:
    """Check every case and fail once with all the unknown problems found."""
    problems = []
    for case in cases:
        _, problem = problem_with(case)
        if problem is not None and _known_bug(problem) is None:
            problems.append(_report(case, problem))
    assert not problems, f"{len(problems)} problems:\n\n" + "\n\n".join(problems[:10])


def test_the_valid_plans_round_trip_and_plan() -> None:
    for text, original in zip(valid_texts(), valid_plans(), strict=True):
        assert loads(text.encode("utf-8")) == original
        assert plan(original).steps


@pytest.mark.parametrize("which", range(len(valid_plans())))
def test_a_file_cut_short_at_any_byte_is_refused(which: int) -> None:
    data = valid_texts()[which].encode("utf-8")
    for length in range(len(data) - 1):  # the last byte is the closing newline
        with pytest.raises(PlanFileError) as refused:
            loads(data[:length])
        assert refused.value.field == "file"
        assert _message_problem(refused.value) is None, f"cut at {length}"
    assert loads(data[:-1]) == valid_plans()[which]


NUMBER_LITERALS = (
    "1e308",
    "-1e308",
    "1" + "0" * 400,  # 10**400
    "-1" + "0" * 400,
    "1e400",
    "NaN",
    "Infinity",
    "-Infinity",
    "-1",
    "-0.0",
    "0",
    "1000001",
    '"14"',
    "true",
    "null",
    "[]",
    "{}",
    '"' + "x" * 200 + '"',
    '"\\ud800"',
)
BIG_LITERALS = {
    "10000 open brackets": "[" * 10_000,
    "10000 nested lists": "[" * 10_000 + "]" * 10_000,
    "10000 nested objects": '{"a": ' * 10_000 + "1" + "}" * 10_000,
    "1 MB string": '"' + "x" * 1_000_000 + '"',
    "1 MB of escapes": '"' + "\\u00e9" * 170_000 + '"',
}
_PLANTED = "\x00planted\x00"


def _planted(which: int, path: tuple[str | int, ...], literal: str) -> HostileInput:
    data = json.loads(valid_texts()[which])
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = _PLANTED
    text = json.dumps(data, indent=2).replace(json.dumps(_PLANTED), literal)
    return HostileInput(text, f"plan #{which} {'.'.join(map(str, path))} = {literal[:30]!r}")


def _leaf_paths(node: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The path to every value that is not an object, and to every list's first item."""
    if isinstance(node, dict):
        for key, item in node.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(node, list) and node:
        yield path
        yield from _leaf_paths(node[0], (*path, 0))
    else:
        yield path


def test_every_field_of_every_plan_survives_extreme_values() -> None:
    _check_all(
        _planted(which, path, literal)
        for which, text in enumerate(valid_texts())
        for path in _leaf_paths(json.loads(text))
        for literal in NUMBER_LITERALS
    )


@pytest.mark.parametrize("literal", BIG_LITERALS.values(), ids=BIG_LITERALS.keys())
def test_huge_and_deep_values_are_refused(literal: str) -> None:
    _check_all(
        _planted(0, path, literal)
        for path in [("format",), ("patient", "name"), ("plan", "drug"), ("plan", "bands")]
    )
    _check_all([HostileInput(literal, "the whole file"), HostileInput(literal[:-1], "cut")])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": 3}', "newer version"),
        ('{"format": 999999999, "plan": {}}', "Update Taper Planner"),
        ('{"format": 1, "format": 3}', "'format' appears twice"),  # never the last one silently
        ('{"format": 1, "app": "x", "plan": {}, "extra": 1}', "unknown field 'extra'"),
        ('{"format": 1, "plan": {"drug": "diazepam"}, "plan": 1}', "'plan' appears twice"),
        ('{"plan": {"regimen_mg": {"morning": 0.5, "morning": 2}}}', "'morning' appears twice"),
    ],
)
def test_newer_duplicate_and_extra_keys_are_refused(text: str, message: str) -> None:
    with pytest.raises(PlanFileError, match=message):
        loads(text)
    check_loads(HostileInput(text, "literal"))


# ---------------------------------------------------------------- bugs this fuzz found, fixed


def test_fixed_a_whole_number_too_large_for_a_float_is_refused() -> None:
    with pytest.raises(PlanFileError, match="a number 401 digits long"):
        loads(_planted(0, ("plan", "reduction_percent"), "1" + "0" * 400).data)


def test_fixed_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(PlanFileError):
        loads(_planted(0, ("patient", "name"), '"\\ud800"').data)


def test_fixed_a_plan_that_cannot_be_encoded_fails_to_save_cleanly(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError):
        save_plan(TaperPlan(patient=Patient(name="\ud800")), tmp_path / "p.taper.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "path", [("format",), ("plan", "drug"), ("plan", "formulation"), ("plan", "withdrawal_risk")]
)
def test_fixed_messages_stay_short(path: tuple[str, ...]) -> None:
    literal = "1" + "0" * 400 if path == ("format",) else json.dumps("x" * 200)
    with pytest.raises(PlanFileError) as refused:
        loads(_planted(0, path, literal).data)
    assert _message_problem(refused.value) is None


# ---------------------------------------------------------------- the file system as hostile input


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.taper.json"
    os.mkfifo(path)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "folder.taper.json"
    path.mkdir()
    return path


def _dangling_symlink(folder: Path) -> Path:
    path = folder / "dangling.taper.json"
    path.symlink_to(folder / "nowhere.taper.json")
    return path


def _symlink_to_fifo(folder: Path) -> Path:
    path = folder / "to-fifo.taper.json"
    path.symlink_to(_fifo(folder))
    return path


def _device(_folder: Path) -> Path:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    return Path("/dev/zero")  # endless: reading it would never finish


def _unreadable(folder: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("root reads any file: an unreadable file cannot be made here")
    path = folder / "locked.taper.json"
    path.write_text(valid_texts()[0], encoding="utf-8")
    path.chmod(0)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_fifo, r"pipe \(FIFO\), not a file"),
        (_symlink_to_fifo, r"pipe \(FIFO\), not a file"),
        (_directory, "a folder, not a file"),
        (_dangling_symlink, "No such file"),
        (_device, "a device, not a file"),
        (_unreadable, "Permission denied"),
    ],
    ids=["fifo", "symlink-to-fifo", "directory", "dangling-symlink", "device", "unreadable"],
)
def test_special_files_are_refused_at_once(make, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with _hang_guard(), pytest.raises(PlanFileError, match=message) as error:
        load_plan(path)
    _check_message(error.value)


def test_a_symlink_to_a_plan_loads_like_the_plan(tmp_path: Path) -> None:
    real = tmp_path / "real.taper.json"
    real.write_text(valid_texts()[0], encoding="utf-8")
    link = tmp_path / "link.taper.json"
    link.symlink_to(real)
    assert load_plan(link) == load_plan(real)


def _below(target: tuple[str | int, ...], step: str | int) -> tuple[str | int, ...]:
    # The rest of the path inside ``step``, or a path that matches nothing there.
    return target[1:] if target and target[0] == step else ("-",)


def _with_repeated_key(node: object, target: tuple[str | int, ...]) -> str:
    """``node`` as JSON, the object at ``target`` giving its first key twice."""
    if isinstance(node, dict):
        parts = [
            f"{json.dumps(key)}: {_with_repeated_key(value, _below(target, key))}"
            for key, value in node.items()
        ]
        if target == () and parts:
            parts.insert(0, parts[0])
        return "{" + ", ".join(parts) + "}"
    if isinstance(node, list):
        return (
            "["
            + ", ".join(
                _with_repeated_key(value, _below(target, index)) for index, value in enumerate(node)
            )
            + "]"
        )
    return json.dumps(node)


def _object_paths(
    node: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, dict):
        if node:
            yield path
        for key, value in node.items():
            yield from _object_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _object_paths(value, (*path, index))


@pytest.mark.parametrize("which", range(len(valid_plans())))
def test_a_repeated_key_in_any_object_is_refused(which: int) -> None:
    data = json.loads(valid_texts()[which])
    assert loads(_with_repeated_key(data, ("-",))) == valid_plans()[which]  # the writer is right
    paths = list(_object_paths(data))
    assert len(paths) >= 4
    for path in paths:
        with pytest.raises(PlanFileError, match="appears twice"):
            loads(_with_repeated_key(data, path))

"""Messages for people: short quotes, numbers described, ASCII digits only, no internals."""

from __future__ import annotations

import io

import pytest

from planner import cli
from planner.files import planfile
from planner.files.planfile import PlanFileError
from planner.messages import for_people


def _cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    code = cli.main(argv, stdout=io.StringIO(), stderr=err)
    return code, err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--regimen", "night=1", "--drug", "x" * 10_000],
        ["plan", "--regimen", "night=1", "--method", "x" * 10_000],
        ["plan", "--regimen", "night=1", "--percent", "x" * 10_000],
        ["plan", "--regimen", "morning=" + "9" * 309],
        ["plan", "--regimen", "morning=1e300"],
        ["plan", "--regimen", "night=1", "--start", "x" * 10_000],
    ],
)
def test_messages_quote_at_most_40_characters_and_describe_huge_numbers(argv: list[str]) -> None:
    code, message = _cli(argv)
    assert code == cli.EXIT_BAD_INPUT
    assert message.count("\n") == 1 and len(message) < 400, message
    assert "x" * 41 not in message and "9" * 13 not in message, message


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "--regimen", "night=1", "--percent", "١٠"],
        ["plan", "--regimen", "night=١"],
        ["plan", "--regimen", "night=1", "--interval-days", "١٤"],
        ["plan", "--regimen", "night=1", "--percent", "nan"],
    ],
)
def test_only_ascii_digits_are_numbers(argv: list[str]) -> None:
    code, message = _cli(argv)
    assert code == cli.EXIT_BAD_INPUT and "0-9" in message, message


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["export", "plan.taper.json", "--csv", ""], "--csv"),
        (["export", "plan.taper.json", "--pdf", ""], "--pdf"),
        (["export", "plan.taper.json", "--ics", " "], "--ics"),
        (["export", "", "--csv", "out.csv"], "PLAN_FILE"),
        (["plan", "--regimen", "night=1", "--save", ""], "--save"),
    ],
)
def test_empty_paths_are_refused_in_one_line(argv: list[str], option: str) -> None:
    code, message = _cli(argv)
    assert code == cli.EXIT_BAD_INPUT
    assert message == f"taper-planner: error: {option}: the file name is empty; give a file name\n"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b'{"format": 1' + b"0" * 5000 + b"}", "a number 5001 digits long"),
        (b'{"format": 1, "format": 1}', "'format' appears twice"),
    ],
)
def test_file_messages_hold_no_python_internals(raw: bytes, shown: str) -> None:
    with pytest.raises(PlanFileError) as error:
        planfile.loads(raw)
    text = str(error.value)
    assert shown in text
    assert "sys." not in text and "utf-8-sig" not in text and "Errno" not in text


def test_a_byte_order_mark_is_not_content() -> None:
    from tests.planner.files.planfile_strategies import valid_plans

    plan = valid_plans()[0]
    assert planfile.loads(b"\xef\xbb\xbf" + planfile.dumps(plan).encode()) == plan


def test_for_people_makes_one_line() -> None:
    assert for_people("a\nb   c") == "a b c"
    assert for_people("got '" + "y" * 50 + "'") == "got '" + "y" * 39 + "…'"


def test_only_quotations_are_shortened_never_the_words_between_them() -> None:
    message = "x.taper.json: 'patient.name' must be text of at most 200 characters; found 'NNN…"
    assert for_people(message) == message
    long_input = "'" + "z" * 60 + "'"
    shown = for_people(f"The plan's target is wrong; got {long_input} (see the drug's label)")
    assert shown == "The plan's target is wrong; got '" + "z" * 39 + "…' (see the drug's label)"

"""A lone surrogate is refused however it comes; a file without escapes is not walked."""

from __future__ import annotations

import pytest

from planner.files import reader
from planner.files.reader import PlanFileError, parse_json


@pytest.mark.parametrize(
    "raw",
    [
        b'{"name": "\\ud800"}',  # an escape in the file's bytes
        b'{"name": ["ok", {"x": "a\\uDFFFb"}]}',  # upper case, nested
        '{"name": "\ud800"}',  # a str holding the surrogate itself (no escape)
    ],
)
def test_a_lone_surrogate_is_refused(raw: bytes | str) -> None:
    with pytest.raises(PlanFileError, match="broken character"):
        parse_json(raw, "p.taper.json")


def test_an_escaped_backslash_is_text_not_a_surrogate() -> None:
    assert parse_json(b'{"name": "\\\\ud800"}', "p") == {"name": "\\ud800"}


def test_utf8_bytes_without_escapes_are_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[object] = []
    monkeypatch.setattr(reader, "_has_lone_surrogate", lambda data: walked.append(data))
    parse_json('{"name": "Zoë 王"}'.encode(), "p")
    assert walked == []
    parse_json(b'{"name": "Zo\\u00eb"}', "p")  # an escape: walked
    assert walked == [{"name": "Zoë"}]

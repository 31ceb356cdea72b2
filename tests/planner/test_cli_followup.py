"""`show`, `checkin` and `revise`: the follow-up command line of DESIGN.md."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from planner.cli import main

TODAY = dt.date(2026, 12, 11)
PLAN = [
    "plan",
    "--drug",
    "diazepam",
    "--regimen",
    "morning=5,night=10",
    "--region",
    "us",
    "--start",
    "2026-10-05",
    "--interval-days",
    "14",
]


def run(args: list[str], today: dt.date = TODAY) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err, today=today)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "p.taper.json"
    assert run([*PLAN, "--save", str(path)])[0] == 0
    return path


def test_checkin_records_prints_and_saves(saved: Path) -> None:
    code, out, err = run(
        [
            "checkin",
            str(saved),
            "--date",
            "2026-11-30",
            "--symptom",
            "anxiety=2",
            "--decision",
            "hold",
            "--hold-days",
            "21",
            "--note",
            "poor sleep",
            "--format",
            "json",
        ]
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["history"] == [
        {
            "date": "2026-11-30",
            "kind": "checkin",
            "text": data["history"][0]["text"],
            "note": "poor sleep",
        }
    ]
    assert "hold diazepam" in data["history"][0]["text"] and "for 21 days" in out
    taken = [step["taken"] for step in data["steps"]]
    assert taken[:4] == [True] * 4 and not any(taken[4:])
    shown = json.loads(run(["show", str(saved), "--format", "json"])[1])
    assert shown == data


def test_refused_check_ins_exit_2_with_one_line_and_write_nothing(saved: Path) -> None:
    before = saved.read_bytes()
    for args in (
        ["--date", "2026-12-21", "--red-flag", "seizures", "--decision", "hold"],  # future
        ["--date", "2026-10-01", "--decision", "hold"],  # before the start
        ["--date", "2026-11-30", "--decision", "resume"],  # nothing paused
        ["--date", "2026-11-30", "--symptom", "anxiety=5", "--decision", "hold"],
        ["--date", "30/11/2026", "--decision", "hold"],
        ["--date", "2026-11-30", "--decision", "wait"],
    ):
        code, out, err = run(["checkin", str(saved), *args])
        assert code == 2 and out == "" and err.count("\n") == 1, (args, err)
        assert saved.read_bytes() == before
    assert (
        "after today"
        in run(["checkin", str(saved), "--date", "2026-12-21", "--decision", "hold"])[2]
    )


def test_a_red_flag_pauses_until_resume(saved: Path) -> None:
    assert (
        run(
            [
                "checkin",
                str(saved),
                "--date",
                "2026-11-30",
                "--red-flag",
                "psychosis",
                "--decision",
                "hold",
            ]
        )[0]
        == 0
    )
    code, _, err = run(["checkin", str(saved), "--date", "2026-12-05", "--decision", "hold"])
    assert code == 2 and "resume" in err
    code, out, _ = run(
        ["checkin", str(saved), "--date", "2026-12-07", "--decision", "resume", "--format", "json"]
    )
    data = json.loads(out)
    assert code == 0 and data["steps"][-1]["kind"] == "stop"
    assert "resume at diazepam" in data["history"][-1]["text"]


def test_revise_changes_the_plan_from_a_date_only(saved: Path) -> None:
    before = json.loads(run(["show", str(saved), "--format", "json"])[1])
    code, out, err = run(
        ["revise", str(saved), "--from", "2026-11-20", "--interval-days", "28", "--format", "json"]
    )
    assert (code, err) == (0, "")
    after = json.loads(out)
    early = [s for s in before["steps"] if s["start"] < "2026-11-16"]
    assert after["steps"][: len(early)] == [dict(s, taken=True) for s in early]
    assert after["history"][0]["kind"] == "change" and "14 → 28" in after["history"][0]["text"]
    stored = json.loads(saved.read_text())
    assert stored["format"] == 2 and stored["history"][0]["plan"] == {"interval_days": 28}
    text = run(["show", str(saved)])[1]
    assert "History:" in text and "Plan changed: interval days 14 → 28" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-12-01", "--regimen", "night=5"], "cannot change --regimen"),
        (["--from", "2026-12-01", "--drug", "lorazepam"], "cannot change --drug"),
        (["--from", "2026-12-01"], "at least one"),
        (["--from", "2026-10-01", "--interval-days", "7"], "after the start"),
        (["--from", "2026-12-01", "--interval-days", "0"], "interval"),
        (["--from", "2026-12-01", "--formulation", "odt"], "formulation"),
    ],
)
def test_bad_revisions_exit_2_and_write_nothing(saved: Path, args: list[str], message: str) -> None:
    before = saved.read_bytes()
    code, out, err = run(["revise", str(saved), *args])
    assert code == 2 and out == "" and message in err and err.count("\n") == 1, err
    assert saved.read_bytes() == before


def test_show_csv_marks_taken_steps(saved: Path) -> None:
    run(["checkin", str(saved), "--date", "2026-11-02", "--decision", "continue"])
    code, out, _ = run(["show", str(saved), "--format", "csv"])
    rows = [line.split(",") for line in out.strip().splitlines()]
    assert code == 0 and rows[0][-1] == "taken"
    assert [row[-1] for row in rows[1:4]] == ["yes", "yes", "no"]

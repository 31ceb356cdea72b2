"""`taper-planner caseload FOLDER`: text, JSON and CSV, --due-within, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from benchmarks.caseload_folder import DAMAGED, write_folder
from planner.cli import main
from planner.files.planfile import SUFFIX

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(autouse=True)
def private_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_folder(tmp_path / "plans", TODAY)
    return tmp_path / "plans"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["caseload", *args], stdout=out, stderr=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()


def test_json_has_the_contract_fields_for_every_file(folder: Path, private_data: Path) -> None:
    code, out, err = _run(str(folder), "--format", "json")
    assert code == 0 and err == ""
    rows = {row["file"]: row for row in json.loads(out)}
    assert set(rows) == {p.name for p in folder.iterdir()}
    for row in rows.values():
        assert {"file", "patient", "drugs", "today_mg", "next_change", "review_due", "paused",
                "errors", "problem"} <= set(row)
    broken = rows[f"newer-format{SUFFIX}"]
    assert broken["problem"] and broken["drugs"] is None and broken["today_mg"] is None
    paused = rows[f"clonazepam-paused{SUFFIX}"]
    assert paused["paused"] is True and paused["next_change"] is None
    assert paused["errors"][0]["source"].startswith("Joint Clinical Practice Guideline")
    switch = rows[f"lorazepam-switch{SUFFIX}"]
    assert switch["drugs"] == ["lorazepam", "diazepam"]
    assert switch["review_source"].startswith("JCPG 2025 Table 7")
    drugs = {row["drugs"][0] for row in rows.values() if row["drugs"]}
    assert len(drugs) == 8  # every drug in the catalogue
    assert (private_data / "Taper Planner" / "Taper Planner" / "caseload.sqlite3").exists()


def test_due_within_keeps_what_needs_attention(folder: Path) -> None:
    _, out, _ = _run(str(folder), "--format", "json", "--due-within", "0")
    rows = json.loads(out)
    horizon = TODAY.isoformat()
    for row in rows:
        assert (
            row["problem"] or row["paused"] or row["errors"]
            or (row["next_change"] or "9") <= horizon or (row["review_due"] or "9") <= horizon
        )
    files = {row["file"] for row in rows}
    assert {f"{name}{SUFFIX}" for name in DAMAGED} <= files
    _, out_all, _ = _run(str(folder), "--format", "json")
    assert len(json.loads(out_all)) > len(rows)


def test_csv_and_text(folder: Path) -> None:
    _, out, _ = _run(str(folder), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == len(list(folder.iterdir()))
    assert any(row["paused"] for row in table)
    _, text, _ = _run(str(folder))
    assert "PAUSED (red flag)" in text and "CANNOT BE READ" in text and "OVERDUE" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-folder"], "is not a folder"),
        (["{folder}", "--due-within", "-1"], "--due-within must be"),
        (["{folder}", "--due-within", "x"], "invalid int value"),
        (["{folder}", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(folder: Path, args: list[str], message: str) -> None:
    code, out, err = _run(*(a.replace("{folder}", str(folder)) for a in args))
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_a_plan_open_elsewhere_says_who_has_it(folder: Path) -> None:
    from planner.files.editlock import EditLock, LockOwner, lock_path, try_lock

    held = try_lock(folder / f"diazepam-uk{SUFFIX}")  # this process: alive
    assert isinstance(held, EditLock)
    gone = LockOwner("bo", held.owner.host, 2**22 + 12345, "2027-03-01 08:00")  # no such process
    lock_path(folder / f"oxazepam-uk{SUFFIX}").write_text(json.dumps(gone.__dict__))
    _, out, _ = _run(str(folder), "--format", "json")
    rows = {row["file"]: row for row in json.loads(out)}
    assert rows[f"diazepam-uk{SUFFIX}"]["open_by"] == held.owner.describe()
    assert rows[f"oxazepam-uk{SUFFIX}"]["open_by"] is None  # a stale lock: nobody has it
    assert not any(name.startswith(".~lock") for name in rows)
    _, text, _ = _run(str(folder))
    assert f"open for editing by {held.owner.describe()}" in text

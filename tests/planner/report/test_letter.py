"""Tests for planner.report.letter: the letter text, `export --text`, and the copied table."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from planner import cli
from planner.dosing.schedule import plan
from planner.files import planfile
from planner.model import CheckIn, FollowUpAction, Regimen
from planner.report.letter import plan_letter, table_rows, to_html_table, to_tsv
from planner.report.pace import percent_of_start
from tests.planner.helpers import START, base_plan, lorazepam_switch_plan, switch_plan


def test_letter_says_drug_start_method_steps_end_and_sourced_findings() -> None:
    schedule = plan(base_plan(regimen=Regimen(morning_mg=0.5, night_mg=1.0), interval_days=7))
    text = plan_letter(schedule)
    assert text.startswith("Clonazepam reduction plan\n")
    assert "Starting dose: 1.5 mg a day (0.5 mg in the morning, 1 mg at night)" in text
    assert "Method and pace: 10% of the current dose every 7 days" in text
    for step in schedule.steps[:-1]:
        assert f"Step {step.index} ({step.kind}), " in text
        assert f"{step.start.isoformat()} to " in text
    assert f"Step {schedule.steps[-1].index} (stop), from " in text
    assert f"last step from {schedule.end_date.strftime('%a')} {schedule.end_date}" in text
    assert schedule.findings
    for finding in schedule.findings:
        assert finding.message in text and f"Source: {finding.source}" in text
    assert "Total 1.35 mg a day" in text or "Total 1.25 mg a day" in text


def test_letter_of_a_switch_names_both_drugs_and_compares_in_equivalents() -> None:
    schedule = plan(lorazepam_switch_plan())
    text = plan_letter(schedule)
    assert "Lorazepam reduction plan" in text and "US tablets" in text
    assert "percentages are of the starting dose, in diazepam equivalents" in text
    first = next(line for line in text.splitlines() if line.startswith("Step 1 "))
    assert "lorazepam" in first and "diazepam" in first  # the switch names each drug
    assert "100% of the starting dose" in first
    assert "Diazepam equivalents: Ashton 2002" in text


def test_letter_lists_follow_up_changes() -> None:
    base = switch_plan()
    check = CheckIn(START.replace(day=20), action=FollowUpAction.HOLD, hold_days=7, note="Tired")
    schedule = plan(base.replace(checkins=(check,)))
    text = plan_letter(schedule)
    assert "Changes at follow-up:" in text and "Note: Tired" in text


def test_percent_of_start_falls_to_zero() -> None:
    schedule = plan(base_plan(regimen=Regimen(morning_mg=0.5, night_mg=1.0)))
    percents = percent_of_start(schedule)
    assert percents[-1] == 0
    assert all(a >= b for a, b in itertools.pairwise(percents))
    daily = sum(schedule.steps[1].daily_mg.values())
    assert round(percents[1], 6) == round(100 * daily / 1.5, 6)


def test_tsv_and_html_of_chosen_rows() -> None:
    schedule = plan(switch_plan())
    header, rows = table_rows(schedule, [0, 2])
    tsv = to_tsv(header, rows).splitlines()
    assert len(tsv) == 3 and tsv[0].split("\t")[0] == "Step"
    assert [line.split("\t")[0] for line in tsv[1:]] == ["1", "3"]
    assert all(line.count("\t") == len(header) - 1 for line in tsv)
    html = to_html_table(header, rows)
    assert html.count("<tr>") == 3 and "<th>mg/day</th>" in html


def test_html_cells_are_escaped() -> None:
    html = to_html_table(("a",), [("<b>x</b> & y",)])
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html


def test_export_text_writes_the_letter(tmp_path: Path) -> None:
    plan_path = tmp_path / "p.taper.json"
    taper = switch_plan()
    planfile.save_plan(taper, plan_path)
    out = tmp_path / "letter.txt"
    err = io.StringIO()
    assert cli.main(["export", str(plan_path), "--text", str(out)], stderr=err) == 0, err.getvalue()
    assert out.read_text(encoding="utf-8") == plan_letter(plan(planfile.load_plan(plan_path)))


def test_export_text_to_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    plan_path = tmp_path / "p.taper.json"
    planfile.save_plan(base_plan(), plan_path)
    err = io.StringIO()
    out = tmp_path / "missing" / "letter.txt"
    assert cli.main(["export", str(plan_path), "--text", str(out)], stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and "Cannot write" in err.getvalue()
    assert not out.parent.exists()

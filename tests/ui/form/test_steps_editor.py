"""The custom steps editor refuses what is no dose, so a plan always equals itself."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from planner.errors import PlanError
from planner.model import CustomStep
from ui.form.steps_editor import StepsEditor


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "x"])
def test_a_cell_that_is_no_dose_is_refused(qtbot: QtBot, text: str) -> None:
    editor = StepsEditor()
    qtbot.addWidget(editor)
    editor.set_steps((CustomStep(1.0), CustomStep(0.0)))
    editor.table.item(0, 0).setText(text)
    with pytest.raises(PlanError, match="is not a daily dose in mg") as refused:
        editor.steps()
    assert refused.value.field == "custom_steps"


def test_the_steps_read_follow_every_change_of_the_cells(qtbot: QtBot) -> None:
    # The rows are read once and remembered: each way of changing them must be seen.
    editor = StepsEditor()
    qtbot.addWidget(editor)
    editor.set_steps((CustomStep(2.0), CustomStep(1.0, 10), CustomStep(0.0)))
    assert editor.steps() == (CustomStep(2.0), CustomStep(1.0, 10), CustomStep(0.0))
    editor.table.item(1, 0).setText("1.5")  # typed in a cell
    assert editor.steps()[1] == CustomStep(1.5, 10)
    blocked = editor.table.blockSignals(True)
    editor.table.item(1, 1).setText("")  # changed with the table's signals blocked
    editor.table.blockSignals(blocked)
    assert editor.steps()[1] == CustomStep(1.5)
    editor.on_add_clicked()
    assert len(editor.steps()) == 4
    editor.table.setCurrentCell(0, 0)
    editor.on_remove_clicked()
    assert editor.steps() == (CustomStep(1.5), CustomStep(0.0), CustomStep(0.0))
    editor.set_texts([("3", "7"), ("0", "")])
    assert editor.steps() == (CustomStep(3.0, 7), CustomStep(0.0))
    editor.set_steps((CustomStep(0.5),))
    assert editor.steps() == (CustomStep(0.5),)
    editor.table.item(0, 0).setText("x")
    with pytest.raises(PlanError):
        editor.steps()
    editor.table.item(0, 0).setText("0.25")
    assert editor.steps() == (CustomStep(0.25),)

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

"""Every word on the printed handout is a whole word of the text drawn: none split across lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.dosing.schedule import plan
from planner.model import Regimen
from tests.planner.helpers import base_plan, lorazepam_switch_plan
from tests.ui.printing.test_handout import PRINTED_ON, long_schedule, needs_poppler, pdf_text
from ui.printing import text as printed_text
from ui.printing.handout import HandoutOptions, write_pdf

SEPARATORS = re.compile(r"[\s\u00a0\u2028]+")
# Typography may break after a slash or hyphen ("VA/" + "DoD"): a break, not a split word.
BREAKS_AFTER = re.compile(r"(?<=[/-])(?=.)")


def _three_dose_switch() -> object:
    """UK lorazepam three times a day switched to diazepam: narrow calendar columns."""
    return plan(
        base_plan(
            drug="lorazepam",
            regimen=Regimen(morning_mg=1, midday_mg=1, night_mg=1),
            switch_to="diazepam",
        )
    )


@needs_poppler
@pytest.mark.parametrize(
    "make",
    [_three_dose_switch, lambda: plan(lorazepam_switch_plan()), long_schedule],
    ids=["uk-three-dose-switch", "us-lorazepam-switch", "liquid-four-times"],
)
def test_no_word_is_split_across_lines(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object
) -> None:
    # "10 mg t/ablet" on a calendar a patient reads at 7 am is a misread dose waiting to happen.
    drawn: set[str] = set()
    original = printed_text.TextBox.__init__

    def recording(self: printed_text.TextBox, text: str, *args: object, **kwargs: object) -> None:
        for word in SEPARATORS.split(text):
            drawn.add(word)
            # A line may break after any slash or hyphen: each head and tail is whole.
            parts = BREAKS_AFTER.split(word)
            for cut in range(1, len(parts)):
                head, tail = "".join(parts[:cut]), "".join(parts[cut:])
                drawn.update((head, tail))
                if head.endswith("-"):  # pdftotext joins a line-end hyphen's two halves
                    drawn.add(head[:-1] + tail)
        original(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(printed_text.TextBox, "__init__", recording)
    path = tmp_path / "handout.pdf"
    options = HandoutOptions(printed_on=PRINTED_ON, include_pharmacy=True)
    write_pdf(make(), path, options)  # type: ignore[operator]
    printed = [word for page in pdf_text(path) for word in SEPARATORS.split(page) if word]
    split = sorted({word for word in printed if word not in drawn})
    assert not split, f"words broken across lines: {split[:20]}"
    assert len(printed) > 500

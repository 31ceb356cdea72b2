"""Handouts, the window's guidance and exports of each drug's plan name only the plan's drugs."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner import guidance
from planner.catalogue import drug_names, get_drug
from planner.dosing.schedule import plan
from planner.files import formats
from planner.model import Regimen, TaperPlan
from ui.guidance.panel import GuidancePanel
from ui.printing.handout import write_pdf

ALL_FACTORS = (
    "alcohol",
    "sedatives_opioids",
    "liver_disease",
    "glaucoma",
    "substance_misuse",
    "pregnancy",
    "age_65_plus",
)
BRANDS = {
    "klonopin": "clonazepam",
    "valium": "diazepam",
    "xanax": "alprazolam",
    "ativan": "lorazepam",
    "librium": "chlordiazepoxide",
}
# Diazepam is the unit every dose is compared in, and the drug a switch goes to.
DIAZEPAM_AS_UNIT = (
    r"diazepam[ _]eq\w*",
    r"diazepam equivalents?",
    r"\d+ mg of diazepam",
    r"mg a day, as diazepam",
    r"switch(?:_to\": \"| to )diazepam",
    r"diazepam formulation",
    r"diazepam first",
    # The title of a source: NHS Scotland's "switching to diazepam" half-life table.
    r"switching to diazepam",
)


def _plan(name: str) -> TaperPlan:
    drug = get_drug(name)
    region = "uk" if drug.formulations["uk"] else "us"
    formulation = drug.formulations[region][0]
    strength = max(product.strength_mg for product in formulation.products)
    return TaperPlan(
        drug=name,
        region=region,
        formulation=formulation.name,
        regimen=Regimen(night_mg=strength),
        start=dt.date(2027, 1, 4),
        factors=ALL_FACTORS,
    )


def _others_named(text: str, own: set[str]) -> list[str]:
    text = " ".join(text.split())  # a printed line may wrap anywhere
    text = text.replace(" ".join(guidance.source_citation("source_document").split()), "")
    for pattern in DIAZEPAM_AS_UNIT:
        text = re.sub(pattern, "", text, flags=re.IGNORECASE)
    named = [name for name in drug_names() if name not in own and name in text.lower()]
    return named + [b for b, drug in BRANDS.items() if drug not in own and b in text.lower()]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext missing (poppler-utils)")
@pytest.mark.parametrize("name", drug_names())
def test_each_drugs_printouts_window_and_exports_name_only_its_drugs(
    name: str, qtbot: QtBot, tmp_path: Path
) -> None:
    taper = _plan(name)
    schedule = plan(taper)
    path = tmp_path / "plan.pdf"
    write_pdf(schedule, path)
    handout = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    panel = GuidancePanel()
    qtbot.addWidget(panel)
    panel.set_schedule(schedule)
    exports = formats.to_text(schedule) + formats.to_csv(schedule) + formats.to_json(schedule)
    for where, text in (("handout", handout), ("window", panel.text()), ("exports", exports)):
        assert _others_named(text, {name}) == [], where
    assert name in handout.lower() and name in panel.text().lower()

"""Guidance for the plan's drugs: class-wide items for every drug, specific ones only for theirs."""

from __future__ import annotations

import pytest

from planner import drug_guidance, guidance
from planner.catalogue import drug_names


@pytest.mark.parametrize("name", drug_names())
def test_each_drug_gets_class_wide_items_in_its_name_and_no_other_drugs(name: str) -> None:
    sections = drug_guidance.sections_for((name,), "uk", "ashton")
    titles = [section.title for section in sections]
    assert f"About {name}" in titles
    for section in sections:
        assert section.drug in ("", name)
        for item in section.items:
            assert "{drug}" not in item.text and "{Drug}" not in item.text
            assert item.drug in ("", name)
            if item.source == guidance.SOURCE_DOCUMENT and not section.drug:
                # The clonazepam leaflet plus a source that covers every benzodiazepine.
                assert item.class_source
                assert "class-wide: " in drug_guidance.citation(item)
    dependence = drug_guidance.section_for("dependence", (name,))
    assert any(name in item.text for item in dependence.items)


def test_only_clonazepam_gets_the_leaflets_uses() -> None:
    lorazepam = [s.id for s in drug_guidance.sections_for(("lorazepam",))]
    assert "uses" not in lorazepam and "how_it_works" not in lorazepam
    clonazepam = [s.id for s in drug_guidance.sections_for(("clonazepam",))]
    assert clonazepam[:2] == ["uses", "how_it_works"]


def test_a_switch_shows_both_drugs() -> None:
    sections = drug_guidance.sections_for(("clonazepam", "diazepam"), "us", "va")
    ids = [section.id for section in sections]
    assert {"uses", "about_clonazepam", "about_diazepam"} <= set(ids)
    (caution,) = drug_guidance.cautions_for(["alcohol"], ("clonazepam", "diazepam"))
    assert "clonazepam or diazepam" in caution.text
    about = next(s for s in sections if s.id == "about_clonazepam")
    assert any("1 mg of clonazepam counts as 10 mg of diazepam" in i.text for i in about.items)
    assert any("US: 20 mg" in i.text for i in about.items)


def test_without_a_plan_the_guidance_names_no_drug() -> None:
    for section in drug_guidance.sections_for(()):
        assert not section.drug
        for item in section.items:
            assert "clonazepam" not in item.text.lower()

"""Tests for planner/guidance.py and resources/guidance.json."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import resources
from planner import drug_guidance, guidance

SOURCE_TEXT = resources.read_text("source_document.txt")
GUIDANCE_TEXT = resources.read_text("guidance.json")
# The leaflet ships without the clinic's contact lines at its end (they are not guidance).
CONTACT_START = len(SOURCE_TEXT)
# The clinic's closing lines: never guidance, never in the file.
CONTACT_FRAGMENTS = (
    "Nature Consultancy",
    "CQC",
    "Emotions Clinic",
    "emotions-clinic",
    "Phone",
    "Email",
    "@",
    "+44",
    "768656",
    "Lumbung",
    "East Java",
    "Madiun",
    "Block ABC",
    "Monday - Friday",
    "08 AM",
    "10 PM",
)
SECTION_IDS = (
    "uses",
    "how_it_works",
    "side_effects_common",
    "side_effects_serious",
    "dependence",
    "withdrawal_symptoms",
    "if_symptoms",
    "red_flags",
    "cautions",
)
# JCPG 2025 Table 3 as listed in the clinical reference, by group.
TABLE_3 = {
    "autonomic": (
        "raised_blood_pressure",
        "headache",
        "sweating",
        "palpitations",
        "tachycardia",
        "chest_pain",
    ),
    "mood": ("anxiety", "panic", "dysphoria", "irritability"),
    "gastrointestinal": ("cramps", "diarrhoea", "nausea", "vomiting"),
    "neurological": (
        "poor_concentration",
        "sensory_hypersensitivity",
        "paraesthesia",
        "tinnitus",
        "perceptual_disturbance",
        "tremor",
        "twitching",
        "muscle_pain_spasm",
        "incoordination",
        "akathisia",
        "depersonalisation_derealisation",
    ),
    "sleep": ("insomnia", "nightmares", "hypersomnia"),
    "severe": ("seizures", "confusion_delirium", "psychosis", "suicidality_self_harm"),
}
RED_FLAG_IDS = {"seizures", "confusion_delirium", "psychosis", "suicidality_self_harm"}


def all_items() -> list[guidance.GuidanceItem]:
    return [item for section in guidance.sections() for item in section.items]


def raw_guidance() -> Any:
    return copy.deepcopy(json.loads(GUIDANCE_TEXT))


def test_section_ids_in_order() -> None:
    assert tuple(section.id for section in guidance.sections()) == SECTION_IDS


def test_every_section_has_a_title_and_items() -> None:
    for section in guidance.sections():
        assert section.title.strip()
        assert section.items


@pytest.mark.parametrize(
    "item",
    [item for item in all_items() if item.source == guidance.SOURCE_DOCUMENT],
    ids=lambda item: item.text[:30],
)
def test_source_document_quotes_are_verbatim(item: guidance.GuidanceItem) -> None:
    assert item.quote
    position = SOURCE_TEXT.find(item.quote)
    assert position >= 0, f"quote not in the source document: {item.quote!r}"
    assert position + len(item.quote) <= CONTACT_START


def test_items_from_guidelines_have_no_source_document_quote() -> None:
    for item in all_items():
        if item.source != guidance.SOURCE_DOCUMENT:
            assert not item.quote, item.text


@pytest.mark.parametrize("fragment", CONTACT_FRAGMENTS)
def test_no_clinic_contact_details(fragment: str) -> None:
    assert fragment.lower() not in GUIDANCE_TEXT.lower()


@pytest.mark.parametrize("fragment", CONTACT_FRAGMENTS)
def test_the_shipped_leaflet_has_no_clinic_contact_lines(fragment: str) -> None:
    assert fragment.lower() not in SOURCE_TEXT.lower()
    assert SOURCE_TEXT.rstrip().endswith("harm the developing fetus.")


def test_every_source_id_resolves() -> None:
    raw_sources = json.loads(GUIDANCE_TEXT)["sources"]
    for item in all_items():
        assert item.source in raw_sources
        assert guidance.source_citation(item.source) == raw_sources[item.source]


def test_expected_sources_are_cited() -> None:
    for source_id in (
        "source_document",
        "jcpg_2025",
        "jcpg_2025_t3",
        "jcpg_2025_rec11",
        "jcpg_2025_recs12_15",
        "asam_patient_guide",
        "clonazepam_label",
        "ashton_2002",
    ):
        assert guidance.source_citation(source_id)
    assert "4dcb6785-e16b-4692-89b3-f905979ca5ae" in guidance.source_citation("clonazepam_label")
    assert "created from" in guidance.source_citation("source_document")


def test_unknown_source_raises() -> None:
    with pytest.raises(ValueError, match="no_such_source"):
        guidance.source_citation("no_such_source")


def test_red_flag_symptoms_are_marked() -> None:
    marked = {item.id for item in guidance.withdrawal_symptoms() if item.red_flag}
    assert marked == RED_FLAG_IDS


def test_red_flags_section_names_each_red_flag_for_urgent_review() -> None:
    flags = guidance.red_flags()
    assert {item.id for item in flags} == RED_FLAG_IDS
    for item in flags:
        assert item.red_flag
        assert "urgent medical review" in item.text
        assert item.source == "jcpg_2025_recs12_15"


def test_no_red_flags_outside_symptoms_and_red_flags() -> None:
    for section in guidance.sections():
        if section.id not in ("withdrawal_symptoms", "red_flags"):
            assert not any(item.red_flag for item in section.items), section.id


def test_all_table_3_symptoms_present_in_their_groups() -> None:
    by_id = {item.id: item for item in guidance.withdrawal_symptoms()}
    expected = {symptom: group for group, ids in TABLE_3.items() for symptom in ids}
    assert set(by_id) == set(expected)
    for symptom, group in expected.items():
        assert by_id[symptom].group == group, symptom


def test_source_document_symptoms_come_first() -> None:
    first = guidance.withdrawal_symptoms()[:4]
    assert [item.id for item in first] == ["anxiety", "irritability", "insomnia", "seizures"]
    assert all(item.source == guidance.SOURCE_DOCUMENT for item in first)
    later = guidance.withdrawal_symptoms()[4:]
    assert all(item.source == "jcpg_2025_t3" for item in later)


def test_symptom_ids_are_unique_and_stable_words() -> None:
    ids = [item.id for item in guidance.withdrawal_symptoms()]
    assert len(ids) == len(set(ids))
    assert all(symptom.isidentifier() and symptom.islower() for symptom in ids)


def test_if_symptoms_holds_first_and_cites_guidelines() -> None:
    items = guidance.section("if_symptoms").items
    assert "hold" in items[0].text.lower()
    assert {item.source for item in items} <= {"jcpg_2025_rec11", "asam_patient_guide", "jcpg_2025"}
    assert any("protracted withdrawal" in item.text for item in items)


def test_cautions_for_pregnancy() -> None:
    found = guidance.cautions_for(["pregnancy"])
    assert len(found) == 1
    assert found[0].factor == "pregnancy"
    assert "Pregnant women should avoid {drug}" in found[0].text
    (worded,) = drug_guidance.cautions_for(["pregnancy"], ["lorazepam"])
    assert "Pregnant women should avoid lorazepam" in worded.text


def test_cautions_for_several_factors_keep_list_order() -> None:
    found = guidance.cautions_for({"age_65_plus", "alcohol"})
    assert [item.factor for item in found] == ["alcohol", "age_65_plus"]


def test_cautions_for_nothing_is_empty() -> None:
    assert guidance.cautions_for([]) == ()


def test_every_factor_has_a_caution() -> None:
    for factor in guidance.FACTORS:
        assert guidance.cautions_for([factor]), factor


def test_cautions_for_unknown_factor_raises() -> None:
    with pytest.raises(ValueError, match="pregnant"):
        guidance.cautions_for(["pregnant"])


def test_unknown_section_raises_naming_the_available_ones() -> None:
    with pytest.raises(ValueError, match="cautions"):
        guidance.section("warnings")


def test_sections_are_cached() -> None:
    assert guidance.sections() is guidance.sections()


def test_parse_accepts_the_shipped_file() -> None:
    parsed = guidance.parse(raw_guidance(), SOURCE_TEXT)
    assert parsed.sections == guidance.sections()


def _item_in(raw: Any, section_id: str, index: int = 0) -> dict[str, Any]:
    for section in raw["sections"]:
        if section["id"] == section_id:
            item: dict[str, Any] = section["items"][index]
            return item
    raise AssertionError(section_id)


@pytest.mark.parametrize(
    ("section_id", "change", "message"),
    [
        ("cautions", {"quote": "Pregnant women must never"}, "not in the source document"),
        ("cautions", {"quote": None}, "needs a 'quote'"),
        ("cautions", {"factor": "pregnant"}, "unknown factor 'pregnant'"),
        ("cautions", {"source": "nice_2020"}, "source 'nice_2020' is not in 'sources'"),
        ("cautions", {"redflag": True}, "unknown key"),
        ("withdrawal_symptoms", {"red_flag": "yes"}, "'red_flag' must be true or false"),
        ("withdrawal_symptoms", {"group": "cardiac"}, "unknown group 'cardiac'"),
        ("withdrawal_symptoms", {"id": None}, "'id' must be a non-empty string"),
        ("uses", {"text": ""}, "'text' must be a non-empty string"),
    ],
)
def test_malformed_item_raises_naming_it(
    section_id: str, change: dict[str, Any], message: str
) -> None:
    raw = raw_guidance()
    item = _item_in(raw, section_id)
    for key, value in change.items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    with pytest.raises(ValueError, match=f"section '{section_id}', item 1") as error:
        guidance.parse(raw, SOURCE_TEXT)
    assert message in str(error.value)


def test_duplicate_symptom_id_raises() -> None:
    raw = raw_guidance()
    _item_in(raw, "withdrawal_symptoms", 1)["id"] = "anxiety"
    with pytest.raises(ValueError, match="duplicate item id"):
        guidance.parse(raw, SOURCE_TEXT)


def test_missing_required_section_raises() -> None:
    raw = raw_guidance()
    raw["sections"] = [s for s in raw["sections"] if s["id"] != "cautions"]
    with pytest.raises(ValueError, match="'cautions' section is missing"):
        guidance.parse(raw, SOURCE_TEXT)


@pytest.mark.parametrize("raw", [[], {"sources": {}}, {"sources": [], "sections": []}])
def test_malformed_top_level_raises(raw: Any) -> None:
    with pytest.raises(ValueError, match=r"guidance\.json"):
        guidance.parse(raw, SOURCE_TEXT)

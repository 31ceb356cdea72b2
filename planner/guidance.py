"""Withdrawal guidance and cautions as sourced data, loaded from ``resources/guidance.json``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping

import resources
from planner.model import PatientFactor

SOURCE_DOCUMENT = "source_document"
SOURCE_DOCUMENT_FILE = "source_document.txt"
GUIDANCE_FILE = "guidance.json"

# The patient factors a caution can be linked to; a later form ticks these.
FACTORS: tuple[str, ...] = (
    "alcohol",
    "sedatives_opioids",
    "liver_disease",
    "glaucoma",
    "substance_misuse",
    "pregnancy",
    "age_65_plus",
)
# Withdrawal symptom groups, after JCPG 2025 Table 3.
GROUPS: tuple[str, ...] = (
    "autonomic",
    "mood",
    "gastrointestinal",
    "neurological",
    "sleep",
    "severe",
)
WITHDRAWAL_SYMPTOMS = "withdrawal_symptoms"
RED_FLAGS = "red_flags"
CAUTIONS = "cautions"
# Sections the functions below rely on; the file must have them.
_REQUIRED_SECTIONS = (WITHDRAWAL_SYMPTOMS, RED_FLAGS, CAUTIONS)
_ITEM_KEYS = frozenset(
    {"text", "source", "quote", "red_flag", "factor", "id", "group", "class_source", "drug"}
)
_SECTION_KEYS = frozenset({"id", "title", "drug", "items"})
# Where a class-wide text names the plan's drug; with no drug known, a neutral phrase.
DRUG_MARK = "{drug}"
DRUG_MARK_TITLE = "{Drug}"
ANY_DRUG = "this benzodiazepine"


@dataclasses.dataclass(frozen=True)
class GuidanceItem:
    """One statement of guidance with the source it rests on.

    Attributes:
        text: the words shown and printed.
        source: a source id; ``source_citation`` gives the full citation.
        quote: for the source document, the exact words the text rests on; else "".
        red_flag: True for a symptom that needs urgent medical review.
        factor: the patient factor (one of ``FACTORS``) a caution applies to, or "".
        id: a stable id (withdrawal symptoms and red flags), or "".
        group: the symptom group (one of ``GROUPS``) of a withdrawal symptom, or "".
        class_source: for a class-wide item from the (clonazepam) source document, a
            class-level source saying the same of every benzodiazepine; else "".
        drug: the one drug the item is true of, or "" for every benzodiazepine.
    """

    text: str
    source: str
    quote: str = ""
    red_flag: bool = False
    factor: str = ""
    id: str = ""
    group: str = ""
    class_source: str = ""
    drug: str = ""


@dataclasses.dataclass(frozen=True)
class GuidanceSection:
    """A titled list of guidance items, e.g. the cautions."""

    id: str
    title: str
    items: tuple[GuidanceItem, ...]
    drug: str = ""  # the one drug the whole section is about, or "" for every benzodiazepine


@dataclasses.dataclass(frozen=True)
class Guidance:
    """The whole guidance file: its sections in order and its sources by id."""

    sections: tuple[GuidanceSection, ...]
    sources: Mapping[str, str]


def _text(value: object, where: str, key: str, *, required: bool = True) -> str:
    """A string field, or "" when optional and absent."""
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}: '{key}' must be a non-empty string; got {value!r}")
    return value


def _item(
    raw: object,
    where: str,
    section_id: str,
    sources: Mapping[str, str],
    source_document: str,
    in_drug_section: bool = False,
) -> GuidanceItem:
    """Check one raw item and build it; ``where`` names it in any error."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: an item must be an object; got {raw!r}")
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    text = _text(raw.get("text"), where, "text")
    where = f"{where} ({text[:40]!r})"
    source = _text(raw.get("source"), where, "source")
    if source not in sources:
        raise ValueError(f"{where}: source '{source}' is not in 'sources'")
    quote = _text(raw.get("quote"), where, "quote", required=False)
    if source == SOURCE_DOCUMENT:
        # The document's words are the evidence: an item without them is untraceable.
        if not quote:
            raise ValueError(f"{where}: an item from the source document needs a 'quote'")
        if quote not in source_document:
            raise ValueError(f"{where}: quote {quote!r} is not in the source document")
    red_flag = raw.get("red_flag", False)
    if not isinstance(red_flag, bool):
        raise ValueError(f"{where}: 'red_flag' must be true or false; got {red_flag!r}")
    factor = _text(raw.get("factor"), where, "factor", required=False)
    if factor and factor not in FACTORS:
        expected = ", ".join(FACTORS)
        raise ValueError(f"{where}: unknown factor '{factor}'; expected one of {expected}")
    item_id = _text(raw.get("id"), where, "id", required=section_id == WITHDRAWAL_SYMPTOMS)
    group = _text(raw.get("group"), where, "group", required=section_id == WITHDRAWAL_SYMPTOMS)
    if group and group not in GROUPS:
        raise ValueError(f"{where}: unknown group '{group}'; expected one of {', '.join(GROUPS)}")
    drug = _text(raw.get("drug"), where, "drug", required=False)
    class_source = _text(raw.get("class_source"), where, "class_source", required=False)
    if class_source and class_source not in sources:
        raise ValueError(f"{where}: class_source '{class_source}' is not in 'sources'")
    if source == SOURCE_DOCUMENT and not drug and not in_drug_section and not class_source:
        # A clonazepam leaflet shown for another drug needs a source that covers that drug.
        raise ValueError(
            f"{where}: a class-wide item from the source document needs 'class_source'"
        )
    return GuidanceItem(text, source, quote, red_flag, factor, item_id, group, class_source, drug)


def _section(
    raw: object, index: int, sources: Mapping[str, str], source_document: str
) -> GuidanceSection:
    """Check one raw section and build it with its items."""
    where = f"{GUIDANCE_FILE}: section {index + 1}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a section must be an object; got {raw!r}")
    section_id = _text(raw.get("id"), where, "id")
    where = f"{GUIDANCE_FILE}: section '{section_id}'"
    unknown = sorted(set(raw) - _SECTION_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    title = _text(raw.get("title"), where, "title")
    drug = _text(raw.get("drug"), where, "drug", required=False)
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise ValueError(f"{where}: 'items' must be a non-empty list")
    items = tuple(
        _item(raw_item, f"{where}, item {number}", section_id, sources, source_document, bool(drug))
        for number, raw_item in enumerate(raw_items, start=1)
    )
    ids = [item.id for item in items if item.id]
    duplicates = sorted({item_id for item_id in ids if ids.count(item_id) > 1})
    if duplicates:
        raise ValueError(f"{where}: duplicate item id(s) {', '.join(duplicates)}")
    return GuidanceSection(section_id, title, items, drug)


def parse(raw: object, source_document: str) -> Guidance:
    """Check the decoded guidance file and build its sections.

    Args:
        raw: the decoded JSON of ``guidance.json``.
        source_document: the source document's text, which every quote must appear in.

    Returns:
        The sections in file order and the sources by id.

    Raises:
        ValueError: naming the section and item that is malformed.
    """
    if not isinstance(raw, dict):
        raise ValueError(f"{GUIDANCE_FILE}: the top level must be an object")
    raw_sources = raw.get("sources")
    if not isinstance(raw_sources, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in raw_sources.items()
    ):
        raise ValueError(f"{GUIDANCE_FILE}: 'sources' must map source ids to citations")
    sources: dict[str, str] = dict(raw_sources)
    raw_sections = raw.get("sections")
    if not isinstance(raw_sections, list):
        raise ValueError(f"{GUIDANCE_FILE}: 'sections' must be a list")
    parsed = tuple(
        _section(raw_section, index, sources, source_document)
        for index, raw_section in enumerate(raw_sections)
    )
    ids = [parsed_section.id for parsed_section in parsed]
    for section_id in ids:
        if ids.count(section_id) > 1:
            raise ValueError(f"{GUIDANCE_FILE}: section '{section_id}' appears more than once")
    for section_id in _REQUIRED_SECTIONS:
        if section_id not in ids:
            raise ValueError(f"{GUIDANCE_FILE}: the '{section_id}' section is missing")
    return Guidance(parsed, sources)


@functools.cache
def _guidance() -> Guidance:
    return parse(resources.load_json(GUIDANCE_FILE), resources.read_text(SOURCE_DOCUMENT_FILE))


def sections() -> tuple[GuidanceSection, ...]:
    """Every guidance section, in the order they are shown and printed."""
    return _guidance().sections


def section(section_id: str) -> GuidanceSection:
    """Look up one section by id, e.g. ``"cautions"``.

    Raises:
        ValueError: naming the sections there are.
    """
    for candidate in sections():
        if candidate.id == section_id:
            return candidate
    names = ", ".join(candidate.id for candidate in sections())
    raise ValueError(f"No guidance section '{section_id}'; available: {names}")


def withdrawal_symptoms() -> tuple[GuidanceItem, ...]:
    """The withdrawal symptoms, each with a stable ``id`` and ``group``.

    The source document's own symptoms come first, then the rest of JCPG 2025 Table 3.
    """
    return section(WITHDRAWAL_SYMPTOMS).items


def red_flags() -> tuple[GuidanceItem, ...]:
    """What needs urgent medical review rather than a schedule change.

    Each item's ``id`` is the id of the matching withdrawal symptom.
    """
    return section(RED_FLAGS).items


def cautions_for(factors: Iterable[str]) -> tuple[GuidanceItem, ...]:
    """The cautions that apply to a patient's factors, in the order the cautions are listed.

    Args:
        factors: patient factor ids from ``FACTORS``, e.g. ``["pregnancy", "alcohol"]``.

    Returns:
        The cautions linked to any of the factors; empty if none apply.

    Raises:
        ValueError: for a factor id that is no patient factor at all (a typo would
            otherwise hide a caution silently).
    """
    wanted = set(factors)
    # Every patient factor is allowed; some (seizure disorder, long-term use) only change
    # the checks and have no caution of their own in the source.
    known = set(FACTORS) | {factor.value for factor in PatientFactor}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            f"Unknown patient factor(s) {', '.join(unknown)}; "
            f"expected one of {', '.join(sorted(known))}"
        )
    return tuple(item for item in section(CAUTIONS).items if item.factor in wanted)


def source_citation(source_id: str) -> str:
    """The full citation for a source id used in the guidance.

    Raises:
        ValueError: if the guidance names no such source.
    """
    citation = _guidance().sources.get(source_id)
    if citation is None:
        raise ValueError(f"No guidance source '{source_id}'")
    return citation

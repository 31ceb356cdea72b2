"""Product choices as clinicians type them: splits '5=2,10=2', stock 'diazepam:2', back again."""

from __future__ import annotations

import math

from planner.errors import PlanError
from planner.model import format_mg

SPLIT_PIECES = (1, 2, 4)


def _drug_and_rest(
    part: str, default_drug: str, drugs: tuple[str, ...], what: str
) -> tuple[str, str]:
    name, sep, rest = part.partition(":")
    if not sep:
        return default_drug, part
    name = name.strip().lower()
    if name not in drugs:
        raise PlanError(
            f"{what}: '{name}' is not a drug of this plan; use {' or '.join(drugs)}",
            field=what.lstrip("-"),
        )
    return name, rest.strip()


def _strength(text: str, part: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise PlanError(
            f"{what}: '{part}' does not name a strength in mg (a positive number)",
            field=what.lstrip("-"),
        )
    return value


def parse_splits(
    text: str, default_drug: str, drugs: tuple[str, ...]
) -> tuple[tuple[str, float, int], ...]:
    """'5=2,10=2' or 'diazepam:5=2,lorazepam:1=2' → (drug, strength mg, pieces) triples.

    Raises:
        PlanError: for a part that is not [DRUG:]MG=PIECES with pieces 1, 2 or 4.
    """
    found: dict[tuple[str, float], int] = {}
    for part in (piece.strip() for piece in text.split(",") if piece.strip()):
        drug, rest = _drug_and_rest(part, default_drug, drugs, "--split")
        strength_text, sep, pieces_text = rest.partition("=")
        strength = _strength(strength_text.strip(), part, "--split")
        if not sep or pieces_text.strip() not in {str(p) for p in SPLIT_PIECES}:
            raise PlanError(
                f"--split: '{part}' is not MG=PIECES with pieces 1 (whole), 2 (halves) or "
                '4 (quarters), e.g. "5=2,10=2"',
                field="splits",
            )
        if (drug, strength) in found:
            raise PlanError(
                f"--split: the {format_mg(strength)} mg {drug} tablet is given twice",
                field="splits",
            )
        found[(drug, strength)] = int(pieces_text)
    if not found:
        raise PlanError(
            '--split is empty; give MG=PIECES per strength, e.g. "5=2" or "diazepam:5=2"',
            field="splits",
        )
    return tuple((drug, mg, pieces) for (drug, mg), pieces in found.items())


def parse_stock(
    text: str, default_drug: str, drugs: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    """'2' or 'diazepam:2,diazepam:5' → (drug, strength mg) pairs that may be dispensed.

    Raises:
        PlanError: for a part that is not [DRUG:]MG.
    """
    found: dict[tuple[str, float], None] = {}
    for part in (piece.strip() for piece in text.split(",") if piece.strip()):
        drug, rest = _drug_and_rest(part, default_drug, drugs, "--stock")
        found[(drug, _strength(rest.strip(), part, "--stock"))] = None
    if not found:
        raise PlanError(
            '--stock is empty; give strengths in mg, e.g. "2" or "diazepam:2"', field="stock"
        )
    return tuple(found)


def splits_text(splits: tuple[tuple[str, float, int], ...]) -> str:
    """The splits as the command line takes them: 'diazepam:5=2,diazepam:10=2'."""
    return ",".join(f"{drug}:{format_mg(mg)}={pieces}" for drug, mg, pieces in splits)


def stock_text(stock: tuple[tuple[str, float], ...]) -> str:
    """The stock as the command line takes it: 'diazepam:2'."""
    return ",".join(f"{drug}:{format_mg(mg)}" for drug, mg in stock)

"""Amounts in words a patient reads: mg and mL without float noise, tablets as ½ and ¼."""

from __future__ import annotations

from fractions import Fraction


def format_tablet_count(count: Fraction) -> str:
    """Tablet counts as a patient writes them: 1, ½, 1½, ¼, ¾."""
    whole, part = divmod(count, 1)
    fraction_glyphs = {Fraction(1, 2): "½", Fraction(1, 4): "¼", Fraction(3, 4): "¾"}
    if part == 0:
        return str(int(whole))
    glyph = fraction_glyphs.get(Fraction(part), f"{part.numerator}/{part.denominator}")
    return glyph if whole == 0 else f"{int(whole)}{glyph}"


def format_quantity_ml(volume_ml: Fraction) -> str:
    """Millilitres without trailing zeros: 2.5, 1.25, 10."""
    return format_mg(float(volume_ml))


def format_mg(value: float) -> str:
    """A dose in mg without float noise or trailing zeros: 0.125, 1.5, 10."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text

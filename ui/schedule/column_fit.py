"""Column widths within the room there is: as wide as they like, else down to their longest word."""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_shapes(texts: Iterable[str]) -> set[str]:
    """The distinct words of ``texts`` (or of their shapes: see text_shape.digit_shape).

    A column's cells are never narrower than their longest word: Qt wraps at spaces and
    line breaks, and a word wider than its cell would be cut.
    """
    # Not str.split(): a no-break space joins its words for Qt, so it does here too.
    return {word for text in texts for word in re.split("[ \n]+", text) if word}


def fit_widths(natural: list[int], minimum: list[int], room: int) -> list[int]:
    """Widths whose sum is at most ``room`` where the minimums allow it.

    Args:
        natural: each column's width with its text on as few lines as it has.
        minimum: each column's narrowest readable width (its longest word), at most natural.
        room: the width there is.

    Returns:
        ``natural`` when it fits; else each column gives up width in proportion to what it
        can spare (natural minus minimum), so none is cut to a sliver while others stay
        wide; ``minimum`` when even that does not fit (the table then scrolls sideways).
    """
    excess = sum(natural) - room
    if excess <= 0:
        return list(natural)
    spare = [max(0, wide - narrow) for wide, narrow in zip(natural, minimum, strict=True)]
    total_spare = sum(spare)
    if total_spare <= excess:
        return [min(wide, narrow) for wide, narrow in zip(natural, minimum, strict=True)]
    # Rounded up, so the cuts add up to at least the excess; each stays within its spare.
    return [
        wide - (share * excess + total_spare - 1) // total_spare
        for wide, share in zip(natural, spare, strict=True)
    ]

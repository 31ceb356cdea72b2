"""Column widths within the room: natural when they fit, else shrunk toward the longest word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.schedule.column_fit import fit_widths, word_shapes
from ui.schedule.text_shape import digit_shape


def test_natural_widths_are_kept_when_they_fit() -> None:
    assert fit_widths([80, 100, 60], [40, 50, 60], 300) == [80, 100, 60]


def test_columns_give_up_width_in_proportion_to_what_they_can_spare() -> None:
    widths = fit_widths([100, 100, 60], [50, 90, 60], 200)
    assert sum(widths) <= 200
    assert widths[2] == 60  # nothing to spare
    assert 100 - widths[0] > 100 - widths[1]  # the column with more to spare gives more


def test_the_minimums_when_even_they_do_not_fit() -> None:
    assert fit_widths([100, 100], [70, 80], 100) == [70, 80]


@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300)), min_size=1, max_size=12),
    st.integers(0, 3000),
)
def test_widths_lie_between_minimum_and_natural_and_fit_when_they_can(
    pairs: list[tuple[int, int]], room: int
) -> None:
    minimum = [min(a, b) for a, b in pairs]
    natural = [max(a, b) for a, b in pairs]
    widths = fit_widths(natural, minimum, room)
    assert all(low <= w <= high for low, w, high in zip(minimum, widths, natural, strict=True))
    if sum(minimum) <= room:
        assert sum(widths) <= room


def test_words_are_split_at_spaces_and_lines_but_not_at_no_break_spaces() -> None:
    texts = ["4\N{NO-BREAK SPACE}Jan 2027", "diazepam 10 mg:\n1 × 10 mg tablet"] * 50
    assert word_shapes(map(digit_shape, texts)) == {
        "0\N{NO-BREAK SPACE}Jan",
        "0000",
        "diazepam",
        "00",
        "mg:",
        "0",
        "×",
        "mg",
        "tablet",
    }

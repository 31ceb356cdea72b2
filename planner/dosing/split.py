"""Spreading a daily dose across the times of day, one measurable cut at a time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from planner.dosing.measure import Measure
from planner.model import TIMES_OF_DAY
from planner.validate import check_time_of_day

# A split maps each time of day to micrograms; times not in use hold 0.
Split = dict[str, int]

SPLIT_POLICY_TEXT = {
    None: "doses kept as equal as possible; any remainder at night",
    "morning": "the morning dose is reduced first, then midday, evening, and night last",
    "midday": "the midday dose is reduced first, then morning, evening, and night last",
    "evening": "the evening dose is reduced first, then morning, midday, and night last",
    "night": "the night dose is reduced first, then morning, midday, evening",
}
DAYTIME_FIRST_TEXT = (
    "daytime doses are reduced before the night dose (midday, morning, evening, night)"
)

# Ashton Manual: after a switch to diazepam, daytime doses go before the night dose.
DAYTIME_FIRST: tuple[str, ...] = ("midday", "morning", "evening", "night")


def reduction_order(reduce_first: str | None) -> tuple[str, ...]:
    """The order in which times of day give up their dose under a reduce-first policy.

    Daytime doses go before the night dose (Ashton Manual), after the chosen time.

    Raises:
        PlanError: for a time of day that does not exist.
    """
    check_time_of_day(reduce_first)
    if reduce_first is None:
        return ()
    rest = [t for t in TIMES_OF_DAY if t != reduce_first]
    return (reduce_first, *rest)


def policy_order(reduce_first: str | None, switching: bool) -> tuple[str, ...]:
    """The reduction order for a plan: its reduce-first choice, else even.

    After a switch to diazepam the default is daytime first, as the Ashton Manual does.
    """
    if reduce_first is None:
        return DAYTIME_FIRST if switching else ()
    return reduction_order(reduce_first)


def policy_text(reduce_first: str | None, switching: bool) -> str:
    """The time-of-day policy in words, for summaries and printouts."""
    if reduce_first is None and switching:
        return DAYTIME_FIRST_TEXT
    return SPLIT_POLICY_TEXT[reduce_first]


def _time_to_cut(split: Mapping[str, int], order: tuple[str, ...]) -> str | None:
    if order:
        return next((t for t in order if split[t] > 0), None)
    # Even policy: cut the largest dose; on a tie the earliest time, so night keeps the remainder.
    largest = max(split.values())
    if largest == 0:
        return None
    return next(t for t in TIMES_OF_DAY if split[t] == largest)


def cuts(split: Mapping[str, int], measure: Measure, order: tuple[str, ...]) -> Iterator[Split]:
    """Yield ever smaller splits, each one measurable cut below the one before.

    Every time of day only ever goes down, so a dose never rises at any time of
    day; the sequence ends with all times at zero. An empty ``order`` keeps the
    doses as equal as possible; otherwise times give up their dose in that order.
    """
    current = dict(split)
    while True:
        time = _time_to_cut(current, order)
        if time is None:
            return
        current = {**current, time: measure.next_below(current[time])}
        yield current


def total(split: Mapping[str, int]) -> int:
    """The daily total of a split, in micrograms."""
    return sum(split.values())


def round_to_target(
    split: Mapping[str, int], target_ug: float, measure: Measure, order: tuple[str, ...]
) -> tuple[Split, bool]:
    """The next split for a target daily dose, and whether the cut had to be forced.

    The safer reading of rounding: cut no more than the method asks (the smallest
    measurable daily total at or above the target), unless that would repeat the
    current dose; then take the smallest measurable cut and say so (``forced``).
    """
    chosen: Split | None = None
    for candidate in cuts(split, measure, order):
        if total(candidate) < target_ug:
            if chosen is None:
                return candidate, True
            return chosen, False
        chosen = candidate
    if chosen is None:
        return dict(split), False
    return chosen, False

"""Comparing an area with a benchmark: the Fingertips convention, stated once.

An area is Higher or Lower than a benchmark value only when its 95% interval excludes the value, and
Similar otherwise; Better or Worse replace Higher or Lower where the indicator declares a direction.
With no interval, no benchmark, too few cases or a figure the data make doubtful, the area is Not
compared, and ``not_compared_reason`` says which. The comparison uses the values at full precision;
only their display is rounded.
"""

from __future__ import annotations

import pandas as pd

#: Below this many cases in the denominator an area is not compared (too few for a stable rate).
MIN_DENOMINATOR = 10

HIGHER_IS_BETTER = "higher is better"
LOWER_IS_BETTER = "lower is better"
NOT_COMPARED = "Not compared"

#: Why an area is not compared with a benchmark.
UNCONFIRMED = "unconfirmed"
NO_CASES = "no cases"
NO_INTERVAL = "no interval"
TOO_FEW = "too few cases"
NO_BENCHMARK = "no benchmark"

#: The small-numbers rule in words, for every page that applies it.
SMALL_NUMBERS_RULE = (
    f"An area with fewer than {MIN_DENOMINATOR} cases in the denominator of a rate (requests, plans or "
    "appealable decisions) is not compared: so few cases give too unstable a rate."
)


def not_compared_reason(
    lower: float,
    upper: float,
    benchmark: float,
    denominator: float | None = None,
    unconfirmed: bool = False,
) -> str | None:
    """Why the area cannot be compared with the benchmark, or None when it can.

    In order: a figure the data make doubtful; a rate with no cases (0 of 0); no interval (a
    percentage published without counts); fewer than ``MIN_DENOMINATOR`` cases; no benchmark value.
    """
    if unconfirmed:
        return UNCONFIRMED
    if pd.isna(lower) or pd.isna(upper):
        no_cases = denominator is not None and not pd.isna(denominator) and denominator == 0
        return NO_CASES if no_cases else NO_INTERVAL
    if denominator is not None and (pd.isna(denominator) or denominator < MIN_DENOMINATOR):
        return TOO_FEW
    if pd.isna(benchmark):
        return NO_BENCHMARK
    return None


def compare(
    lower: float,
    upper: float,
    benchmark: float,
    polarity: str | None = None,
    denominator: float | None = None,
    unconfirmed: bool = False,
) -> str:
    """Compare an area with a benchmark value by whether its 95% interval excludes the value.

    Returns Higher / Similar / Lower, or Better / Worse when the indicator declares a polarity, or
    "Not compared" for any reason ``not_compared_reason`` gives.
    """
    if not_compared_reason(lower, upper, benchmark, denominator, unconfirmed) is not None:
        return NOT_COMPARED
    if lower > benchmark:
        direction = "Higher"
    elif upper < benchmark:
        direction = "Lower"
    else:
        return "Similar"
    if polarity == HIGHER_IS_BETTER:
        return "Better" if direction == "Higher" else "Worse"
    if polarity == LOWER_IS_BETTER:
        return "Worse" if direction == "Higher" else "Better"
    return direction

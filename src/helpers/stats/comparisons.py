"""Comparing an area with a benchmark: the Fingertips convention, stated once.

An area is Higher or Lower than a benchmark value only when its 95% interval excludes the value, and
Similar otherwise; Better or Worse replace Higher or Lower where the indicator declares a direction.
With no interval, no benchmark or too few cases, the area is Not compared.
"""

from __future__ import annotations

import pandas as pd

#: Below this many cases in the denominator an area is not compared (too few for a stable rate).
MIN_DENOMINATOR = 10

HIGHER_IS_BETTER = "higher is better"
LOWER_IS_BETTER = "lower is better"
NOT_COMPARED = "Not compared"


def compare(
    lower: float,
    upper: float,
    benchmark: float,
    polarity: str | None = None,
    denominator: float | None = None,
) -> str:
    """Compare an area with a benchmark value by whether its 95% interval excludes the value.

    Returns Higher / Similar / Lower, or Better / Worse when the indicator declares a polarity, or
    "Not compared" when there is no interval, no benchmark or too few cases.
    """
    if any(pd.isna(x) for x in (lower, upper, benchmark)):
        return NOT_COMPARED
    if denominator is not None and (pd.isna(denominator) or denominator < MIN_DENOMINATOR):
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

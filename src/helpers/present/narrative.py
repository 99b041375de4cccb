"""Numbers and comparison sentences for prose, formatted the same way everywhere in the book."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from helpers.stats import comparisons
from helpers.stats.indicators import INDICATORS, Indicator


def round_half_up(value: float, decimals: int = 1) -> Decimal:
    """Round for display, half away from zero (84.25 -> 84.3), not banker's rounding."""
    quantum = Decimal(1).scaleb(-decimals)
    # repr() gives the shortest decimal that round-trips, so 0.15 is treated as 0.15, not 0.1499...
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value: float | None, decimals: int = 1) -> str:
    """A value rounded half-up with thousands separators, or 'not available'."""
    if value is None or pd.isna(value):
        return "not available"
    return f"{round_half_up(value, decimals):,}"


def count(value: float | None) -> str:
    """A whole count with thousands separators, e.g. 1,495."""
    if value is None or pd.isna(value):
        return "not available"
    return f"{int(round_half_up(value, 0)):,}"


def value(value: float | None, indicator: Indicator | str, decimals: int = 1) -> str:
    """A value with its unit: '84.2%' or '36.7 per 1,000'."""
    indicator = INDICATORS[indicator] if isinstance(indicator, str) else indicator
    if value is None or pd.isna(value):
        return "not available"
    if indicator.unit == "%":
        return f"{number(value, decimals)}%"
    return f"{number(value, decimals)} {indicator.unit}"


def interval(lower: float, upper: float, indicator: Indicator | str, decimals: int = 1) -> str:
    """'78.7 to 88.5' (units implied by the value beside it), or '' when there is no interval."""
    if pd.isna(lower) or pd.isna(upper):
        return ""
    return f"{number(lower, decimals)} to {number(upper, decimals)}"


def touches(lower: float, upper: float, benchmark: float, decimals: int = 1) -> bool:
    """Whether a displayed interval bound and a displayed benchmark are the same figure.

    The comparison is made at full precision (``helpers.stats.comparisons``), so an interval shown as
    '3.1 to 3.5' beside a benchmark of '3.5' can be Lower; one more decimal lets the reader see why.
    """
    if any(x is None or pd.isna(x) for x in (lower, upper, benchmark)):
        return False
    shown = round_half_up(benchmark, decimals)
    return shown in (round_half_up(lower, decimals), round_half_up(upper, decimals))


def decimals_apart(lower: float, upper: float, benchmarks: list[float], most: int = 6) -> int:
    """The decimals to show an interval and its benchmarks with: one, or where a displayed bound and a
    displayed benchmark are the same figure, as many more as it takes to tell them apart."""
    decimals = 1
    while decimals < most and any(touches(lower, upper, b, decimals) for b in benchmarks):
        decimals += 1
    return decimals


#: Why a table shows some intervals and benchmarks with more than one decimal.
MORE_DECIMALS_NOTE = (
    "Where an interval and a benchmark round to the same figure, both are shown with more decimals, as "
    "many as it takes to tell them apart, so that the comparison, made at full precision, can be read."
)


#: How pages name the statistical neighbours their benchmarks use.
NEIGHBOUR_NOTE = "statistical neighbours (DfE, May 2025 list)"


def listing(words: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


COMPARISON_WORDS = {
    "Higher": "higher than",
    "Lower": "lower than",
    "Similar": "similar to",
    "Better": "better than",
    "Worse": "worse than",
}


def comparison(flag: str, benchmark_name: str, benchmark_value: float, indicator: Indicator | str) -> str:
    """'higher than England (46.4%)', or 'beside England (5.3%), not compared' without an interval."""
    shown = value(benchmark_value, indicator)
    if flag in COMPARISON_WORDS:
        return f"{COMPARISON_WORDS[flag]} {benchmark_name} ({shown})"
    return f"England: {shown}" if benchmark_name == "England" else f"{benchmark_name}: {shown}"


def names(words: list[str], most: int = 3) -> str:
    """Areas named in a title: 'A', 'A and B', 'A, B and C', or '5 areas' when there are more."""
    return listing(words) if len(words) <= most else f"{len(words)} areas"


#: The small-numbers rule, as the pages state it.
SMALL_NUMBERS_RULE = comparisons.SMALL_NUMBERS_RULE


def not_compared_because(reason: str | None, denominator: float | None = None) -> str:
    """Why an area is not compared, in words: 'only 7 cases, fewer than 10'."""
    return {
        comparisons.UNCONFIRMED: "the figure is not confirmed",
        comparisons.NO_CASES: "no cases, 0 of 0",
        comparisons.NO_INTERVAL: "published as a percentage without counts, so no interval can be computed",
        comparisons.TOO_FEW: f"only {count(denominator)} {'case' if denominator == 1 else 'cases'}, "
        f"fewer than {comparisons.MIN_DENOMINATOR}",
        comparisons.NO_BENCHMARK: "no benchmark value",
    }.get(reason, "")


def years(found: list[int]) -> str:
    """'2014 to 2018' for a run of years, else '2019, 2021 and 2023'."""
    found = sorted(found)
    if len(found) > 2 and found == list(range(found[0], found[-1] + 1)):
        return f"{found[0]} to {found[-1]}"
    return listing([str(year) for year in found])

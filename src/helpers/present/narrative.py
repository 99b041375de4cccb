"""Numbers and comparison sentences for prose, formatted the same way everywhere in the book."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

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


def value(value: float | None, indicator: Indicator | str) -> str:
    """A value with its unit: '84.2%' or '36.7 per 1,000'."""
    indicator = INDICATORS[indicator] if isinstance(indicator, str) else indicator
    if value is None or pd.isna(value):
        return "not available"
    if indicator.unit == "%":
        return f"{number(value)}%"
    return f"{number(value)} {indicator.unit}"


def interval(lower: float, upper: float, indicator: Indicator | str) -> str:
    """'78.7 to 88.5' (units implied by the value beside it), or '' when there is no interval."""
    if pd.isna(lower) or pd.isna(upper):
        return ""
    return f"{number(lower)} to {number(upper)}"


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

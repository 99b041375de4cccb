"""Unit tests of the statistics, on tiny frames with expected values worked out independently."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.stats import indicators
from helpers.stats.benchmarks import neighbour_mean
from helpers.stats.comparisons import HIGHER_IS_BETTER, LOWER_IS_BETTER, MIN_DENOMINATOR, compare
from helpers.stats.intervals import Z95, wilson_interval, with_intervals

# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
# Medicine 17:857-872, Table I, method 3 (Wilson score interval without continuity correction).
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("k", "n", "lower", "upper"), NEWCOMBE)
def test_wilson_interval_matches_newcombe(k, n, lower, upper):
    got_lower, got_upper = wilson_interval(k, n)
    assert float(got_lower) == pytest.approx(lower, abs=0.00005)
    assert float(got_upper) == pytest.approx(upper, abs=0.00005)


def test_wilson_interval_by_hand_for_half():
    # k = 5, n = 10, z = 1.96: centre 0.5; half-width = (z / (1 + z^2/n)) * sqrt(0.025 + z^2/400)
    z = Z95
    half = (z / (1 + z**2 / 10)) * math.sqrt(0.25 / 10 + z**2 / 400)
    lower, upper = wilson_interval(5, 10)
    assert float(lower) == pytest.approx(0.5 - half)
    assert float(upper) == pytest.approx(0.5 + half)
    assert float(lower) == pytest.approx(0.2366, abs=0.0001)


def test_wilson_interval_is_missing_without_a_denominator():
    lower, upper = wilson_interval(np.array([3.0, np.nan, 2.0]), np.array([0.0, 10.0, np.nan]))
    assert np.isnan(lower).all() and np.isnan(upper).all()


def test_with_intervals_scales_value_and_bounds():
    frame = pd.DataFrame({"numerator": [1.0], "denominator": [29.0]})
    out = with_intervals(frame, 1000)
    assert out["value"].iloc[0] == pytest.approx(1000 / 29)
    assert out["lower"].iloc[0] == pytest.approx(6.1, abs=0.05)
    assert out["upper"].iloc[0] == pytest.approx(171.8, abs=0.05)


@pytest.mark.parametrize(
    ("lower", "upper", "benchmark", "polarity", "expected"),
    [
        (50, 60, 40, None, "Higher"),
        (50, 60, 70, None, "Lower"),
        (50, 60, 55, None, "Similar"),
        (50, 60, 60, None, "Similar"),  # a benchmark on the boundary is not excluded
        (50, 60, 40, HIGHER_IS_BETTER, "Better"),
        (50, 60, 70, HIGHER_IS_BETTER, "Worse"),
        (50, 60, 40, LOWER_IS_BETTER, "Worse"),
        (50, 60, 70, LOWER_IS_BETTER, "Better"),
        (np.nan, np.nan, 40, None, "Not compared"),
        (50, 60, np.nan, None, "Not compared"),
    ],
)
def test_compare_uses_the_interval(lower, upper, benchmark, polarity, expected):
    assert compare(lower, upper, benchmark, polarity) == expected


def test_compare_declines_small_counts():
    assert compare(10, 90, 5, None, denominator=MIN_DENOMINATOR - 1) == "Not compared"
    assert compare(10, 90, 5, None, denominator=MIN_DENOMINATOR) == "Higher"


def test_neighbour_mean_ignores_missing_values():
    table = pd.DataFrame(
        {
            "area_code": ["A", "B", "C", "D"],
            "indicator": ["x"] * 4,
            "year": [2024] * 4,
            "value": [10.0, 20.0, np.nan, 60.0],
        }
    )
    out = neighbour_mean(table, ["A", "B", "C"])
    assert out["value"].iloc[0] == pytest.approx(15.0)
    assert out["count"].iloc[0] == 2


def test_region_code_accepts_every_spelling_in_the_files():
    for name in ["London", "INNER LONDON", "Outer London", "East", "EAST OF ENGLAND"]:
        assert indicators.region_code(name) in {"E12000007", "E12000006"}
    assert indicators.region_code("Yorkshire and The Humber") == "E12000003"
    assert indicators.region_code("London (Inner)") is None

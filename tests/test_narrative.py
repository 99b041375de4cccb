"""Display formatting: half-up rounding, separators and units."""

from __future__ import annotations

import math

from helpers.present import narrative


def test_rounding_is_half_up_not_to_even():
    assert str(narrative.round_half_up(84.25)) == "84.3"
    assert str(narrative.round_half_up(0.05)) == "0.1"
    # The float 2.675 is stored as 2.67499...; display rounding treats it as the 2.675 it prints as.
    assert str(narrative.round_half_up(2.675, 2)) == "2.68"
    assert str(narrative.round_half_up(46.45)) == "46.5"


def test_values_carry_units_and_separators():
    assert narrative.value(39407 / 84866 * 100, "plans_20_weeks") == "46.4%"
    assert narrative.value(2954 / 80539 * 1000, "ehcp_per_1000") == "36.7 per 1,000"
    assert narrative.count(10077.0) == "10,077"
    assert narrative.value(math.nan, "plans_20_weeks") == "not available"

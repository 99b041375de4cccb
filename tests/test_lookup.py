"""Finding the area an analyst means, by code, number or name; clear errors with candidates."""

from __future__ import annotations

import pytest

from helpers.data import areas, lookup


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("E09000014", "Haringey"),
        ("e09000014", "Haringey"),
        ("E10000027", "Somerset"),  # abolished county code -> its successor
        ("west sussex", "West Sussex"),
        ("WEST SUSSEX", "West Sussex"),
        ("Somerset County Council", "Somerset"),
        ("Durham", "County Durham"),
        ("St Helens", "St. Helens"),
        ("Poole", "Bournemouth, Christchurch and Poole"),  # merged in 2019
        ("885", "Worcestershire"),
    ],
)
def test_codes_names_and_numbers_resolve(query, name):
    assert lookup.resolve(query).name == name


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "Worcestr",
            r"No upper-tier local authority in England is called 'Worcestr'\. Did you mean Worcestershire",
        ),
        ("Worcester", r"a district council; SEND services there are run by Worcestershire \(E10000034\)"),
        (
            "E10000006",
            r"abolished on 2023-04-01 and replaced by Cumberland \(E06000063\) and Westmorland and Furness",
        ),
        ("Westmorland", r"Did you mean Westmorland and Furness"),
        ("E99999999", r"not the ONS code of any local authority in England"),
        ("Narnia", r"No upper-tier local authority in England is called 'Narnia'\.$"),
        ("999", r"not the DfE number of a current upper-tier local authority"),
        ("  ", r"Give an ONS code"),
    ],
)
def test_unresolvable_queries_name_the_candidates(query, message):
    with pytest.raises(areas.AreaError, match=message):
        lookup.resolve(query)


def test_every_current_area_resolves_by_its_own_name_and_code():
    for area in areas.all_areas():
        assert lookup.resolve(area.name) == area
        assert lookup.resolve(area.code.lower()) == area

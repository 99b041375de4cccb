"""Data contracts: the national files are what the book expects, and agree with official figures.

Expected figures are DfE's, ONS's and MoJ's published headline numbers (quoted from the releases and
from ../shared/data/SOURCES.md), never values copied from this code's output.
"""

from __future__ import annotations

import geopandas as gpd
import pytest

from helpers.data import areas, manifest, sources
from helpers.present import narrative
from helpers.stats import indicators


@pytest.fixture(scope="module")
def table():
    return indicators.national_table()


def figure(table, code, indicator, year):
    rows = table[(table["area_code"] == code) & (table["indicator"] == indicator) & (table["year"] == year)]
    assert len(rows) == 1, f"expected one row for {code} {indicator} {year}, found {len(rows)}"
    return rows.iloc[0]


# --- the area registry --------------------------------------------------------------------------


def test_registry_has_the_153_current_upper_tier_areas():
    registry = areas.registry()
    assert len(registry) == 153
    assert len({area.la_number for area in registry.values()}) == 153
    prefixes = {code[:3] for code in registry}
    assert prefixes == {"E06", "E08", "E09", "E10"}


def test_registry_codes_are_exactly_the_english_boundaries():
    boundaries = gpd.read_file(manifest.path("boundaries_2024"), ignore_geometry=True)
    english = set(boundaries.loc[boundaries["CTYUA24CD"].str.startswith("E"), "CTYUA24CD"])
    assert english == set(areas.registry())


def test_every_area_has_a_region_and_ten_current_neighbours():
    for area in areas.all_areas():
        assert area.region_code.startswith("E12"), area
        current = [n for n in areas.neighbours(area, 2025) if n.area is not None]
        assert len(current) == 10, area.name


@pytest.mark.parametrize(
    ("former", "current", "la_number"),
    [("E10000027", "E06000066", 933), ("E10000023", "E06000065", 815), ("E10000002", "E06000060", 825)],
)
def test_codes_dfe_still_prints_resolve_to_the_successor(former, current, la_number):
    assert areas.get(former).code == current
    assert areas.by_la_number(la_number).code == current


def test_haringey_is_not_york():
    assert areas.get("E09000014").name == "Haringey"
    assert areas.get("E06000014").name == "York"


def test_dfe_files_still_label_somerset_with_the_county_code():
    # The trap the registry exists for: joining on the GSS code would lose Somerset after 2023.
    raw = sources.sen2_timeliness()
    assert (raw.loc[raw["la_number"] == 933, "la_name"] == "Somerset").all()


def test_somerset_neighbours_match_the_may_2025_list(somerset):
    names = [n.name for n in areas.neighbours(somerset)]
    assert names[:4] == ["Suffolk", "Derbyshire", "Dorset", "Shropshire"]
    assert [n.name for n in areas.neighbours(somerset, 2021)][:4] == [
        "Devon",
        "Cornwall",
        "Suffolk",
        "Dorset",
    ]


# --- symbols and missing values -----------------------------------------------------------------


def test_symbols_become_missing_values_with_the_symbol_kept():
    requests = sources.sen2_mi_2023()
    england_2015 = requests[(requests["level"] == "England") & (requests["year"] == 2015)].iloc[0]
    assert england_2015["inreq_ehc_symbol"] == "z"
    assert england_2015["inreq_ehc"] != england_2015["inreq_ehc"]  # NaN


def test_tribunal_nil_is_zero_and_la_figures_add_up_to_england():
    appeals = sources.tribunal_appeals()
    darlington = appeals[(appeals["la_name"] == "Darlington") & (appeals["year"] == 2014)].iloc[0]
    assert darlington["appeals"] == 0 and darlington["appeals_symbol"] == "-"
    las = appeals[appeals["level"] == "Local authority"].groupby("year")[["appeals", "decisions"]].sum()
    england = appeals[appeals["level"] == "England"].set_index("year")[["appeals", "decisions"]]
    assert (las == england).all().all()


def test_tribunal_table_misprints_only_the_known_dfe_numbers():
    # Checked against DfE's LA list: Northamptonshire is 928, Nottinghamshire 891, Nottingham 892,
    # Cambridgeshire 873 and Central Bedfordshire 823. The table prints other numbers for these five,
    # which is why the book identifies its rows by name.
    appeals = sources.tribunal_appeals()
    las = appeals[appeals["level"] == "Local authority"].drop_duplicates("la_name")
    misprinted = {}
    for row in las.itertuples(index=False):
        area = areas.by_name(row.la_name)
        if area is not None and area.la_number != row.la_number_printed:
            misprinted[row.la_name] = int(row.la_number_printed)
    assert misprinted == {
        "Nottinghamshire": 928,
        "Nottingham": 891,
        "Cambridgeshire": 823,
        "Central Bedfordshire": 873,
    }
    northamptonshire = las[las["la_name"] == "Northamptonshire"].iloc[0]
    assert northamptonshire["la_number_printed"] == 892  # abolished in 2021: no current area


def test_every_current_area_is_found_by_name_in_the_tribunal_table():
    names = set(sources.tribunal_appeals()["la_name"])
    found = {areas.by_name(name) for name in names} - {None}
    assert found == set(areas.registry().values())


def test_every_current_area_has_tribunal_figures_for_2024():
    table = indicators.national_table()
    rows = table[(table["indicator"] == "tribunal_appeal_rate") & (table["year"] == 2024)]
    assert set(areas.registry()) <= set(rows["area_code"])


# --- the indicator table ------------------------------------------------------------------------


def test_indicator_table_invariants(table):
    assert set(table["indicator"]) == set(indicators.INDICATORS)
    assert not table.duplicated(["area_code", "indicator", "year"]).any()
    percentages = table[table["indicator"] != "ehcp_per_1000"]["value"].dropna()
    assert percentages.between(0, 100).all()
    bounded = table.dropna(subset=["lower", "upper"])
    assert (bounded["lower"] <= bounded["value"] + 1e-9).all()
    assert (bounded["value"] <= bounded["upper"] + 1e-9).all()
    las = table[table["level"] == "Local authority"]
    assert set(las["area_code"]) <= set(areas.registry())
    assert "E10000027" not in set(table["area_code"])


def test_somerset_has_every_year_despite_its_old_code(table):
    years = table[(table["area_code"] == "E06000066") & (table["indicator"] == "plans_20_weeks")]["year"]
    assert sorted(years) == [2019, 2020, 2021, 2022, 2023, 2024]


def test_england_2024_plans_within_20_weeks_official(table):
    row = figure(table, "E92000001", "plans_20_weeks", 2024)
    assert (row["numerator"], row["denominator"]) == (39407, 84866)
    assert narrative.value(row["value"], "plans_20_weeks") == "46.4%"


@pytest.mark.parametrize(
    ("code", "numerator", "denominator", "shown"),
    [
        ("E09000014", 181, 215, "84.2%"),
        ("E06000066", 190, 567, "33.5%"),
        ("E10000032", 171, 1495, "11.4%"),
    ],
)
def test_three_areas_2024_plans_within_20_weeks_official(table, code, numerator, denominator, shown):
    row = figure(table, code, "plans_20_weeks", 2024)
    assert (row["numerator"], row["denominator"]) == (numerator, denominator)
    assert narrative.value(row["value"], "plans_20_weeks") == shown


@pytest.mark.parametrize(
    ("code", "ehcp", "sen_support"),
    [
        ("E92000001", "5.3%", "14.2%"),
        ("E09000014", "5.5%", "13.9%"),
        ("E06000066", "5.4%", "14.4%"),
        ("E10000032", "5.3%", "16.1%"),
    ],
)
def test_january_2025_school_census_official(table, code, ehcp, sen_support):
    assert narrative.value(figure(table, code, "ehcp_pupils_pct", 2025)["value"], "ehcp_pupils_pct") == ehcp
    assert (
        narrative.value(figure(table, code, "sen_support_pct", 2025)["value"], "sen_support_pct")
        == sen_support
    )


@pytest.mark.parametrize(
    ("code", "appeals", "decisions", "shown"),
    [("E09000014", 123, 3183, "3.9%"), ("E06000066", 382, 6235, "6.1%"), ("E10000032", 350, 10077, "3.5%")],
)
def test_2024_tribunal_appeal_rates_official(table, code, appeals, decisions, shown):
    row = figure(table, code, "tribunal_appeal_rate", 2024)
    assert (row["numerator"], row["denominator"]) == (appeals, decisions)
    assert narrative.value(row["value"], "tribunal_appeal_rate") == shown


def test_tribunal_regions_add_up_to_england_where_both_figures_exist(table):
    rows = table[table["indicator"] == "tribunal_appeal_rate"]
    regions = rows[rows["level"] == "Region"].groupby("year")["denominator"].sum()
    england = rows[rows["level"] == "England"].set_index("year")["denominator"]
    # Isles of Scilly 2023 publishes decisions without appeals, so its 20 decisions are not in a region.
    difference = (england - regions).to_dict()
    assert difference == {**{year: 0 for year in range(2014, 2025)}, 2023: 20}


def test_refusal_rates_official(table):
    # DfE's published England refusal rates: 24.0% (2023) and 25.2% (2024), person-level basis.
    assert (
        narrative.value(figure(table, "E92000001", "requests_refused", 2023)["value"], "requests_refused")
        == "24.0%"
    )
    assert (
        narrative.value(figure(table, "E92000001", "requests_refused", 2024)["value"], "requests_refused")
        == "25.2%"
    )
    # 2023 release, England 2022: 25,255 of 114,482 initial requests refused (22.0602%).
    row = figure(table, "E92000001", "requests_refused", 2022)
    assert (row["numerator"], row["denominator"]) == (25255, 114482)


def test_ehc_plans_per_1000_uses_official_counts(table):
    # DfE: 638,745 EHC plans in England in January 2025; ONS mid-2023: Haringey 80,539 aged 0-25.
    england = figure(table, "E92000001", "ehcp_per_1000", 2025)
    assert england["numerator"] == 638745
    haringey = figure(table, "E09000014", "ehcp_per_1000", 2025)
    assert haringey["denominator"] == 80539
    assert haringey["value"] == pytest.approx(haringey["numerator"] / 80539 * 1000)
    somerset_2023 = figure(table, "E06000066", "ehcp_per_1000", 2023)
    assert somerset_2023["denominator"] == 152128  # ONS mid-2022, ages 0-25

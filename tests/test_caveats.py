"""Caveats where figures need them, tested on the areas where the national files need them.

Expected values are copied from the raw official files, quoted with the file and row they come from
(under the national data directory), or worked out by hand; never from this code's output.
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.data import areas
from helpers.pages import comparison, england_maps
from helpers.present import area_views, england_views, narrative
from helpers.stats import caveats, comparisons, indicators
from helpers.stats.benchmarks import AreaNumbers, benchmarks, neighbour_mean
from helpers.stats.intervals import Z95

MILTON_KEYNES, WALTHAM_FOREST, DORSET, CITY_OF_LONDON = "E06000042", "E09000031", "E06000059", "E09000001"
ISLE_OF_WIGHT, ISLES_OF_SCILLY, HACKNEY = "E06000046", "E06000053", "E09000012"
BCP, CUMBERLAND, HARINGEY, SOMERSET = "E06000058", "E06000063", "E09000014", "E06000066"


@pytest.fixture(scope="module")
def table():
    return indicators.national_table()


def figure(table, code, indicator, year):
    rows = table[(table["area_code"] == code) & (table["indicator"] == indicator) & (table["year"] == year)]
    assert len(rows) == 1, f"expected one row for {code} {indicator} {year}, found {len(rows)}"
    return rows.iloc[0]


def numbers(code: str) -> AreaNumbers:
    return AreaNumbers(areas.get(code))


def summary_line(code: str, title: str) -> str:
    text = area_views.summary(numbers(code), None).data
    lines = [line for line in text.splitlines() if line.startswith(f"- **{title}**")]
    assert len(lines) == 1, f"no summary line for {title}"
    return lines[0]


def datasets(figure_) -> list[dict]:
    """Every record of every inline dataset in a figure's spec."""
    spec = json.loads(figure_.spec_json)
    return [record for values in spec.get("datasets", {}).values() for record in values]


# --- 1. zero refusals where DfE records "decision not made" ----------------------------------------

# sen2_ehcp/2025/data/requests.csv.gz, "All requests for EHC needs assessments" rows: requests received,
# decided not to assess, decision not made.
DOUBTFUL_ZEROS = [
    (MILTON_KEYNES, 2024, 846, 252),
    (WALTHAM_FOREST, 2024, 796, 284),
    (MILTON_KEYNES, 2023, 761, 298),
]


@pytest.mark.parametrize(("code", "year", "received", "undecided"), DOUBTFUL_ZEROS)
def test_zero_refusals_beside_undecided_requests_are_flagged(table, code, year, received, undecided):
    row = figure(table, code, "requests_refused", year)
    assert (row["numerator"], row["denominator"]) == (0, received)
    assert row["unconfirmed"]
    assert f"{undecided} of the {received} requests as “decision not made”" in row["caveat"]


def test_a_zero_with_every_request_decided_is_not_flagged(table):
    # City of London 2024: 5 requests, 5 assessed, 0 refused, 0 with no decision.
    row = figure(table, CITY_OF_LONDON, "requests_refused", 2024)
    assert (row["numerator"], row["denominator"]) == (0, 5)
    assert not row["unconfirmed"] and row["caveat"] == ""


@pytest.mark.parametrize(("code", "year", "received", "undecided"), DOUBTFUL_ZEROS[:2])
def test_the_page_shows_a_flagged_zero_not_compared_and_says_why(code, year, received, undecided):
    row = numbers(code).latest_of("requests_refused")
    assert row["year"] == year
    assert {row["vs_england"], row["vs_region"], row["vs_neighbours"]} == {"Not compared"}
    line = summary_line(code, "Initial requests for assessment refused")
    assert f"0.0% (0 of {received})" in line
    assert "(not compared: the figure is not confirmed)" in line
    assert f"{undecided} of the {received} requests as “decision not made”" in line
    table = area_views.indicator_table(numbers(code)).data
    note = re.search(r"<td>0\.0% \(note (\d)\)<br>", table)
    assert note, "the flagged zero carries no note in the table"
    said = (
        f"Note {note.group(1)}. Initial requests for assessment refused ({year}): "
        "Not compared: the figure is not confirmed."
    )
    assert said in table and f"{undecided} of the {received} requests" in table


def test_flagged_and_former_figures_are_left_out_of_a_neighbour_mean():
    # By hand: the neighbours' confirmed figures are 10 and 20, so the mean is 15 from 2 values.
    table = pd.DataFrame(
        {
            "area_code": ["A", "B", "C", "D"],
            "indicator": ["x"] * 4,
            "year": [2024] * 4,
            "value": [10.0, 20.0, 0.0, 60.0],
            "unconfirmed": [False, False, True, False],
            "former_area": ["", "", "", "the former D"],
        }
    )
    out = neighbour_mean(table, ["A", "B", "C", "D"])
    assert out["value"].iloc[0] == pytest.approx(15.0)
    assert out["count"].iloc[0] == 2


@pytest.mark.parametrize("flagged", [MILTON_KEYNES, WALTHAM_FOREST])
def test_no_neighbour_mean_includes_a_flagged_zero(table, flagged):
    rows = table[(table["indicator"] == "requests_refused") & (table["year"] == 2024)]
    value = rows.set_index("area_code")["value"]
    with_flagged = [a for a in areas.all_areas() if flagged in {n.area.code for n in areas.neighbours(a)}]
    assert with_flagged, "the flagged area is nobody's neighbour: the test would prove nothing"
    for area in with_flagged:
        # Both 2024 zeros are doubtful (Croydon has both as neighbours).
        others = [
            n.area.code for n in areas.neighbours(area) if n.area.code not in {MILTON_KEYNES, WALTHAM_FOREST}
        ]
        expected = value.reindex(others).dropna()
        got = benchmarks(table, area)
        got = got[(got["indicator"] == "requests_refused") & (got["year"] == 2024)].iloc[0]
        assert got["neighbours"] == pytest.approx(expected.mean()), area.name
        assert got["neighbours_with_data"] == len(expected), area.name


def test_flagged_zeros_are_not_the_maps_lowest_and_are_grey():
    found = england_views.choropleth("requests_refused", [])
    # requests.csv.gz 2024: City of London 0 of 5 (every request decided), Walsall 668 of 1,103 = 60.56%.
    assert (
        found.title
        == "Initial requests for assessment refused, 2024: from 0.0% in City of London to 60.6% in Walsall"
    )
    assert "not confirmed (Milton Keynes and Waltham Forest" in found.description
    records = {
        r["code"]: r for r in datasets(found) if isinstance(r, dict) and {"code", "value", "shown"} <= set(r)
    }
    for code in (MILTON_KEYNES, WALTHAM_FOREST):
        assert records[code]["value"] is None and records[code]["shown"] == "0.0% (not confirmed)"
    shown = found.table.set_index("Area")
    assert shown.at["Milton Keynes", "Compared with England"] == "Not compared"
    assert "252 of the 846 requests" in shown.at["Milton Keynes", "Note"]


def test_a_confirmed_zero_is_compared_and_benchmarked_again(monkeypatch):
    monkeypatch.setitem(caveats.CONFIRMED, ("requests_refused", "A", 2024), "the council, in writing")
    frame = pd.DataFrame(
        {
            "indicator": ["requests_refused", "requests_refused"],
            "area_code": ["A", "B"],
            "year": [2024, 2024],
            "caveat": ["doubtful", "doubtful"],
            "unconfirmed": [True, True],
        }
    )
    out = caveats.confirm(frame)
    assert list(out["unconfirmed"]) == [False, True]
    assert out["caveat"].iloc[0] == "Confirmed: the council, in writing."


# --- 2. series across a boundary change are broken, not joined --------------------------------------


def test_dorset_began_in_2019_replacing_the_former_county():
    # lookups/ons_la_code_changes_2018_2025.csv: "E07000049,East Dorset,E06000059,Dorset,merger,2019" and
    # "E10000009,Dorset,,,termination,2019"; DfE gave the new authority a new number (838, not 835).
    assert areas.boundary_change(areas.get(DORSET)) == areas.BoundaryChange(2019, "E10000009", "Dorset")


@pytest.mark.parametrize("code", [SOMERSET, "E06000065", "E06000060"])
def test_a_code_change_with_the_same_boundaries_is_no_break(code):
    # Somerset (933), North Yorkshire (815) and Buckinghamshire (825) kept their county's DfE number.
    assert areas.boundary_change(areas.get(code)) is None


def test_dorset_tribunal_figures_before_2019_are_the_former_county(table):
    # tribunals/send_tribunal_appeal_rate_by_la_2014_2024_long.csv, "Dorset6" (footnote 6: "In 2019 the
    # Dorset boundaries were changed"): 2014 20 of 1,568; 2018 44 of 2,592; 2019 57 of 2,681.
    for year, appeals, decisions, former in [
        (2014, 20, 1568, True),
        (2018, 44, 2592, True),
        (2019, 57, 2681, False),
    ]:
        row = figure(table, DORSET, "tribunal_appeal_rate", year)
        assert (row["numerator"], row["denominator"]) == (appeals, decisions)
        assert (row["former_area"] == "the former Dorset (E10000009)") is former


def test_dorset_trend_breaks_at_2019_with_no_line_across():
    found = area_views.trend(numbers(DORSET), "tribunal_appeal_rate")
    lines: dict[str, set[int]] = {}
    for record in datasets(found):
        if record["series_key"] == "value":
            lines.setdefault(record["series"], set()).add(record["year"])
    assert lines["Dorset"] == set(range(2019, 2025))
    assert lines["Dorset before 2019: the former Dorset (E10000009)"] == set(range(2014, 2019))
    # No band joins them either: the former county's years carry no interval in the chart.
    banded = {r["year"] for r in datasets(found) if r["series_key"] == "value" and r["lower"] is not None}
    assert banded == set(range(2019, 2025))
    assert "drawn apart, not joined" in found.description
    assert "2014 to 2018: A figure for the former Dorset (E10000009)" in found.source
    table = found.table.set_index("Period")
    # 20 / 1,568 = 1.28% by hand, shown in its own column, not under today's Dorset.
    assert table.at["2014", "Dorset before 2019: the former Dorset (E10000009)"] == "1.3%"
    assert table.at["2014", "Dorset"] == "not available"


def test_dorset_comparison_panel_leaves_out_the_former_county():
    found = comparison.load([DORSET, SOMERSET]).small_multiples("tribunal_appeal_rate")
    dorset = found.data[(found.data["area"] == "Dorset") & (found.data["series"] == "The area")]
    assert dorset["period"].min() == "2019"
    assert "Dorset's panel starts in 2019" in found.description


def test_former_county_figures_are_left_out_of_neighbour_means(table):
    somerset = areas.get(SOMERSET)
    assert "Dorset" in [n.name for n in areas.neighbours(somerset)]
    rows = table[(table["indicator"] == "tribunal_appeal_rate") & (table["year"] == 2016)]
    value = rows.set_index("area_code")["value"]
    others = value.reindex(
        [n.area.code for n in areas.neighbours(somerset) if n.area.code != DORSET]
    ).dropna()
    got = numbers(SOMERSET).benchmarked
    got = got[(got["indicator"] == "tribunal_appeal_rate") & (got["year"] == 2016)].iloc[0]
    assert got["neighbours"] == pytest.approx(others.mean())
    assert got["neighbours_with_data"] == len(others)


# --- 3. DfE's footnotes and symbols shown where they apply ------------------------------------------


# sen2_ehcp/2025/data/timeliness_20_week.csv.gz, 2024, "All EHC plans issued": plans_issued_den 585 and 5,
# plans_issued_den_ex 0 and 0; the release's footnote: "For the 2024 calendar year, Dorset and City of
# London have classed all new plans as having permitted exceptions to the 20 week statutory timeframe."
@pytest.mark.parametrize(("code", "plans"), [(DORSET, 585), (CITY_OF_LONDON, 5)])
def test_the_exceptions_footnote_is_shown_where_it_applies(table, code, plans):
    row = figure(table, code, "plans_20_weeks", 2024)
    assert (row["numerator"], row["denominator"]) == (0, 0)
    expected = f"All {plans} new plans issued in 2024 were classed as having permitted exceptions"
    assert expected in row["caveat"]
    line = summary_line(code, "New EHC plans issued within 20 weeks")
    assert (
        "not available (0 of 0)" in line and "(not compared: no cases, 0 of 0)" in line and expected in line
    )
    notes = england_views.choropleth("plans_20_weeks", []).table.set_index("Area")["Note"]
    assert expected in notes[areas.get(code).name]


def test_symbols_are_explained_where_a_value_is_not_published(table):
    # requests.csv.gz 2023, Hackney: every cell "x" (DfE: unavailable).
    hackney = figure(table, HACKNEY, "requests_refused", 2023)
    assert (
        math.isnan(hackney["value"])
        and hackney["caveat"] == "The published table shows “x” here: not available."
    )
    assert (
        "2023: The published table shows “x” here"
        in area_views.trend(numbers(HACKNEY), "requests_refused").source
    )
    # The tribunal table, 2023, Isles of Scilly: the appeals cell is blank.
    scilly = figure(table, ISLES_OF_SCILLY, "tribunal_appeal_rate", 2023)
    assert "leaves the count blank" in scilly["caveat"]


# --- 4. ties named in map titles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        # lait_send_indicators_long.csv, SEN_TotStat 2025: Knowsley 7.6 and Tower Hamlets 7.6 (the highest).
        ("ehcp_pupils_pct", "to 7.6% in Knowsley and Tower Hamlets"),
        # The tribunal table, 2024: City of London nil of 26 and Isles of Scilly nil of 57; East Sussex 516
        # of 5,574 = 9.26%.
        ("tribunal_appeal_rate", "from 0.0% in City of London and Isles of Scilly to 9.3% in East Sussex"),
        # timeliness_20_week.csv.gz 2024: every plan within 20 weeks in Barnet (601), Isles of Scilly (1),
        # Kensington and Chelsea (82), Wandsworth (404), Westminster (98), Windsor and Maidenhead (127).
        ("plans_20_weeks", "to 100.0% in 6 areas"),
    ],
)
def test_map_titles_name_every_area_tied_at_the_extreme(indicator, expected):
    found = england_views.choropleth(indicator, [])
    assert found.title.endswith(expected)


def test_a_long_tie_is_counted_in_the_title_and_named_in_the_description():
    found = england_views.choropleth("plans_20_weeks", [])
    assert (
        "highest: Barnet, Isles of Scilly, Kensington and Chelsea, Wandsworth, Westminster and Windsor and "
        "Maidenhead (100.0%)"
    ) in found.description


def test_extremes_tie_on_the_value_shown_and_skip_unconfirmed_figures():
    frame = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D", "E"],
            "value": [0.04, 0.0, 0.0, 9.96, 10.0],
            "unconfirmed": [False, False, True, False, False],
        }
    )
    low, high = england_views.extremes(frame, "plans_20_weeks")
    assert low == ("0.0%", ["A", "B"])  # 0.04 is shown as 0.0%; C is not confirmed
    assert high == ("10.0%", ["D", "E"])


# --- 5. the too-few-cases threshold stated, and the reason made exact -------------------------------


@pytest.mark.parametrize(
    ("code", "title", "reason"),
    [
        # timeliness_20_week.csv.gz 2024: Isle of Wight 2 of 7, Isles of Scilly 1 of 1 within 20 weeks.
        (ISLE_OF_WIGHT, "New EHC plans issued within 20 weeks", "only 7 cases, fewer than 10"),
        (ISLES_OF_SCILLY, "New EHC plans issued within 20 weeks", "only 1 case, fewer than 10"),
        # requests.csv.gz 2024: City of London 0 refused of 5.
        (CITY_OF_LONDON, "Initial requests for assessment refused", "only 5 cases, fewer than 10"),
    ],
)
def test_the_summary_and_the_table_give_the_exact_reason_an_area_is_not_compared(code, title, reason):
    line = summary_line(code, title)
    assert f"(not compared: {reason})" in line
    assert "no interval can be computed" not in line
    table = area_views.indicator_table(numbers(code)).data
    assert f"{title} (2024): Not compared: {reason}." in table
    compared = comparison.load([code, HARINGEY]).indicator_table().data
    assert f"{areas.get(code).name}, {title} (2024): Not compared: {reason}." in compared


def test_percentages_without_counts_still_say_no_interval_can_be_computed():
    line = summary_line(HARINGEY, "Pupils with an EHC plan")
    assert "published as a percentage without counts, so no interval can be computed" in line


def test_the_threshold_is_stated_on_every_page_that_uses_it():
    rule = narrative.SMALL_NUMBERS_RULE
    assert f"fewer than {comparisons.MIN_DENOMINATOR} cases" in rule
    haringey = areas.get(HARINGEY)
    assert rule in area_views.summary(numbers(HARINGEY), None).data
    assert rule in area_views.caveats(haringey).data
    assert rule in area_views.indicator_table(numbers(HARINGEY)).data
    assert rule in comparison.load([HARINGEY, SOMERSET]).indicator_table().data
    assert rule in england_maps.load([HARINGEY, SOMERSET]).introduction().data


def test_the_reason_follows_the_rule_in_order():
    assert comparisons.not_compared_reason(0, 0.5, 25, 846, unconfirmed=True) == comparisons.UNCONFIRMED
    assert comparisons.not_compared_reason(math.nan, math.nan, 46.4, 0) == comparisons.NO_CASES
    assert comparisons.not_compared_reason(math.nan, math.nan, 5.3) == comparisons.NO_INTERVAL
    assert comparisons.not_compared_reason(10, 70, 46.4, 9) == comparisons.TOO_FEW
    assert comparisons.not_compared_reason(10, 70, math.nan, 10) == comparisons.NO_BENCHMARK
    assert comparisons.not_compared_reason(10, 70, 46.4, 10) is None


# --- 6. years in order ------------------------------------------------------------------------------


def year_of(period: str) -> int:
    return int(period.split()[-1])


@pytest.mark.parametrize("code", [BCP, CUMBERLAND, HACKNEY, DORSET])
def test_trend_tables_list_years_in_order(code):
    # These areas' own series start later than England's (BCP and Dorset in 2019, Cumberland in 2023) or
    # miss a year (Hackney's 2023 requests are "x"), which put their years out of order before.
    for indicator in indicators.INDICATORS:
        periods = [year_of(p) for p in area_views.trend(numbers(code), indicator).table["Period"]]
        assert periods == sorted(periods), (code, indicator)
        assert len(periods) == len(set(periods))


def test_small_multiples_tables_list_each_areas_years_in_order():
    found = comparison.load([BCP, HARINGEY]).small_multiples("tribunal_appeal_rate")
    assert list(dict.fromkeys(found.table["Area"])) == ["Bournemouth, Christchurch and Poole", "Haringey"]
    for _, rows in found.table.groupby("Area"):
        periods = [year_of(p) for p in rows["Period"]]
        assert periods == sorted(periods) and periods[0] == 2014


def test_trend_titles_span_every_series():
    # England's tribunal series starts in 2014, BCP's only in 2019.
    found = area_views.trend(numbers(BCP), "tribunal_appeal_rate")
    assert "from 2014 to 2024" in found.description


# --- 7. the maps page follows the run list ----------------------------------------------------------


def test_the_maps_introduction_names_the_run_list_not_profiled_areas():
    codes = [HARINGEY, SOMERSET, "E10000032", DORSET, MILTON_KEYNES]
    text = england_maps.load(codes).introduction().data
    assert "run list" in text and "profiled" not in text
    assert "(Haringey, Somerset, West Sussex, Dorset and Milton Keynes)" in text


# --- 8. flags at full precision, and one more decimal where the display would mislead ---------------


def wilson(k: int, n: int) -> tuple[float, float]:
    """The Wilson score interval worked from its formula, independently of the book's code."""
    z, p = Z95, k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = (z / (1 + z**2 / n)) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return 100 * (centre - half), 100 * (centre + half)


def test_haringey_tribunal_flag_uses_full_precision_and_shows_two_decimals():
    # Haringey 2024: 123 appeals of 3,183 decisions; England 22,276 of 689,739 = 3.2296%.
    lower, upper = wilson(123, 3183)
    england = 100 * 22276 / 689739
    assert round(lower, 1) == round(england, 1) == 3.2  # shown to one decimal they are the same figure
    assert lower > england  # but the interval excludes England
    row = numbers(HARINGEY).latest_of("tribunal_appeal_rate")
    assert row["vs_england"] == "Higher"
    table = area_views.indicator_table(numbers(HARINGEY)).data
    assert f"{lower:.2f} to {upper:.2f}" == "3.25 to 4.59"
    assert "3.25 to 4.59 (95%)" in table and "<td>3.23%<br>Higher</td>" in table
    assert narrative.MORE_DECIMALS_NOTE in table


def test_decimals_grow_until_bound_and_benchmark_differ():
    assert narrative.decimals_apart(3.2484, 4.5914, [3.2296]) == 2  # 3.25 against 3.23
    assert narrative.decimals_apart(1.89148, 3.22958, [3.22963]) == 5  # 3.22958 against 3.22963
    assert narrative.decimals_apart(2.9, 3.9, [3.2]) == 1  # the benchmark is inside, not on a bound


def test_the_flag_is_not_computed_from_rounded_figures():
    # Shown to one decimal, 3.22958 and 3.22963 are both 3.2: rounded, the area would be Similar.
    assert comparisons.compare(1.89148, 3.22958, 3.22963) == "Lower"
    assert comparisons.compare(round(1.89148, 1), round(3.22958, 1), round(3.22963, 1)) == "Similar"


# --- the built book ---------------------------------------------------------------------------------


def built_text(page: str) -> str:
    file = paths.HTML / page
    assert file.is_file(), f"{file} was not built: run `make book` first"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", file.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_the_built_pages_carry_the_caveats():
    rule = narrative.SMALL_NUMBERS_RULE
    haringey = built_text("chapters/areas/profiles/haringey.html")
    assert rule in haringey and "3.25 to 4.59" in haringey and "3.23%" in haringey
    maps = built_text("chapters/england/maps.html")
    assert rule in maps and "run list" in maps and "profiled in this book" not in maps
    assert "from 0.0% in City of London and Isles of Scilly to 9.3% in East Sussex" in maps
    assert "from 0.0% in City of London to 60.6% in Walsall" in maps
    assert rule in built_text("chapters/compare/compare.html")

"""Charts and maps, tested as Vega-Lite specs rather than pixels."""

from __future__ import annotations

import json

import pytest

from helpers.data import boundaries
from helpers.pages import area_profile
from helpers.present import charts, maps
from helpers.present.figures import chart_spec


@pytest.fixture(scope="module")
def page():
    return area_profile.load("E09000014")


def test_trend_chart_never_relies_on_colour_alone(page):
    spec = chart_spec(page.trend("plans_20_weeks").chart)
    band, lines = spec["layer"]
    encoding = lines["encoding"]
    assert {"color", "strokeDash", "shape"} <= set(encoding)
    assert len({json.dumps(d) for d in encoding["strokeDash"]["scale"]["range"]}) == 4
    assert len(set(encoding["shape"]["scale"]["range"])) == 4
    assert set(encoding["color"]["scale"]["range"]) <= set(charts.PALETTE.values())
    assert band["mark"]["type"] == "area"


def test_trend_chart_has_active_title_subtitle_and_description(page):
    figure = page.trend("plans_20_weeks")
    spec = chart_spec(figure.chart)
    assert (
        spec["title"]["text"] == "New EHC plans issued within 20 weeks: Haringey better than England in 2024"
    )
    assert spec["title"]["subtitle"] == [
        "% of new EHC plans issued within 20 weeks, excluding exceptions, 2019 to 2024",
        "Haringey, London, statistical neighbours (DfE, May 2025 list) and England",
    ]
    assert "84.2% in 2024" in spec["description"] and "46.4% in 2024" in spec["description"]


def test_no_interval_band_without_an_interval(page):
    spec = chart_spec(page.trend("ehcp_pupils_pct").chart)
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line"]


def test_figure_html_has_table_csv_and_no_outside_reference(page):
    figure = page.trend("tribunal_appeal_rate")
    html = figure._repr_html_()
    assert "<table" in html and 'scope="col"' in html
    assert 'download="haringey-tribunal_appeal_rate.csv"' in html and "data:text/csv" in html
    assert "$schema" not in html and "https://" not in html
    assert figure.element_id == page.trend("tribunal_appeal_rate").element_id  # reproducible


def test_locator_map_reads_the_shared_boundary_file(page):
    spec = chart_spec(page.locator().chart)
    shapes = spec["layer"][0]
    assert shapes["data"] == {"url": maps.BOUNDARIES_URL, "format": {"property": "features", "type": "json"}}
    assert spec["projection"] == maps.PROJECTION  # shared by every layer
    assert "coordinates" not in json.dumps(spec)  # geometry is never embedded in a page


def test_locator_frame_roles(page):
    roles = maps.locator_frame(page.area).set_index("name")["role"]
    assert roles["Haringey"] == "area"
    assert roles["Waltham Forest"] == "neighbour"
    assert roles["Camden"] == "region"
    assert roles["Somerset"] == "other"
    assert (roles == "neighbour").sum() == 10


def test_prepared_boundaries_are_valid_england_only_in_british_national_grid(tmp_path):
    import geopandas as gpd

    written = boundaries.write_boundaries(tmp_path / "england.geojson")
    frame = gpd.read_file(written)
    assert len(frame) == 153 and frame["code"].str.startswith("E").all()
    assert frame.is_valid.all()
    minx, miny, maxx, maxy = frame.total_bounds
    assert 80_000 < minx < 150_000 and 650_000 < maxy < 700_000  # metres east and north, not degrees
    assert written.stat().st_size < 400_000


@pytest.fixture(scope="module")
def england_maps():
    from helpers.pages import england_maps

    return england_maps.load(["E09000014", "E06000066", "E10000032"])


def test_choropleth_reads_shared_boundaries_and_outlines_the_book_areas(england_maps):
    figure = england_maps.choropleth("tribunal_appeal_rate")
    spec = chart_spec(figure.chart)
    england = spec["vconcat"][0]  # the London panel below it: tests/test_london.py
    assert england["projection"] == maps.PROJECTION
    urls = {json.dumps(layer["data"]) for layer in england["layer"] if "url" in layer.get("data", {})}
    assert urls == {
        json.dumps({"url": maps.BOUNDARIES_URL, "format": {"property": "features", "type": "json"}})
    }
    outline = next(layer for layer in england["layer"] if layer["mark"].get("stroke") == "#0B0C0C")
    assert outline["transform"][0]["filter"]["oneOf"] == ["E09000014", "E06000066", "E10000032"]
    assert outline["mark"]["aria"] is False
    assert len(figure.table) == 153 and len(figure.data) == 153
    assert "Haringey 3.9%" in figure.description


def test_inspection_map_has_at_most_four_categories_and_a_date_on_hover(england_maps):
    figure = england_maps.inspection_map()
    shapes = chart_spec(figure.chart)["vconcat"][0]["layer"][0]
    assert len(shapes["encoding"]["color"]["scale"]["domain"]) == 4
    assert "Inspection began" in [t["title"] for t in shapes["encoding"]["tooltip"]]
    table = figure.table.set_index("Area")
    assert table.loc["Haringey", "Latest outcome"] == "Typically positive experiences and outcomes"
    assert table.loc["Haringey", "Inspection began"] == "29 January 2024"
    assert table.loc["West Sussex", "Latest outcome"] == "Inconsistent experiences and outcomes"
    assert table.loc["Somerset", "Latest outcome"] == "Written statement of action required"
    assert table.loc["Somerset", "Framework"] == "2016"


def test_every_kind_of_figure_is_a_valid_vega_lite_spec(page, england_maps):
    from helpers.pages import comparison

    compare = comparison.load(["E09000014", "E06000066"])
    figures = [
        page.trend("plans_20_weeks"),
        page.trend("ehcp_pupils_pct"),
        page.locator(),
        page.evidence.timeline(),
        england_maps.choropleth("ehcp_per_1000"),
        england_maps.inspection_map(),
        compare.small_multiples("tribunal_appeal_rate"),
        compare.map(),
    ]
    for figure in figures:
        chart_spec(figure.chart, validate=True)  # raises SchemaValidationError on an invalid spec

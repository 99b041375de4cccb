"""Charts and maps, tested as Vega-Lite specs rather than pixels."""

from __future__ import annotations

import json

import pytest

from helpers import charts, maps, profile
from helpers.figures import chart_spec


@pytest.fixture(scope="module")
def page():
    return profile.load("E09000014")


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

    written = maps.write_boundaries(tmp_path / "england.geojson")
    frame = gpd.read_file(written)
    assert len(frame) == 153 and frame["code"].str.startswith("E").all()
    assert frame.is_valid.all()
    minx, miny, maxx, maxy = frame.total_bounds
    assert 80_000 < minx < 150_000 and 650_000 < maxy < 700_000  # metres east and north, not degrees
    assert written.stat().st_size < 400_000

"""London on the England maps: a second panel with the 33 boroughs enlarged and named, tested as
Vega-Lite specs and drawn offline with the published boundaries."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest
import vl_convert

from helpers.data import areas, boundaries
from helpers.present import maps
from helpers.present.figures import chart_spec

BOOK_AREAS = ["E09000014", "E06000066", "E10000032"]  # Haringey, Somerset, West Sussex
BOUNDARY_DATA = {"url": maps.BOUNDARIES_URL, "format": {"property": "features", "type": "json"}}


@pytest.fixture(scope="module")
def england_maps():
    from helpers.pages import england_maps

    return england_maps.load(BOOK_AREAS)


@pytest.fixture(scope="module")
def choropleth(england_maps):
    return england_maps.choropleth("tribunal_appeal_rate")


def london_filter(layer: dict) -> list[str] | None:
    """The codes a layer is filtered to, if it is filtered by code."""
    for transform in layer.get("transform", []):
        predicate = transform.get("filter")
        if isinstance(predicate, dict) and predicate.get("field") == "properties.code":
            return predicate["oneOf"]
    return None


def test_london_is_its_33_boroughs():
    london = maps.london_areas()
    assert len(london) == 33
    assert all(area.code.startswith("E09") for area in london)
    names = {area.name for area in london}
    assert {"City of London", "Haringey", "Westminster", "Havering", "Hillingdon"} <= names


@pytest.mark.parametrize(
    "name, lines",
    [
        ("Barking and Dagenham", "Barking\nand Dagenham"),
        ("Richmond upon Thames", "Richmond\nupon Thames"),
        ("City of London", "City\nof London"),
        ("Tower Hamlets", "Tower\nHamlets"),
        ("Haringey", "Haringey"),
    ],
)
def test_long_names_break_onto_two_lines(name, lines):
    assert maps.label_lines(name) == lines


def test_the_choropleth_has_england_and_london_panels_reading_the_shared_boundaries(choropleth):
    spec = chart_spec(choropleth.chart)
    england, london = spec["vconcat"]
    assert england["projection"] == maps.PROJECTION and london["projection"] == maps.PROJECTION
    assert london["title"]["text"] == "London's 33 boroughs, enlarged"
    boundary_layers = [layer for panel in (england, london) for layer in panel["layer"] if "data" in layer]
    urls = [layer["data"] for layer in boundary_layers if "url" in layer["data"]]
    assert urls and all(data == BOUNDARY_DATA for data in urls)
    assert "coordinates" not in json.dumps(spec)  # geometry is never embedded in a page
    # One colour scale for both panels, so a borough's shade means the same value on each.
    assert spec["resolve"]["scale"]["color"] == "shared"


def test_every_london_shape_is_filtered_to_the_33_boroughs(choropleth):
    spec = chart_spec(choropleth.chart)
    london_codes = sorted(area.code for area in maps.london_areas())
    shapes = [layer for layer in spec["vconcat"][1]["layer"] if layer["mark"]["type"] == "geoshape"]
    fills = [layer for layer in shapes if layer["mark"].get("stroke") != "#0B0C0C"]
    assert fills and all(sorted(london_filter(layer)) == london_codes for layer in fills)
    # The book's one London area is outlined in the London panel; Somerset and West Sussex are not.
    outline = [layer for layer in shapes if layer["mark"].get("stroke") == "#0B0C0C"]
    assert [london_filter(layer) for layer in outline] == [["E09000014"]]


def test_every_borough_is_named_and_the_book_area_in_bold(choropleth):
    spec = chart_spec(choropleth.chart)
    datasets = spec["datasets"]
    texts = [
        layer
        for layer in spec["vconcat"][1]["layer"]
        if layer["mark"]["type"] == "text" and "tooltip" in layer["encoding"]
    ]
    named = {
        row["code"]: (row["label"], layer["mark"]["fontWeight"])
        for layer in texts
        for row in datasets[layer["data"]["name"]]
    }
    assert len(named) == 33
    assert named["E09000014"] == ("Haringey", "bold")
    assert named["E09000002"] == ("Barking\nand Dagenham", "normal")


def test_a_borough_name_reads_its_value_on_hover(choropleth):
    labels = maps.london_labels(choropleth.data[["code", "name"]].assign(shown="x"), [])
    assert set(labels.columns) >= {"code", "x", "y", "label", "marked", "name", "shown"}
    # Haringey's 2024 tribunal appeal rate: 123 appeals of 3,183 appealable decisions (MoJ and DfE).
    figure_row = choropleth.data.set_index("code").loc["E09000014"]
    assert (figure_row["numerator"], figure_row["denominator"]) == (123, 3183)
    spec = chart_spec(choropleth.chart)
    label_layer = next(
        layer
        for layer in spec["vconcat"][1]["layer"]
        if layer["mark"]["type"] == "text" and "tooltip" in layer["encoding"]
    )
    assert [t["field"] for t in label_layer["encoding"]["tooltip"]] == ["name", "shown"]
    rows = spec["datasets"][label_layer["data"]["name"]]
    named = {row["code"]: row for row in rows}
    haringey_rows = [
        row
        for layer in spec["vconcat"][1]["layer"]
        if layer["mark"]["type"] == "text" and "tooltip" in layer["encoding"]
        for row in spec["datasets"][layer["data"]["name"]]
        if row["code"] == "E09000014"
    ]
    assert [row["shown"] for row in haringey_rows] == ["3.9%"]
    assert all(row["name"] for row in named.values())


@pytest.fixture(scope="module")
def london_shapes():
    shapes = boundaries.england_boundaries()
    return shapes[shapes["code"].isin([area.code for area in maps.london_areas()])].set_index("code")


def test_no_two_borough_names_overlap(london_shapes):
    """Each name's box, at the London panel's size, clears every other (Arial's characters taken as
    0.58 em wide, a little wider than most), so every borough can be read."""
    west, south, east, north = london_shapes.total_bounds
    scale = min(maps.LONDON_SIZE["width"] / (east - west), maps.LONDON_SIZE["height"] / (north - south))
    labels = maps.london_labels(pd.DataFrame(columns=["code", "name", "shown"]), [])
    boxes = {}
    for row in labels.itertuples():
        lines = row.label.split("\n")
        half_width = max(map(len, lines)) * 0.58 * maps.LABEL_FONT_SIZE / 2
        half_height = len(lines) * maps.LABEL_LINE_HEIGHT / 2
        x, y = (row.x - west) * scale, (north - row.y) * scale
        boxes[row.code] = (x - half_width, y - half_height, x + half_width, y + half_height)
    overlapping = [
        (first, second)
        for (first, a), (second, b) in itertools.combinations(boxes.items(), 2)
        if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
    ]
    assert overlapping == []


def test_each_name_is_on_its_borough_or_joined_to_it_by_a_line(london_shapes, choropleth):
    from shapely.geometry import Point

    labels = maps.london_labels(pd.DataFrame(columns=["code", "name", "shown"]), [])
    outside = sorted(
        row.code
        for row in labels.itertuples()
        if not london_shapes.loc[row.code, "geometry"].contains(Point(row.x, row.y))
    )
    assert outside == sorted(maps.LONDON_LEADERS) == ["E09000001"]  # the City of London alone
    spec = chart_spec(choropleth.chart)
    [leader] = [layer for layer in spec["vconcat"][1]["layer"] if layer["mark"]["type"] == "rule"]
    assert [row["code"] for row in spec["datasets"][leader["data"]["name"]]] == ["E09000001"]


def test_a_label_moved_off_its_point_stays_near_its_borough():
    london = {area.code for area in maps.london_areas()}
    assert set(maps.LONDON_LABEL_SHIFT) <= london
    # Moved no more than 2.5 km.
    assert all(abs(east) <= 2500 and abs(north) <= 2500 for east, north in maps.LONDON_LABEL_SHIFT.values())


def test_no_london_outline_when_no_book_area_is_in_london(england_maps):
    from helpers.present import england_views

    figure = england_views.choropleth("plans_20_weeks", [areas.get("E06000066")])
    shapes = [
        layer
        for layer in chart_spec(figure.chart)["vconcat"][1]["layer"]
        if layer["mark"]["type"] == "geoshape"
    ]
    assert all(layer["mark"].get("stroke") != "#0B0C0C" for layer in shapes)


def test_the_inspection_map_has_the_london_panel_with_its_four_categories(england_maps):
    figure = england_maps.inspection_map()
    england, london = chart_spec(figure.chart)["vconcat"]
    fill = london["layer"][0]
    assert len(fill["encoding"]["color"]["scale"]["domain"]) == 4
    assert "Inspection began" in [t["title"] for t in fill["encoding"]["tooltip"]]
    # The accessible table still lists every area, London's included.
    assert len(figure.table) == 153 and "Haringey" in set(figure.table["Area"])


def test_both_panels_are_valid_vega_lite_and_draw_offline_with_the_boundaries(choropleth, tmp_path):
    spec = chart_spec(choropleth.chart, validate=True)
    # The page loads the boundaries from the site; here they are inlined to draw the spec as the page would.
    written = boundaries.write_boundaries(tmp_path / "england.geojson")
    features = json.loads(written.read_text())

    def inline(node):
        if isinstance(node, dict):
            if node.get("url") == maps.BOUNDARIES_URL:
                return {"values": features, "format": node["format"]}
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    svg = vl_convert.vegalite_to_svg(inline(spec))
    assert "London&apos;s 33 boroughs, enlarged" in svg or "London's 33 boroughs, enlarged" in svg
    for name in ("Hillingdon", "Havering", "Westminster", "Haringey"):
        assert f">{name}<" in svg

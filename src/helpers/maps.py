"""Maps: boundaries prepared once for every map, and map charts that reference them by URL.

Boundaries are the ONS December 2024 ultra-generalised counties and unitary authorities, England
only, made valid, projected to the British National Grid (EPSG:27700, metres; the projection suited
to Great Britain) and simplified for the screen. Every map in the site reads the one published file.
"""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely

from helpers import areas, manifest
from helpers.charts import PALETTE

#: Site-relative URL of the published boundary file (resolved against the site root by the page).
BOUNDARIES_URL = "_static/maps/england_utla_2024.geojson"
BNG = "EPSG:27700"
#: Douglas-Peucker tolerance in metres: invisible at page size, keeps the file small.
SIMPLIFY_METRES = 250
COORDINATE_DECIMALS = 0


def england_boundaries() -> gpd.GeoDataFrame:
    """The 153 English upper-tier areas, valid, in British National Grid, simplified."""
    raw = gpd.read_file(manifest.path("boundaries_2024"))
    england = raw[raw["CTYUA24CD"].str.startswith("E")].to_crs(BNG)
    england = england.assign(geometry=shapely.make_valid(england.geometry.values))
    england = england.assign(
        geometry=england.geometry.simplify_coverage(SIMPLIFY_METRES)
        if hasattr(england.geometry, "simplify_coverage")
        else england.geometry.simplify(SIMPLIFY_METRES, preserve_topology=True)
    )
    england = england.assign(
        geometry=shapely.set_precision(england.geometry.values, 10**-COORDINATE_DECIMALS)
    )
    frame = england[["CTYUA24CD", "CTYUA24NM", "BNG_E", "BNG_N", "geometry"]].rename(
        columns={"CTYUA24CD": "code", "CTYUA24NM": "name", "BNG_E": "label_x", "BNG_N": "label_y"}
    )
    return frame.sort_values("code").reset_index(drop=True)


def write_boundaries(target: Path) -> Path:
    """Write the prepared boundaries as compact GeoJSON (coordinates in metres) to ``target``."""
    frame = england_boundaries()
    features = json.loads(frame.drop(columns=["label_x", "label_y"]).to_json(drop_id=True))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(features, separators=(",", ":")), encoding="utf-8")
    return target


def label_points() -> pd.DataFrame:
    """ONS label points (easting, northing) of every area, for text labels on maps."""
    raw = gpd.read_file(manifest.path("boundaries_2024"), ignore_geometry=True)
    raw = raw[raw["CTYUA24CD"].str.startswith("E")]
    return pd.DataFrame(
        {"code": raw["CTYUA24CD"], "x": raw["BNG_E"].astype(float), "y": raw["BNG_N"].astype(float)}
    )


LOCATOR_CATEGORIES = {
    "area": ("{name}", PALETTE["dark blue"]),
    "neighbour": ("Statistical neighbour (2025 list)", PALETTE["orange"]),
    "region": ("Elsewhere in {region}", PALETTE["turquoise"]),
    "other": ("Rest of England", "#E6E6E6"),
}


def locator_frame(area: areas.Area) -> pd.DataFrame:
    """One row per English area: its role on the area's locator map."""
    neighbour_codes = {n.area.code for n in areas.neighbours(area) if n.area is not None}
    rows = []
    for other in areas.all_areas():
        if other.code == area.code:
            role = "area"
        elif other.code in neighbour_codes:
            role = "neighbour"
        elif other.region_code == area.region_code:
            role = "region"
        else:
            role = "other"
        label = LOCATOR_CATEGORIES[role][0].format(name=area.name, region=area.region_name)
        rows.append({"code": other.code, "name": other.name, "role": role, "category": label})
    return pd.DataFrame(rows)


#: Coordinates are already British National Grid metres: draw them as they are, north up.
PROJECTION = {"type": "identity", "reflectY": True}


def locator_map(area: areas.Area, title: str, subtitle: list[str], description: str) -> alt.LayerChart:
    """England with the area, its statistical neighbours and the rest of its region picked out."""
    roles = locator_frame(area)
    order = [
        LOCATOR_CATEGORIES[r][0].format(name=area.name, region=area.region_name) for r in LOCATOR_CATEGORIES
    ]
    colours = [LOCATOR_CATEGORIES[r][1] for r in LOCATOR_CATEGORIES]
    shapes = (
        alt.Chart(alt.Data(url=BOUNDARIES_URL, format=alt.DataFormat(property="features", type="json")))
        .mark_geoshape(stroke="#FFFFFF", strokeWidth=0.6)
        .transform_lookup(
            lookup="properties.code",
            from_=alt.LookupData(data=roles, key="code", fields=["name", "category"]),
        )
        .encode(
            color=alt.Color(
                "category:N",
                sort=order,
                scale=alt.Scale(domain=order, range=colours),
                legend=alt.Legend(title=None, orient="bottom", columns=1),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Area"),
                alt.Tooltip("category:N", title="On this map"),
            ],
        )
        .project(**PROJECTION)
    )
    points = label_points().merge(roles, on="code")
    marked = points[points["role"] == "area"]
    label = (
        alt.Chart(marked)
        .mark_text(fontSize=14, fontWeight="bold", dy=-14, color="#0B0C0C", stroke="#FFFFFF", strokeWidth=0)
        .encode(longitude="x:Q", latitude="y:Q", text="name:N")
        .project(**PROJECTION)
    )
    dot = (
        alt.Chart(marked)
        .mark_point(shape="circle", size=90, filled=False, strokeWidth=2.5, color="#0B0C0C")
        .encode(longitude="x:Q", latitude="y:Q")
        .project(**PROJECTION)
    )
    return alt.layer(shapes, dot, label).properties(
        width=420,
        height=480,
        description=description,
        title=alt.TitleParams(text=title, subtitle=subtitle),
    )

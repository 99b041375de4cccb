"""England's boundaries, prepared once for every map, and the points maps put labels at.

Boundaries are the ONS December 2024 ultra-generalised counties and unitary authorities, England
only, made valid, projected to the British National Grid (EPSG:27700, metres; the projection suited
to Great Britain) and simplified for the screen. Every map in the site reads the one published file
(``paths.BOUNDARIES_URL``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from helpers.data import manifest, store

BNG = "EPSG:27700"
#: Douglas-Peucker tolerance in metres: invisible at page size, keeps the file small.
SIMPLIFY_METRES = 250
COORDINATE_DECIMALS = 0


def england_boundaries():
    """The 153 English upper-tier areas, valid, in British National Grid, simplified (a GeoDataFrame)."""
    # geopandas is imported here, not at the top: only the build prepares boundaries, and pages
    # should not pay for importing it.
    import geopandas as gpd
    import shapely

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


@store.table("label-points")
def label_points() -> pd.DataFrame:
    """ONS label points (easting, northing) of every area, for text labels on maps."""
    import geopandas as gpd

    raw = gpd.read_file(manifest.path("boundaries_2024"), ignore_geometry=True)
    raw = raw[raw["CTYUA24CD"].str.startswith("E")]
    return pd.DataFrame(
        {"code": raw["CTYUA24CD"], "x": raw["BNG_E"].astype(float), "y": raw["BNG_N"].astype(float)}
    )

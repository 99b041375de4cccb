"""Maps: Altair map charts that read the one published boundary file by URL.

The boundaries are prepared once by ``helpers.data.boundaries`` (British National Grid metres), so every
map draws them as they are with an identity projection, and labels areas at the ONS label points.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import paths
from helpers.data import areas
from helpers.data.boundaries import label_points
from helpers.present.charts import PALETTE

#: Site-relative URL of the published boundary file (resolved against the site root by the page).
BOUNDARIES_URL = paths.BOUNDARIES_URL


LOCATOR_CATEGORIES = {
    "area": ("{name}", PALETTE["dark blue"]),
    "neighbour": ("Statistical neighbour (2025 list)", PALETTE["orange"]),
    "region": ("Elsewhere in {region}", PALETTE["turquoise"]),
    "other": ("Rest of England", "#E6E6E6"),
}


def _map(layers: list, title: str, subtitle: list[str], description: str) -> alt.LayerChart:
    """Layers drawn as one map: a single projection (so every layer is fitted to the same extent),
    the map size, its title, subtitle and description."""
    return (
        alt.layer(*layers)
        .project(**PROJECTION)
        .properties(
            width=420,
            height=480,
            description=description,
            title=alt.TitleParams(text=title, subtitle=subtitle),
        )
    )


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
    )
    points = label_points().merge(roles, on="code")
    marked = points[points["role"] == "area"]
    label = (
        alt.Chart(marked)
        .mark_text(fontSize=14, fontWeight="bold", dy=-14, color="#0B0C0C", stroke="#FFFFFF", strokeWidth=0)
        .encode(longitude="x:Q", latitude="y:Q", text="name:N")
    )
    dot = (
        alt.Chart(marked)
        .mark_point(shape="circle", size=90, filled=False, strokeWidth=2.5, color="#0B0C0C")
        .encode(longitude="x:Q", latitude="y:Q")
    )
    return _map([shapes, dot, label], title, subtitle, description)


def _boundaries() -> alt.Chart:
    return alt.Chart(alt.Data(url=BOUNDARIES_URL, format=alt.DataFormat(property="features", type="json")))


def _marked_areas(marked: list[areas.Area]) -> list[alt.Chart]:
    """Outline and label the book's own areas on a national map."""
    codes = [area.code for area in marked]
    outline = (
        _boundaries()
        .transform_filter(alt.FieldOneOfPredicate(field="properties.code", oneOf=codes))
        .mark_geoshape(fill="transparent", fillOpacity=0, stroke="#0B0C0C", strokeWidth=2.2, aria=False)
    )
    points = label_points()
    points = points[points["code"].isin(codes)].assign(
        name=lambda frame: frame["code"].map({area.code: area.name for area in marked})
    )
    # A white outline under the label keeps it legible over any fill.
    halo = (
        alt.Chart(points)
        .mark_text(
            fontSize=13,
            fontWeight="bold",
            dy=-12,
            stroke="#FFFFFF",
            strokeWidth=3,
            color="#FFFFFF",
            aria=False,
        )
        .encode(longitude="x:Q", latitude="y:Q", text="name:N")
    )
    label = (
        alt.Chart(points)
        .mark_text(
            fontSize=13, fontWeight="bold", dy=-12, color="#0B0C0C", description="Names of the book's areas"
        )
        .encode(longitude="x:Q", latitude="y:Q", text="name:N")
    )
    return [outline, halo, label]


NO_DATA_COLOUR = "#B1B4B6"


def choropleth(
    values: pd.DataFrame,
    value_title: str,
    value_format: str,
    marked: list[areas.Area],
    title: str,
    subtitle: list[str],
    description: str,
) -> alt.LayerChart:
    """England's upper-tier areas shaded by ``values`` (columns code, name, value, shown).

    Areas without a value are grey and say so on hover; the book's areas are outlined and labelled.
    """
    lookup = alt.LookupData(data=values, key="code", fields=["name", "value", "shown"])
    base = _boundaries().transform_lookup(lookup="properties.code", from_=lookup)
    missing = (
        base.transform_filter("!isValid(datum.value)")
        .mark_geoshape(
            fill=NO_DATA_COLOUR,
            stroke="#FFFFFF",
            strokeWidth=0.5,
            description="Areas with no published value",
        )
        .encode(
            tooltip=[
                alt.Tooltip("properties.name:N", title="Area"),
                alt.Tooltip("shown:N", title=value_title),
            ]
        )
    )
    shaded = (
        base.transform_filter("isValid(datum.value)")
        .mark_geoshape(stroke="#FFFFFF", strokeWidth=0.5, description="Areas shaded by value")
        .encode(
            color=alt.Color(
                "value:Q",
                title=value_title,
                scale=alt.Scale(range=["#DCE6F0", PALETTE["dark blue"]]),
                legend=alt.Legend(orient="bottom", format=value_format, gradientLength=300, titleLimit=400),
            ),
            tooltip=[alt.Tooltip("name:N", title="Area"), alt.Tooltip("shown:N", title=value_title)],
        )
    )
    # An empty layer would still leave an unlabelled container in the SVG, so add it only when needed.
    fills = [missing, shaded] if values["value"].isna().any() else [shaded]
    return _map([*fills, *_marked_areas(marked)], title, subtitle, description)


def category_map(
    categories: pd.DataFrame,
    order: list[str],
    colours: list[str],
    marked: list[areas.Area],
    title: str,
    subtitle: list[str],
    description: str,
    tooltip: list[tuple[str, str]],
    category_title: str = "Outcome",
) -> alt.LayerChart:
    """England's upper-tier areas coloured by a category (columns code, name, category and tooltip fields)."""
    fields = ["name", "category", *[field for field, _ in tooltip]]
    lookup = alt.LookupData(data=categories, key="code", fields=list(dict.fromkeys(fields)))
    shapes = (
        _boundaries()
        .transform_lookup(lookup="properties.code", from_=lookup)
        .mark_geoshape(stroke="#FFFFFF", strokeWidth=0.5, description="Areas coloured by category")
        .encode(
            color=alt.Color(
                "category:N",
                sort=order,
                scale=alt.Scale(domain=order, range=colours),
                legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=420),
            ),
            tooltip=[alt.Tooltip("name:N", title="Area"), alt.Tooltip("category:N", title=category_title)]
            + [alt.Tooltip(f"{field}:N", title=label) for field, label in tooltip],
        )
    )
    return _map([shapes, *_marked_areas(marked)], title, subtitle, description)

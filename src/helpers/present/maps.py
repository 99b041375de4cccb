"""Maps: Altair map charts that read the one published boundary file by URL.

The boundaries are prepared once by ``helpers.data.boundaries`` (British National Grid metres), so every
map draws them as they are with an identity projection, and labels areas at the ONS label points.

The national maps (a choropleth, a map of categories) have two panels: England, and below it London's
33 boroughs enlarged and named, because at England's scale a London borough is a few pixels across and
cannot be found or read. Both panels read the same boundary file and share one colour scale.
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

#: Coordinates are already British National Grid metres: draw them as they are, north up.
PROJECTION = {"type": "identity", "reflectY": True}

#: The map of England, and the London panel below it on national maps.
ENGLAND_SIZE = {"width": 420, "height": 480}
#: London is about 58 km from west to east and 45 km from south to north; at this size its names can
#: be set at the book's smallest legible size for chart text.
LONDON_SIZE = {"width": 600, "height": 464}
LONDON_TITLE = "London's 33 boroughs, enlarged"
LABEL_FONT_SIZE = 12
LABEL_LINE_HEIGHT = 13

#: Where a borough's name would run into a neighbour's at the London panel's size, its label is moved
#: this many metres (east, north) from the ONS label point: the smallest moves that clear every overlap
#: while each name stays on its borough (tests/test_london.py checks both).
LONDON_LABEL_SHIFT: dict[str, tuple[float, float]] = {
    "E09000001": (250, -1750),  # City of London: moved off, see LONDON_LEADERS
    "E09000007": (-1000, 250),  # Camden
    "E09000012": (0, 500),  # Hackney
    "E09000013": (0, -1250),  # Hammersmith and Fulham
    "E09000019": (750, 0),  # Islington
    "E09000020": (-250, 750),  # Kensington and Chelsea
    "E09000022": (0, -500),  # Lambeth
    "E09000025": (250, -250),  # Newham
    "E09000027": (0, -500),  # Richmond upon Thames
    "E09000028": (0, 1000),  # Southwark
    "E09000030": (-250, 1000),  # Tower Hamlets
    "E09000032": (-250, 250),  # Wandsworth
    "E09000033": (0, 1250),  # Westminster
}
#: The City of London is too small for its name: the name sits just south of it, on the Thames, with
#: a line to the City.
LONDON_LEADERS = ("E09000001",)

NO_DATA_COLOUR = "#B1B4B6"

LOCATOR_CATEGORIES = {
    "area": ("{name}", PALETTE["dark blue"]),
    "neighbour": ("Statistical neighbour (2025 list)", PALETTE["orange"]),
    "region": ("Elsewhere in {region}", PALETTE["turquoise"]),
    "other": ("Rest of England", "#E6E6E6"),
}


def _map(layers: list, title: str, subtitle: list[str], description: str) -> alt.LayerChart:
    """Layers drawn as one map of England: a single projection (so every layer is fitted to the same
    extent), the map size, its title, subtitle and description."""
    return (
        alt.layer(*layers)
        .project(**PROJECTION)
        .properties(
            **ENGLAND_SIZE, description=description, title=alt.TitleParams(text=title, subtitle=subtitle)
        )
    )


def _boundaries() -> alt.Chart:
    return alt.Chart(alt.Data(url=BOUNDARIES_URL, format=alt.DataFormat(property="features", type="json")))


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


def locator_map(area: areas.Area, title: str, subtitle: list[str], description: str) -> alt.LayerChart:
    """England with the area, its statistical neighbours and the rest of its region picked out."""
    roles = locator_frame(area)
    order = [
        LOCATOR_CATEGORIES[r][0].format(name=area.name, region=area.region_name) for r in LOCATOR_CATEGORIES
    ]
    colours = [LOCATOR_CATEGORIES[r][1] for r in LOCATOR_CATEGORIES]
    shapes = (
        _boundaries()
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
            strokeJoin="round",
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


# --- London, enlarged ------------------------------------------------------------------------------


def london_areas() -> list[areas.Area]:
    """London's boroughs and the City of London: the areas of the London region."""
    return [area for area in areas.all_areas() if area.region_code == areas.LONDON_CODE]


def label_lines(name: str) -> str:
    """A borough's name on at most two lines, broken where it reads naturally ('Barking' / 'and
    Dagenham', 'Tower' / 'Hamlets'), so it fits the borough's shape."""
    for joint in (" and ", " upon ", " of "):
        if joint in name:
            first, rest = name.split(joint, 1)
            return f"{first}\n{joint.strip()} {rest}"
    return name.replace(" ", "\n", 1)


def london_labels(values: pd.DataFrame, marked: list[areas.Area]) -> pd.DataFrame:
    """One row per London borough: where its name goes on the London panel, the name broken into
    lines, whether it is one of the book's areas, and the values the map shows on hover."""
    points = label_points().set_index("code")
    marked_codes = {area.code for area in marked}
    rows = []
    for area in london_areas():
        east, north = LONDON_LABEL_SHIFT.get(area.code, (0.0, 0.0))
        rows.append(
            {
                "code": area.code,
                "x": points.loc[area.code, "x"] + east,
                "y": points.loc[area.code, "y"] + north,
                "point_x": points.loc[area.code, "x"],
                "point_y": points.loc[area.code, "y"],
                "label": label_lines(area.name),
                "marked": area.code in marked_codes,
            }
        )
    frame = pd.DataFrame(rows)
    extra = [column for column in values.columns if column not in frame.columns]
    return frame.merge(values[extra + ["code"]], on="code", how="left")


def _london_names(labels: pd.DataFrame, tooltip: list[alt.Tooltip]) -> list[alt.Chart]:
    """Every borough named on the London panel, over a white halo; the book's own areas in bold; a
    line from a name set beside its borough to the borough. The names carry the shapes' tooltip, so
    hovering a name reads the same as hovering its borough."""
    layers = []
    leaders = labels[labels["code"].isin(LONDON_LEADERS)]
    if not leaders.empty:
        layers.append(
            alt.Chart(leaders)
            .mark_rule(color="#0B0C0C", strokeWidth=1, aria=False)
            .encode(longitude="x:Q", latitude="y:Q", longitude2="point_x:Q", latitude2="point_y:Q")
        )
    lines = labels["label"].str.count("\n") + 1
    for (marked, count), subset in labels.groupby([labels["marked"], lines], sort=True):
        text = {
            "fontSize": LABEL_FONT_SIZE,
            "lineHeight": LABEL_LINE_HEIGHT,
            "fontWeight": "bold" if marked else "normal",
            "lineBreak": "\n",
            "align": "center",
            "baseline": "middle",
            # Vega sets a name's first line at its point and the next below: centre the whole name.
            "dy": -(count - 1) * LABEL_LINE_HEIGHT / 2,
        }
        layers.append(
            alt.Chart(subset)
            .mark_text(
                **text, stroke="#FFFFFF", strokeWidth=2.5, strokeJoin="round", color="#FFFFFF", aria=False
            )
            .encode(longitude="x:Q", latitude="y:Q", text="label:N")
        )
        layers.append(
            alt.Chart(subset)
            .mark_text(**text, color="#0B0C0C", aria=False)
            .encode(longitude="x:Q", latitude="y:Q", text="label:N", tooltip=tooltip)
        )
    return layers


def _london_outlines(marked: list[areas.Area]) -> list[alt.Chart]:
    codes = [area.code for area in marked if area.region_code == areas.LONDON_CODE]
    if not codes:
        return []
    return [
        _boundaries()
        .transform_filter(alt.FieldOneOfPredicate(field="properties.code", oneOf=codes))
        .mark_geoshape(fill="transparent", fillOpacity=0, stroke="#0B0C0C", strokeWidth=2.2, aria=False)
    ]


def _in_london(layer: alt.Chart) -> alt.Chart:
    codes = [area.code for area in london_areas()]
    return layer.transform_filter(alt.FieldOneOfPredicate(field="properties.code", oneOf=codes))


def _national_map(
    fills: list[alt.Chart],
    labels: pd.DataFrame,
    tooltip: list[alt.Tooltip],
    marked: list[areas.Area],
    title: str,
    subtitle: list[str],
    description: str,
) -> alt.VConcatChart:
    """England with the book's areas outlined and labelled, and London enlarged below it with every
    borough named; one colour scale and one legend for both panels."""
    england = alt.layer(*fills, *_marked_areas(marked)).project(**PROJECTION).properties(**ENGLAND_SIZE)
    london = (
        alt.layer(
            *[_in_london(fill) for fill in fills], *_london_outlines(marked), *_london_names(labels, tooltip)
        )
        .project(**PROJECTION)
        .properties(
            **LONDON_SIZE,
            title=alt.TitleParams(LONDON_TITLE, fontSize=14, anchor="middle"),
            description=f"{LONDON_TITLE}, with the same colours as the map of England, each borough named",
        )
    )
    return (
        alt.vconcat(england, london, spacing=24, center=True)
        .resolve_scale(color="shared")
        .properties(description=description, title=alt.TitleParams(text=title, subtitle=subtitle))
    )


def choropleth(
    values: pd.DataFrame,
    value_title: str,
    value_format: str,
    marked: list[areas.Area],
    title: str,
    subtitle: list[str],
    description: str,
) -> alt.VConcatChart:
    """England's upper-tier areas shaded by ``values`` (columns code, name, value, shown), with London
    enlarged below it.

    Areas without a value are grey and say so on hover; the book's areas are outlined and labelled.
    """
    lookup = alt.LookupData(data=values, key="code", fields=["name", "value", "shown"])
    base = _boundaries().transform_lookup(lookup="properties.code", from_=lookup)
    tooltip = [alt.Tooltip("name:N", title="Area"), alt.Tooltip("shown:N", title=value_title)]
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
            tooltip=tooltip,
        )
    )
    # An empty layer would still leave an unlabelled container in the SVG, so add it only when needed.
    fills = [missing, shaded] if values["value"].isna().any() else [shaded]
    labels = london_labels(values[["code", "name", "shown"]], marked)
    return _national_map(fills, labels, tooltip, marked, title, subtitle, description)


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
) -> alt.VConcatChart:
    """England's upper-tier areas coloured by a category (columns code, name, category and tooltip
    fields), with London enlarged below it."""
    fields = list(dict.fromkeys(["name", "category", *[field for field, _ in tooltip]]))
    lookup = alt.LookupData(data=categories, key="code", fields=fields)
    hover = [alt.Tooltip("name:N", title="Area"), alt.Tooltip("category:N", title=category_title)] + [
        alt.Tooltip(f"{field}:N", title=label) for field, label in tooltip
    ]
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
            tooltip=hover,
        )
    )
    labels = london_labels(categories[["code", *fields]], marked)
    return _national_map([shapes], labels, hover, marked, title, subtitle, description)

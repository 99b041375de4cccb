"""Charts in the book's house theme. Functions return ``alt.Chart`` objects; they never display or save."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.stats.indicators import INDICATORS

#: The Analysis Function palette, in the order categories take it.
PALETTE = {
    "dark blue": "#12436D",
    "turquoise": "#28A197",
    "dark pink": "#801650",
    "orange": "#F46A25",
    "grey": "#3D3D3D",
    "light purple": "#A285D1",
}
FONT = "Arial, Helvetica, sans-serif"
WIDTH = 560

# Altair validates every schema object as it is made, which costs more than drawing the chart. The
# book's charts are validated whole instead, kind by kind, in the tests (tests/test_charts.py).
alt.utils.schemapi.disable_debug_mode()


@alt.theme.register("evidence_book", enable=True)
def evidence_book_theme() -> alt.theme.ThemeConfig:
    """Readable type, the Analysis Function palette, light gridlines."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
            "range": {"category": list(PALETTE.values())},
            "title": {
                "fontSize": 17,
                "subtitleFontSize": 14,
                "anchor": "start",
                "color": "#0B0C0C",
                "subtitleColor": "#3D3D3D",
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 13,
                "titleFontSize": 13,
                "labelColor": "#0B0C0C",
                "titleColor": "#0B0C0C",
                "gridColor": "#D9D9D9",
                "domainColor": "#3D3D3D",
                "tickColor": "#3D3D3D",
            },
            "legend": {
                "labelFontSize": 13,
                "titleFontSize": 13,
                "orient": "bottom",
                "labelLimit": 420,
                "labelColor": "#0B0C0C",
                "titleColor": "#0B0C0C",
                "symbolSize": 120,
            },
        }
    }


#: Series in a trend chart: colour, dash and point shape, so no series relies on colour alone.
SERIES_STYLE = {
    "area": (PALETTE["dark blue"], [1, 0], "circle"),
    "England": (PALETTE["orange"], [6, 3], "square"),
    "region": (PALETTE["turquoise"], [2, 2], "triangle-up"),
    "neighbours": (PALETTE["dark pink"], [8, 2, 2, 2], "diamond"),
}


def trend_frame(
    benchmarked: pd.DataFrame, indicator_id: str, area_name: str, region_name: str
) -> pd.DataFrame:
    """Long frame of one indicator over time: the area (with interval), England, region, neighbours."""
    rows = benchmarked[benchmarked["indicator"] == indicator_id]
    labels = {
        "value": area_name,
        "england": "England",
        "region": region_name,
        "neighbours": "Statistical neighbours (mean)",
    }
    # melt needs its value column to be new, so the area's own column is measured in place.
    rows = rows.rename(columns={"value": "area_value"})
    labels = {("area_value" if key == "value" else key): label for key, label in labels.items()}
    long = rows.melt(
        id_vars=["year", "period", "lower", "upper"],
        value_vars=list(labels),
        var_name="series_key",
        value_name="value",
    )
    long["series"] = long["series_key"].map(labels)
    long["series_key"] = long["series_key"].replace({"area_value": "value"})
    is_area = long["series_key"] == "value"
    long.loc[~is_area, ["lower", "upper"]] = float("nan")
    return long.dropna(subset=["value"]).reset_index(drop=True)


def trend_chart(
    frame: pd.DataFrame, indicator_id: str, title: str, subtitle: list[str], description: str
) -> alt.LayerChart:
    """Lines over time for the area and its benchmarks; a band shows the area's 95% interval."""
    indicator = INDICATORS[indicator_id]
    order = list(dict.fromkeys(frame["series"]))
    keys = dict(zip(frame["series"], frame["series_key"], strict=True))
    style_key = {
        "value": "area",
        "england": "England",
        "region": "region",
        "neighbours": "neighbours",
    }
    colours = [SERIES_STYLE[style_key[keys[s]]][0] for s in order]
    dashes = [SERIES_STYLE[style_key[keys[s]]][1] for s in order]
    shapes = [SERIES_STYLE[style_key[keys[s]]][2] for s in order]
    axis_title = indicator.unit if indicator.unit != "%" else "Per cent"
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    legend = alt.Legend(title=None, columns=2, symbolStrokeWidth=2)
    # The data goes on the layer chart, once: given to each layer, Altair would compare the copies.
    base = alt.Chart()
    band = (
        base.transform_filter(alt.datum.series_key == "value")
        .mark_area(opacity=0.18, color=PALETTE["dark blue"])
        .encode(x=x, y=alt.Y("lower:Q"), y2="upper:Q")
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(size=70, filled=True), strokeWidth=2.5).encode(
        x=x,
        y=alt.Y("value:Q", title=axis_title, scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", sort=order, scale=alt.Scale(domain=order, range=colours), legend=legend),
        strokeDash=alt.StrokeDash(
            "series:N", sort=order, scale=alt.Scale(domain=order, range=dashes), legend=legend
        ),
        shape=alt.Shape("series:N", sort=order, scale=alt.Scale(domain=order, range=shapes), legend=legend),
        tooltip=[
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title=indicator.unit, format=".1f"),
            alt.Tooltip("lower:Q", title="95% interval from", format=".1f"),
            alt.Tooltip("upper:Q", title="95% interval to", format=".1f"),
        ],
    )
    # A band only where the area has an interval (percentages published without counts have none).
    layers = [band, lines] if frame["lower"].notna().any() else [lines]
    return alt.layer(*layers, data=frame).properties(
        width=WIDTH,
        height=220,
        description=description,
        title=alt.TitleParams(text=title, subtitle=subtitle),
    )


#: The series of a small-multiples panel, with the trend chart's style of each.
PANEL_SERIES = {
    "value": ("The area", "area"),
    "england": ("England", "England"),
    "neighbours": ("Its statistical neighbours (mean)", "neighbours"),
}


def small_multiples(
    data: pd.DataFrame,
    indicator_id: str,
    areas_in_order: list[str],
    title: str,
    subtitle: list[str],
    description: str,
) -> alt.FacetChart:
    """One panel per area (columns area, series, year, period, value, lower, upper): the area with its
    interval band, England and its neighbours' mean over time."""
    indicator = INDICATORS[indicator_id]
    order = [label for label, _ in PANEL_SERIES.values()]
    styles = [SERIES_STYLE[style] for _, style in PANEL_SERIES.values()]
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    band = (
        alt.Chart()
        .transform_filter(alt.datum.series == order[0])
        .mark_area(opacity=0.18, color=PALETTE["dark blue"])
        .encode(x=x, y=alt.Y("lower:Q"), y2="upper:Q")
    )
    legend = alt.Legend(title=None, orient="bottom", columns=3)
    lines = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(size=45, filled=True), strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=indicator.unit if indicator.unit != "%" else "Per cent"),
            color=alt.Color(
                "series:N",
                sort=order,
                scale=alt.Scale(domain=order, range=[s[0] for s in styles]),
                legend=legend,
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                sort=order,
                scale=alt.Scale(domain=order, range=[s[1] for s in styles]),
                legend=legend,
            ),
            shape=alt.Shape(
                "series:N",
                sort=order,
                scale=alt.Scale(domain=order, range=[s[2] for s in styles]),
                legend=legend,
            ),
            tooltip=[
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("value:Q", title=indicator.unit, format=".1f"),
            ],
        )
    )
    layers = [band, lines] if data["lower"].notna().any() else [lines]
    return (
        alt.layer(*layers, data=data)
        .properties(width=230, height=170)
        .facet(
            facet=alt.Facet("area:N", title=None, sort=areas_in_order),
            columns=min(3, len(areas_in_order)),
        )
        .properties(description=description, title=alt.TitleParams(text=title, subtitle=subtitle))
    )


def timeline(
    frame: pd.DataFrame,
    groups: dict[str, tuple[str, str]],
    title: str,
    subtitle: list[str],
    description: str,
) -> alt.Chart:
    """Dated items as points on a time axis, one row per group (columns id, when, date_shown, event,
    strength, group); ``groups`` gives each group's colour and point shape, in row order."""
    order = list(groups)
    return (
        alt.Chart(frame[["id", "when", "date_shown", "event", "strength", "group"]])
        .mark_point(size=110, filled=True, opacity=0.9)
        .encode(
            x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("group:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "group:N",
                sort=order,
                legend=None,
                scale=alt.Scale(domain=order, range=[groups[g][0] for g in order]),
            ),
            shape=alt.Shape(
                "group:N",
                sort=order,
                legend=None,
                scale=alt.Scale(domain=order, range=[groups[g][1] for g in order]),
            ),
            tooltip=[
                alt.Tooltip("date_shown:N", title="Date"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("strength:N", title="Strength"),
                alt.Tooltip("id:N", title="Item"),
            ],
        )
        .properties(
            width=WIDTH,
            height=60 + 45 * len(order),
            description=description,
            title=alt.TitleParams(text=title, subtitle=subtitle),
        )
    )


#: The colour and shape of an area's point in the spine chart, by its comparison with England. Shape
#: and the printed flag carry the comparison too, so colour is never the only cue.
FLAG_STYLE = {
    "Better": (PALETTE["dark blue"], "triangle-up"),
    "Worse": (PALETTE["orange"], "triangle-down"),
    "Higher": (PALETTE["dark pink"], "triangle-up"),
    "Lower": (PALETTE["turquoise"], "triangle-down"),
    "Similar": (PALETTE["grey"], "circle"),
    "Not compared": ("#FFFFFF", "circle"),
}
#: Width of the spine itself; the labels and values sit either side of it.
SPINE_WIDTH = 250


def spine_chart(frame: pd.DataFrame, columns: list[str], title: str, subtitle: list[str], description: str):
    """Fingertips-style spine chart: one row per indicator, England at the centre of every row, the range
    of all areas as a bar (middle half darker), region and neighbour-mean markers, and each area's point
    coloured and shaped by its comparison with England, with the value and flag as text.

    ``frame`` has one row per indicator and column (area): label, column, position (the area, scaled so
    England is 0 and the furthest area is 1 away), low, q1, q3, high, region, neighbours (scaled),
    flag and shown (the value and flag as text). ``columns`` orders the areas, one column of points each.
    """
    rows = list(dict.fromkeys(frame["label"]))
    x = alt.X("low:Q", scale=alt.Scale(domain=[-1.05, 1.05]), axis=None)
    flags = [f for f in FLAG_STYLE if f in set(frame["flag"])]
    per_column = []
    for number, column in enumerate(columns):
        part = frame[frame["column"] == column]
        base = alt.Chart(part)
        # The indicator names label the first column's rows only.
        y = alt.Y(
            "label:N",
            sort=rows,
            title=None,
            axis=alt.Axis(labelLimit=230, labelFontSize=11, ticks=False) if number == 0 else None,
        )
        spine = [
            base.mark_bar(color="#DDDDDD", height=16).encode(y=y, x=x, x2="high:Q"),
            base.mark_bar(color="#A6A6A6", height=16).encode(y=y, x="q1:Q", x2="q3:Q"),
            # England: the centre line of every row.
            alt.Chart(part).mark_rule(color="#000000", strokeWidth=1.5).encode(x=alt.datum(0)),
            base.mark_tick(color="#000000", thickness=2, size=18, orient="vertical").encode(
                y=y, x="region:Q", tooltip=[alt.Tooltip("region_shown:N", title="Region")]
            ),
            base.mark_point(shape="diamond", color="#000000", filled=False, size=90, strokeWidth=1.5).encode(
                y=y, x="neighbours:Q", tooltip=[alt.Tooltip("neighbours_shown:N", title="Neighbours (mean)")]
            ),
            base.mark_point(size=170, filled=True, stroke="#000000", strokeWidth=1).encode(
                y=y,
                x="position:Q",
                color=alt.Color(
                    "flag:N",
                    scale=alt.Scale(domain=flags, range=[FLAG_STYLE[f][0] for f in flags]),
                    legend=alt.Legend(title="Compared with England", orient="bottom", direction="horizontal"),
                ),
                shape=alt.Shape(
                    "flag:N",
                    scale=alt.Scale(domain=flags, range=[FLAG_STYLE[f][1] for f in flags]),
                    legend=alt.Legend(title="Compared with England", orient="bottom", direction="horizontal"),
                ),
                tooltip=[alt.Tooltip("label:N", title="Indicator"), alt.Tooltip("shown:N", title=column)],
            ),
        ]
        chart = alt.layer(*spine).properties(
            width=SPINE_WIDTH if len(columns) == 1 else 150, height=30 * len(rows)
        )
        text = base.mark_text(align="left", fontSize=11, dx=4).encode(
            y=alt.Y("label:N", sort=rows, axis=None), text="shown:N"
        )
        if len(columns) > 1:
            chart = chart.properties(title=alt.TitleParams(column, fontSize=12, anchor="middle"))
            per_column.append(chart)
        else:
            per_column += [chart, text.properties(width=140, height=30 * len(rows))]
    return (
        alt.hconcat(*per_column, spacing=6)
        .properties(description=description, title=alt.TitleParams(text=title, subtitle=subtitle))
        .resolve_scale(y="shared")
    )


def trend_panels(frame: pd.DataFrame, panels: list[str], title: str, subtitle: list[str], description: str):
    """Every indicator's trend in one figure: a panel each (own scales), the area with its 95% interval
    band beside England, its region and its neighbours' mean. ``frame`` is the trend charts' long frame
    with a ``panel`` column; a former authority's figures are a series of their own, never joined."""
    order = list(dict.fromkeys(frame["series"]))
    keys = dict(zip(frame["series"], frame["series_key"], strict=False))
    area_series = [s for s in order if keys[s] == "value"]
    style_key = {"value": "area", "england": "England", "region": "region", "neighbours": "neighbours"}

    def style(series: str, part: int):
        if keys[series] == "value" and series != area_series[0]:
            return ("#6F777B", [4, 2], "square")[part]  # a former authority: grey, dashed
        return SERIES_STYLE[style_key[keys[series]]][part]

    legend = alt.Legend(title=None, orient="bottom", columns=2, symbolStrokeWidth=2, labelLimit=320)
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap="greedy"))
    base = alt.Chart()
    band = (
        base.transform_filter(alt.datum.series == area_series[0])
        .mark_area(opacity=0.18, color=PALETTE["dark blue"])
        .encode(x=x, y=alt.Y("lower:Q"), y2="upper:Q")
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True), strokeWidth=2).encode(
        x=x,
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=True)),
        color=alt.Color(
            "series:N",
            sort=order,
            scale=alt.Scale(domain=order, range=[style(s, 0) for s in order]),
            legend=legend,
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            sort=order,
            scale=alt.Scale(domain=order, range=[style(s, 1) for s in order]),
            legend=legend,
        ),
        shape=alt.Shape(
            "series:N",
            sort=order,
            scale=alt.Scale(domain=order, range=[style(s, 2) for s in order]),
            legend=legend,
        ),
        detail="series:N",
        tooltip=[
            alt.Tooltip("panel:N", title="Indicator"),
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("shown:N", title="Value"),
        ],
    )
    layered = alt.layer(band, lines).properties(width=255, height=130)
    return (
        alt.FacetChart(
            data=frame,
            spec=layered,
            facet=alt.Facet(
                "panel:N",
                sort=panels,
                title=None,
                header=alt.Header(labelFontSize=12, labelFontWeight="bold", labelLimit=300),
            ),
            columns=2,
        )
        .resolve_scale(y="independent", x="independent")
        .properties(description=description, title=alt.TitleParams(text=title, subtitle=subtitle))
    )

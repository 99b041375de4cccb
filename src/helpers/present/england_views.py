"""What the England maps page shows: every indicator and the latest inspection outcome, area by area,
with the book's own areas outlined."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from helpers.data import areas, inspections, manifest
from helpers.present import maps, narrative
from helpers.present.charts import PALETTE
from helpers.present.figures import Figure
from helpers.present.narrative import listing
from helpers.present.tables import Link
from helpers.stats.benchmarks import national_latest
from helpers.stats.indicators import INDICATORS

NO_OUTCOME = "No outcome under the 2023 framework in the data"
INSPECTION_CATEGORIES = {
    "Typically positive experiences and outcomes": PALETTE["turquoise"],
    "Inconsistent experiences and outcomes": PALETTE["orange"],
    "Widespread and/or systemic failings": PALETTE["dark pink"],
    NO_OUTCOME: "#D9D9D9",
}


def introduction(marked: list[areas.Area]) -> Markdown:
    """Which areas are outlined, and how to read the maps."""
    return Markdown(
        f"The areas profiled in this book ({listing([area.name for area in marked])}) are outlined and "
        "labelled on every map. Each map is followed by a table of every area's value, which holds the "
        "same information as the colours, and a link to download it."
    )


def choropleth(indicator_id: str, marked: list[areas.Area]) -> Figure:
    """One indicator across England's 153 upper-tier areas in its latest year."""
    indicator = INDICATORS[indicator_id]
    frame, year, england = national_latest(indicator_id)
    period = indicator.period_label(year)
    frame = frame.assign(shown=[narrative.value(v, indicator) for v in frame["value"]])
    known = frame.dropna(subset=["value"])
    low, high = known.loc[known["value"].idxmin()], known.loc[known["value"].idxmax()]
    title = (
        f"{indicator.title}, {period}: from {narrative.value(low.value, indicator)} in {low['name']} "
        f"to {narrative.value(high.value, indicator)} in {high['name']}"
    )
    subtitle = [
        f"{indicator.measure}, {period}",
        f"153 upper-tier local authorities; England {narrative.value(england, indicator)}",
    ]
    outlined = "; ".join(
        f"{row['name']} {row['shown']}"
        for _, row in frame[frame["code"].isin([a.code for a in marked])].iterrows()
    )
    missing = len(frame) - len(known)
    description = (
        f"Map of England shading each upper-tier local authority by {indicator.measure} in {period}, "
        f"darker for higher values. England: {narrative.value(england, indicator)}. "
        f"Lowest: {low['name']} "
        f"({narrative.value(low.value, indicator)}); highest: {high['name']} "
        f"({narrative.value(high.value, indicator)}). Outlined: {outlined}."
        + (f" {missing} areas have no published value and are grey." if missing else "")
    )
    unit = "Per cent" if indicator.unit == "%" else indicator.unit
    chart = maps.choropleth(
        frame[["code", "name", "value", "shown"]], unit, ".0f", marked, title, subtitle, description
    )
    table = pd.DataFrame(
        {
            "Area": frame["name"],
            "Region": frame["region"],
            indicator.unit if indicator.unit != "%" else "Per cent": frame["shown"],
            "95% interval": [
                narrative.interval(lo, up, indicator) or None
                for lo, up in zip(frame["lower"], frame["upper"], strict=True)
            ],
            "Compared with England": frame["vs_england"],
        }
    )
    sources = "; ".join(manifest.get(s).citation() for s in indicator.sources)
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source=f"{sources}; {manifest.get('boundaries_2024').citation()}",
        table=table,
        table_caption=f"{indicator.measure}, {period}, every upper-tier local authority",
        data=frame[["code", "name", "region", "value", "lower", "upper", "numerator", "denominator"]].assign(
            period=period, indicator=indicator.id
        ),
        csv_name=f"england-{indicator_id}.csv",
    )


def inspection_map(marked: list[areas.Area]) -> Figure:
    """The latest area SEND inspection outcome of every area under the 2023 framework."""
    rows = []
    for area in areas.all_areas():
        found = inspections.latest(area)
        new_framework = found is not None and found.source_id == "inspections_2023"
        # Areas not yet inspected under the 2023 framework, and Slough, whose report's outcome the
        # source could not extract, share the fourth category; the table says which is which.
        category = found.outcome if new_framework else NO_OUTCOME
        if category not in INSPECTION_CATEGORIES:
            category = NO_OUTCOME
        start = found.start if found is not None else None
        rows.append(
            {
                "code": area.code,
                "name": area.name,
                "category": category,
                "when": f"{start:%-d %B %Y}" if start else "no date recorded",
                "latest": found,
            }
        )
    frame = pd.DataFrame(rows)
    counts = frame["category"].value_counts()
    order = list(INSPECTION_CATEGORIES)
    title = (
        f"Area SEND inspections since 2023: {counts.get(order[0], 0)} typically positive, "
        f"{counts.get(order[2], 0)} with widespread failings"
    )
    subtitle = [
        "Latest full area SEND inspection outcome under the Ofsted and CQC 2023 framework",
        "Reports published May 2023 to June 2026; 153 upper-tier local authorities",
    ]
    outlined = "; ".join(
        f"{row['name']}: {row['category'].lower()}" for row in rows if row["code"] in {a.code for a in marked}
    )
    description = (
        "Map of England colouring each upper-tier local authority by its latest area SEND inspection "
        "outcome under the 2023 framework. "
        + "; ".join(f"{category}: {counts.get(category, 0)} areas" for category in order)
        + f". Outlined: {outlined}."
    )
    chart = maps.category_map(
        frame[["code", "name", "category", "when"]],
        order,
        list(INSPECTION_CATEGORIES.values()),
        marked,
        title,
        subtitle,
        description,
        tooltip=[("when", "Inspection began")],
    )
    table = pd.DataFrame(
        {
            "Area": frame["name"],
            "Latest outcome": [
                r["latest"].outcome if r["latest"] is not None else "No inspection in the data" for r in rows
            ],
            "Framework": [
                ("2023" if r["latest"].source_id == "inspections_2023" else "2016") if r["latest"] else None
                for r in rows
            ],
            "Inspection began": frame["when"],
            "Report": [Link("Report", r["latest"].link) if r["latest"] is not None else None for r in rows],
        }
    )
    data = frame[["code", "name", "category", "when"]].assign(
        report=[r["latest"].link if r["latest"] is not None else None for r in rows]
    )
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source="; ".join(manifest.get(s).citation() for s in ("inspections_2023", "inspections_2016")),
        table=table,
        table_caption="Latest area SEND inspection of every upper-tier local authority",
        data=data,
        csv_name="england-area-send-inspections.csv",
    )

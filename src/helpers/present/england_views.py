"""What the England maps page shows: every indicator and the latest inspection outcome, area by area,
with the book's own areas outlined."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from helpers.data import areas, inspections, manifest
from helpers.present import maps, narrative
from helpers.present.charts import PALETTE
from helpers.present.definitions_views import definition_link
from helpers.present.figures import Figure
from helpers.present.narrative import listing
from helpers.present.tables import Link
from helpers.stats.benchmarks import national_latest
from helpers.stats.caveats import UNCONFIRMED_RULE
from helpers.stats.indicators import INDICATORS

NO_OUTCOME = "No outcome under the 2023 framework in the data"
INSPECTION_CATEGORIES = {
    "Typically positive experiences and outcomes": PALETTE["turquoise"],
    "Inconsistent experiences and outcomes": PALETTE["orange"],
    "Widespread and/or systemic failings": PALETTE["dark pink"],
    NO_OUTCOME: "#D9D9D9",
}

#: Where the England maps page is, from the repository root (its links to the definitions start there).
MAPS_PAGE = "chapters/england/maps.ipynb"


def introduction(marked: list[areas.Area]) -> Markdown:
    """Which areas are outlined, and how to read the maps and their tables."""
    return Markdown(
        f"The areas of the book's run list, which the comparison chapter sets side by side "
        f"({listing([area.name for area in marked])}), are outlined and labelled on every map. Each map "
        "is followed by a table of every area's value, which holds the same information as the colours, "
        "and a link to download it. The table compares each area with England: Higher or Lower only when "
        f"its 95% interval excludes England's value. {narrative.SMALL_NUMBERS_RULE} {UNCONFIRMED_RULE}"
    )


def extremes(frame: pd.DataFrame, indicator) -> tuple[tuple[str, list[str]], tuple[str, list[str]]]:
    """The lowest and the highest value as shown, each with every area that shows it (ties included),
    from the areas whose figure may be named: unconfirmed figures are left out."""
    named = frame[frame["value"].notna() & ~frame["unconfirmed"]]
    shown = named["value"].map(lambda v: narrative.value(v, indicator))
    found = []
    for value in (named["value"].min(), named["value"].max()):
        label = narrative.value(value, indicator)
        found.append((label, sorted(named.loc[shown == label, "name"])))
    return found[0], found[1]


def choropleth(indicator_id: str, marked: list[areas.Area]) -> Figure:
    """One indicator across England's 153 upper-tier areas in its latest year."""
    indicator = INDICATORS[indicator_id]
    frame, year, england = national_latest(indicator_id)
    period = indicator.period_label(year)
    frame = frame.assign(
        shown=[
            narrative.value(v, indicator) + (" (not confirmed)" if unconfirmed else "")
            for v, unconfirmed in zip(frame["value"], frame["unconfirmed"], strict=True)
        ]
    )
    (low, low_names), (high, high_names) = extremes(frame, indicator)
    title = (
        f"{indicator.title}, {period}: from {low} in {narrative.names(low_names)} "
        f"to {high} in {narrative.names(high_names)}"
    )
    subtitle = [
        f"{indicator.measure}, {period}",
        f"153 upper-tier local authorities; England {narrative.value(england, indicator)}",
    ]
    outlined = "; ".join(
        f"{row['name']} {row['shown']}"
        for _, row in frame[frame["code"].isin([a.code for a in marked])].iterrows()
    )
    # An unconfirmed figure is grey, like a missing one, so the colours span confirmed figures only.
    coloured = frame["value"].where(~frame["unconfirmed"])
    grey = frame[coloured.isna()]
    description = (
        f"Map of England shading each upper-tier local authority by {indicator.measure} in {period}, "
        f"darker for higher values. England: {narrative.value(england, indicator)}. "
        f"Lowest: {listing(low_names)} ({low}); highest: {listing(high_names)} ({high}). "
        f"Outlined: {outlined}." + (f" {_grey_areas(grey)}" if len(grey) else "")
    )
    unit = "Per cent" if indicator.unit == "%" else indicator.unit
    chart = maps.choropleth(
        frame.assign(value=coloured)[["code", "name", "value", "shown"]],
        unit,
        ".0f",
        marked,
        title,
        subtitle,
        description,
    )
    # More decimals where a displayed interval and England's displayed value are the same figure.
    decimals = [
        narrative.decimals_apart(lo, up, [england])
        for lo, up in zip(frame["lower"], frame["upper"], strict=True)
    ]
    columns = {
        "Area": frame["name"],
        "Region": frame["region"],
        indicator.unit if indicator.unit != "%" else "Per cent": frame["shown"],
        "95% interval": [
            narrative.interval(lo, up, indicator, places) or None
            for lo, up, places in zip(frame["lower"], frame["upper"], decimals, strict=True)
        ],
        "Compared with England": frame["vs_england"],
    }
    if (frame["caveat"] != "").any():
        columns["Note"] = frame["caveat"].where(frame["caveat"] != "")
    table = pd.DataFrame(columns)
    sources = "; ".join(manifest.get(s).citation() for s in indicator.sources)
    decimals_note = f" {narrative.MORE_DECIMALS_NOTE}" if max(decimals) > 1 else ""
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source=f"{sources}; {manifest.get('boundaries_2024').citation()}.{decimals_note}",
        table=table,
        table_caption=(
            f"{indicator.measure}, {period}, every upper-tier local authority, beside England "
            f"({narrative.value(england, indicator, max(decimals))})"
        ),
        data=frame[
            ["code", "name", "region", "value", "lower", "upper", "numerator", "denominator", "caveat"]
        ].assign(period=period, indicator=indicator.id),
        csv_name=f"england-{indicator_id}.csv",
        definition=definition_link(indicator_id, MAPS_PAGE),
    )


def _grey_areas(grey: pd.DataFrame) -> str:
    """Which areas the map leaves grey, and why."""
    unconfirmed = grey[grey["unconfirmed"]]
    missing = grey[~grey["unconfirmed"]]
    parts = []
    if len(missing):
        explained = " (see the table's notes)" if (missing["caveat"] != "").any() else ""
        parts.append(f"{len(missing)} areas have no value{explained}")
    if len(unconfirmed):
        names = listing(sorted(unconfirmed["name"]))
        parts.append(
            f"{len(unconfirmed)} have a figure that is not confirmed ({names}; see the table's notes)"
        )
    return f"{' and '.join(parts)}; they are grey."


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

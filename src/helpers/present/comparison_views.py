"""What the comparison chapter shows: the areas side by side on the national indicators and on the
participation evidence, from each area's numbers and evidence."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, manifest
from helpers.evidence import participation
from helpers.present import area_views, charts, maps, narrative, tables
from helpers.present.charts import PALETTE
from helpers.present.definitions_views import definition_link
from helpers.present.evidence_views import AreaEvidence
from helpers.present.figures import Figure
from helpers.present.narrative import NEIGHBOUR_NOTE, listing
from helpers.present.tables import Link
from helpers.stats.benchmarks import AreaNumbers
from helpers.stats.indicators import INDICATORS


def names(compared: list[areas.Area]) -> str:
    return listing([area.name for area in compared])


def _latest(numbers: list[AreaNumbers], indicator_id: str) -> list[tuple[AreaNumbers, pd.Series]]:
    """Each area's latest row of one indicator, for the areas that have one."""
    return [(n, row) for n in numbers if (row := n.latest_of(indicator_id)) is not None]


#: Where the comparison chapter is, from the repository root (its links to the definitions are relative).
COMPARISON_PAGE = "chapters/compare/compare.ipynb"


def indicator_table(numbers: list[AreaNumbers]) -> HTML:
    """Each indicator's latest value for each area, beside England, its region and neighbours, with the
    notes its figures need below it."""
    records, notes, more_decimals = [], [], False
    for indicator_id, indicator in INDICATORS.items():
        for area_numbers, row in _latest(numbers, indicator_id):
            area = area_numbers.area
            # More decimals where the displayed interval and a displayed benchmark are the same figure.
            keys = ("england", "region", "neighbours")
            touching = {key for key in keys if narrative.touches(row["lower"], row["upper"], row[key])}
            decimals = narrative.decimals_apart(row["lower"], row["upper"], [row[key] for key in keys])
            more_decimals |= bool(touching)

            def benchmark(
                key: str, row=row, indicator=indicator, touching=touching, decimals=decimals
            ) -> list[str]:
                # The value with the comparison stacked under it, so every column fits at 1280 px.
                shown = narrative.value(row[key], indicator, decimals if key in touching else 1)
                return [shown, row[f"vs_{key}"]]

            shown = narrative.value(row["value"], indicator)
            # Percentages published without counts are never compared, as their definitions say;
            # any other reason gets a note.
            reason = area_views.why_not_compared(row, area) if pd.notna(row["denominator"]) else ""
            said = " ".join(
                part for part in (f"Not compared: {reason}." if reason else "", row["caveat"]) if part
            )
            if said:
                notes.append(f"{area.name}, {indicator.title} ({row['period']}): {said}")
                shown += f" (note {len(notes)})"
            records.append(
                {
                    "Indicator": Link(indicator.measure, definition_link(indicator.id, COMPARISON_PAGE)),
                    "Area": area.name,
                    "Period": row["period"],
                    "Value (95% interval)": [
                        shown,
                        *[
                            f"{interval} (95%)"
                            for interval in [
                                narrative.interval(row["lower"], row["upper"], indicator, decimals)
                            ]
                            if interval
                        ],
                    ],
                    "England": benchmark("england"),
                    "Region": [area.region_name, *benchmark("region")],
                    "Neighbours (mean)": benchmark("neighbours"),
                }
            )
    caption = (
        f"Latest value of each indicator for {names([n.area for n in numbers])}, with each area's "
        f"comparison with England, its region and the mean of its {NEIGHBOUR_NOTE} under each benchmark"
    )
    table = tables.html_table(pd.DataFrame(records), caption)
    return HTML(table + area_views.table_notes(notes, more_decimals))


def _panel_frame(area_numbers: AreaNumbers, indicator_id: str) -> pd.DataFrame:
    """One area's panel: the area, England and its neighbours' mean, in year order. Figures a table
    files under the area for a former authority are left out, so no line joins them to the area."""
    area = area_numbers.area
    frame = area_views.trend_frame(area_numbers, indicator_id)
    frame = frame[(frame["series_key"] != "value") | (frame["series"] == area.name)]
    frame = frame[frame["series_key"].isin(list(charts.PANEL_SERIES))]
    return frame.assign(
        area=area.name,
        series=frame["series_key"].map({key: label for key, (label, _) in charts.PANEL_SERIES.items()}),
    )


def _ends(latest: list[tuple[AreaNumbers, pd.Series]], indicator) -> tuple[list[str], list[str]]:
    """The areas with the highest and the lowest value as shown (ties named together), leaving out
    figures that are not confirmed."""
    valued = [
        (n.area.name, row["value"]) for n, row in latest if pd.notna(row["value"]) and not row["unconfirmed"]
    ]
    if len(valued) < 2:
        return [], []
    shown = {name: narrative.value(value, indicator) for name, value in valued}
    top = narrative.value(max(value for _, value in valued), indicator)
    bottom = narrative.value(min(value for _, value in valued), indicator)
    return [n for n, s in shown.items() if s == top], [n for n, s in shown.items() if s == bottom]


def small_multiples(numbers: list[AreaNumbers], indicator_id: str) -> Figure:
    """One panel per area: the area with its interval, England and its neighbours' mean over time."""
    indicator = INDICATORS[indicator_id]
    compared = [n.area for n in numbers]
    data = pd.concat([_panel_frame(n, indicator_id) for n in numbers], ignore_index=True)
    period_of = dict(zip(data["year"], data["period"], strict=False))
    first, last = period_of[data["year"].min()], period_of[data["year"].max()]
    latest = _latest(numbers, indicator_id)
    highest, lowest = _ends(latest, indicator)
    title = (
        f"{indicator.title}: highest in {narrative.names(highest)}, lowest in {narrative.names(lowest)}"
        if highest and highest != lowest
        else f"{indicator.title} in {names(compared)}"
    )
    description = (
        f"Small multiples, one panel per area, of {indicator.measure} from {first} to {last}, each with "
        "England and the area's statistical neighbours' mean. Latest values: "
        + "; ".join(
            f"{n.area.name} {narrative.value(row['value'], indicator)}"
            + (" (not confirmed)" if row["unconfirmed"] else "")
            for n, row in latest
        )
        + (f"; England {narrative.value(latest[0][1]['england'], indicator)}." if latest else ".")
        + _left_out(numbers, indicator_id)
    )
    subtitle = [
        f"{indicator.measure}, {first} to {last}",
        f"{names(compared)}, each with England and its {NEIGHBOUR_NOTE}",
    ]
    chart = charts.small_multiples(
        data, indicator_id, [a.name for a in compared], title, subtitle, description
    )
    order = [label for label, _ in charts.PANEL_SERIES.values()]
    table = data.pivot_table(index=["area", "year"], columns="series", values="value", sort=False)
    table = table.reindex(columns=[c for c in order if c in table.columns])
    # Areas in the order compared, and each area's years in order.
    position = {name: i for i, name in enumerate(a.name for a in compared)}
    table = table.sort_index(key=lambda level: level.map(position) if level.name == "area" else level)
    shown = table.map(lambda v: narrative.value(v, indicator)).reset_index()
    shown["year"] = shown["year"].map(period_of)
    shown = shown.rename(columns={"area": "Area", "year": "Period"})
    shown.columns.name = None
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source="; ".join(manifest.get(s).citation() for s in indicator.sources),
        table=shown,
        table_caption=f"{indicator.measure}: values shown in the panels",
        data=data[["area", "series", "period", "value", "lower", "upper"]],
        csv_name=f"compare-{indicator_id}.csv",
        definition=definition_link(indicator_id, COMPARISON_PAGE),
    )


def _left_out(numbers: list[AreaNumbers], indicator_id: str) -> str:
    """Which areas' panels leave out figures for a former authority, and from when."""
    found = []
    for area_numbers in numbers:
        own = area_numbers.benchmarked
        own = own[(own["indicator"] == indicator_id) & (own["former_area"] != "") & own["value"].notna()]
        if len(own):
            area = area_numbers.area
            when, former = narrative.years(list(own["year"])), own["former_area"].iloc[0]
            found.append(
                f" {area.name}'s panel starts in {areas.boundary_change(area).year}: the figures filed "
                f"under its name for {when} are for {former}, whose boundaries differed, and are left out."
            )
    return "".join(found)


def participation_cell(area_evidence: AreaEvidence, theme_id: str) -> list[str]:
    """One area's theme as lines: the headline, then each perspective's level."""
    codebook = area_evidence.register.codebook
    found = area_evidence.theme(theme_id)
    headline = (
        codebook.label("ladder", found.headline) if found.verified else found.headline.capitalize()
    ) + (" (contested)" if found.contested else "")
    lines = [f"Headline: {headline}"]
    for perspective, label in participation.PERSPECTIVES.items():
        level = found.levels[perspective]
        shown = found.level(perspective)
        if shown:
            capped = ", capped" if perspective == "claimed" and found.capped else ""
            lines.append(f"{label}: {codebook.label('ladder', shown)} ({level.year}{capped})")
        else:
            lines.append(f"{label}: no level")
    return lines


def participation_table(evidence: list[AreaEvidence]) -> HTML:
    """Theme by theme, each area's headline and the level from each perspective."""
    codebook = evidence[0].register.codebook
    rows = []
    for theme in codebook.themes:
        row = {"Theme": theme.label}
        for area_evidence in evidence:
            row[area_evidence.area.name] = participation_cell(area_evidence, theme.id)
        rows.append(row)
    caption = (
        f"Participation by theme and perspective for {names([e.area for e in evidence])}: the headline "
        "(the recent independent level, else unverified), then the level from each perspective and its year"
    )
    return tables.table(pd.DataFrame(rows), caption)


def coverage_table(evidence: list[AreaEvidence]) -> HTML:
    """Whose accounts each area's evidence rests on, and whether an inspection report is held."""
    rows = []
    for area_evidence in evidence:
        items = area_evidence.items
        counts = participation.perspective_counts(items)
        years = sorted({c.item.when.year for c in items})
        coding = area_evidence.coding
        rows.append(
            {
                "Area": area_evidence.area.name,
                "Inspection report (2023 framework) in the book": (
                    f"published {coding.coding.published}" if coding else "none in the book's data"
                ),
                "Themes with a recent independent level": str(
                    sum(p.verified for p in area_evidence.profiles)
                ),
                "Years": f"{years[0]} to {years[-1]}" if years else None,
                **{f"{label} items": str(counts[p]) for p, label in participation.PERSPECTIVES.items()},
            }
        )
    return tables.table(
        pd.DataFrame(rows),
        f"Whose accounts the comparison rests on, for {names([e.area for e in evidence])} (counts describe "
        "the evidence coded, not how well an area involves families)",
    )


def compared_map(compared: list[areas.Area]) -> Figure:
    """England with the compared areas picked out and labelled."""
    codes = {area.code for area in compared}
    order = ["Compared in this chapter", "Other upper-tier areas"]
    frame = pd.DataFrame(
        [
            {
                "code": a.code,
                "name": a.name,
                "category": order[0] if a.code in codes else order[1],
                "region": a.region_name,
            }
            for a in areas.all_areas()
        ]
    )
    title = f"The {len(compared)} areas compared: {names(compared)}"
    description = (
        f"Map of England's 153 upper-tier local authorities with the {len(compared)} compared areas "
        f"shaded dark blue and labelled: " + "; ".join(f"{a.name} ({a.region_name})" for a in compared) + "."
    )
    chart = maps.category_map(
        frame[["code", "name", "category", "region"]],
        order,
        [PALETTE["dark blue"], "#E6E6E6"],
        compared,
        title,
        ["Upper-tier local authorities, December 2024 boundaries", "Compared areas shaded and labelled"],
        description,
        tooltip=[("region", "Region")],
    )
    table = pd.DataFrame(
        {
            "Area": [a.name for a in compared],
            "ONS code": [a.code for a in compared],
            "Region": [a.region_name for a in compared],
        }
    )
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source=manifest.get("boundaries_2024").citation(),
        table=table,
        table_caption="The areas compared",
        data=table,
        csv_name="compare-areas.csv",
    )


def narrative_text(numbers: list[AreaNumbers], evidence: list[AreaEvidence]) -> Markdown:
    """Where the areas differ on the indicators, and where the evidence is thin, in plain words."""
    lines = []
    for indicator_id, indicator in INDICATORS.items():
        valued = [(n, row) for n, row in _latest(numbers, indicator_id) if pd.notna(row["value"])]
        if len(valued) < 2:
            continue
        # Highest first; a figure that is not confirmed is listed last, and marked.
        valued.sort(key=lambda pair: (not pair[1]["unconfirmed"], pair[1]["value"]), reverse=True)
        period, england = valued[0][1]["period"], valued[0][1]["england"]
        order = "; ".join(
            f"{n.area.name} {narrative.value(row['value'], indicator)}"
            + (
                f" ({narrative.COMPARISON_WORDS[row['vs_england']]} England)"
                if row["vs_england"] in narrative.COMPARISON_WORDS
                else ""
            )
            + (" (not confirmed: see the table's notes)" if row["unconfirmed"] else "")
            for n, row in valued
        )
        lines.append(
            f"- **{indicator.title}** ({period}, England {narrative.value(england, indicator)}): {order}."
        )
    codebook = evidence[0].register.codebook
    verified_lines = []
    for area_evidence in evidence:
        coding = area_evidence.coding
        count = sum(p.verified for p in area_evidence.profiles)
        source = (
            f"its inspection report of {coding.coding.published[:4]}"
            if coding
            else "no report under the 2023 framework in the book's data"
        )
        verified_lines.append(
            f"- **{area_evidence.area.name}**: {count} of {len(codebook.themes)} themes ({source})."
        )
    differing = []
    for theme in codebook.themes:
        levels = {}
        for area_evidence in evidence:
            found = area_evidence.theme(theme.id)
            if found.verified:
                levels[area_evidence.area.name] = found.headline
        if len(set(levels.values())) > 1:
            spread = "; ".join(
                f"{codebook.label('ladder', lvl).lower()} in {name}" for name, lvl in levels.items()
            )
            differing.append(f"{theme.label.lower()} ({spread})")
    text = [
        "On the national indicators, from highest to lowest in the latest year:",
        "",
        *lines,
        "",
        "Participation is compared by whose account the evidence is, never by how many documents happen to "
        "be coded. Themes with a headline, that is, an independent level from the last "
        f"{participation.RECENT_YEARS} years:",
        "",
        *verified_lines,
    ]
    if differing:
        text += ["", "Where both areas have a headline, it differs on " + listing(differing) + "."]
    return Markdown("\n".join(text))

"""What the comparison chapter shows: the areas side by side on the national indicators and on the
participation evidence, from each area's numbers and evidence."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, manifest
from helpers.evidence import participation
from helpers.present import charts, evidence_views, maps, narrative, tables
from helpers.present.charts import PALETTE
from helpers.present.evidence_views import AreaEvidence
from helpers.present.figures import Figure
from helpers.present.narrative import NEIGHBOUR_NOTE, listing
from helpers.stats.benchmarks import AreaNumbers
from helpers.stats.indicators import INDICATORS


def names(compared: list[areas.Area]) -> str:
    return listing([area.name for area in compared])


def _latest(numbers: list[AreaNumbers], indicator_id: str) -> list[tuple[AreaNumbers, pd.Series]]:
    """Each area's latest row of one indicator, for the areas that have one."""
    return [(n, row) for n in numbers if (row := n.latest_of(indicator_id)) is not None]


def indicator_table(numbers: list[AreaNumbers]) -> HTML:
    """Each indicator's latest value for each area, beside England, its region and neighbours."""
    records = []
    for indicator_id, indicator in INDICATORS.items():
        for area_numbers, row in _latest(numbers, indicator_id):
            area = area_numbers.area
            records.append(
                {
                    "Indicator": indicator.measure,
                    "Area": area.name,
                    "Period": row["period"],
                    "Value": narrative.value(row["value"], indicator),
                    "95% interval": narrative.interval(row["lower"], row["upper"], indicator) or None,
                    "England": f"{narrative.value(row['england'], indicator)} ({row['vs_england']})",
                    "Region": f"{area.region_name} {narrative.value(row['region'], indicator)} "
                    f"({row['vs_region']})",
                    "Neighbours (mean)": (
                        f"{narrative.value(row['neighbours'], indicator)} ({row['vs_neighbours']})"
                    ),
                }
            )
    caption = (
        f"Latest value of each indicator for {names([n.area for n in numbers])}, with each area's "
        f"comparison with England, its region and the mean of its {NEIGHBOUR_NOTE} in brackets"
    )
    return tables.table(pd.DataFrame(records), caption)


def small_multiples(numbers: list[AreaNumbers], indicator_id: str) -> Figure:
    """One panel per area: the area with its interval, England and its neighbours' mean over time."""
    indicator = INDICATORS[indicator_id]
    compared = [n.area for n in numbers]
    frames = []
    for area_numbers in numbers:
        area = area_numbers.area
        frame = charts.trend_frame(area_numbers.benchmarked, indicator_id, area.name, area.region_name)
        frame = frame[frame["series_key"].isin(list(charts.PANEL_SERIES))]
        frame = frame.assign(
            area=area.name,
            series=frame["series_key"].map({key: label for key, (label, _) in charts.PANEL_SERIES.items()}),
        )
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    first, last = data["period"].iloc[0], data["period"].iloc[-1]
    latest = _latest(numbers, indicator_id)
    ranked = sorted((row["value"], n.area.name) for n, row in latest if pd.notna(row["value"]))
    title = (
        f"{indicator.title}: highest in {ranked[-1][1]}, lowest in {ranked[0][1]}"
        if len(ranked) >= 2
        else f"{indicator.title} in {names(compared)}"
    )
    description = (
        f"Small multiples, one panel per area, of {indicator.measure} from {first} to {last}, each with "
        "England and the area's statistical neighbours' mean. Latest values: "
        + "; ".join(f"{n.area.name} {narrative.value(row['value'], indicator)}" for n, row in latest)
        + (f"; England {narrative.value(latest[0][1]['england'], indicator)}." if latest else ".")
    )
    subtitle = [
        f"{indicator.measure}, {first} to {last}",
        f"{names(compared)}, each with England and its {NEIGHBOUR_NOTE}",
    ]
    chart = charts.small_multiples(
        data, indicator_id, [a.name for a in compared], title, subtitle, description
    )
    order = [label for label, _ in charts.PANEL_SERIES.values()]
    table = data.pivot_table(index=["area", "period"], columns="series", values="value", sort=False)
    table = table.reindex(columns=[c for c in order if c in table.columns])
    shown = table.map(lambda v: narrative.value(v, indicator)).reset_index()
    shown = shown.rename(columns={"area": "Area", "period": "Period"})
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
    )


def participation_table(evidence: list[AreaEvidence]) -> HTML:
    """Theme by theme, the level the evidence supports in each area, and how it is supported."""
    codebook = evidence[0].register.codebook
    rows = []
    for theme in codebook.themes:
        row = {"Theme": theme.label}
        for area_evidence in evidence:
            found = area_evidence.theme(theme.id)
            if found.level:
                grades = sorted({c.item.strength for c in found.behind})
                row[area_evidence.area.name] = (
                    f"{codebook.label('ladder', found.level)} ({found.year}; "
                    f"{evidence_views.BASIS_WORDS[found.basis].split(' (')[0]}, {'/'.join(grades)})"
                )
            else:
                row[area_evidence.area.name] = evidence_views.BASIS_WORDS[found.basis]
        rows.append(row)
    caption = (
        f"Level of participation the evidence supports, theme by theme, for "
        f"{names([e.area for e in evidence])} "
        "(year of the evidence; whether supported or indicative; strength of the items behind it)"
    )
    return tables.table(pd.DataFrame(rows), caption)


def coverage_table(evidence: list[AreaEvidence]) -> HTML:
    """How much evidence each area has, how strong, and where the gaps are."""
    codebook = evidence[0].register.codebook
    rows = []
    for area_evidence in evidence:
        items = area_evidence.items
        counts = participation.strength_counts(items, codebook)
        gaps = participation.gaps(area_evidence.profiles)
        years = sorted({c.item.when.year for c in items})
        rows.append(
            {
                "Area": area_evidence.area.name,
                "Items": str(len(items)),
                "Years": f"{years[0]} to {years[-1]}" if years else None,
                **{codebook.label("strength", g): str(n) for g, n in counts.items()},
                "Second-hand": str(sum(c.item.second_hand for c in items)),
                "Gaps (no, or only limited or weak, evidence)": ", ".join(
                    codebook.label("themes", g.theme) for g in gaps
                )
                or "none",
            }
        )
    return tables.table(
        pd.DataFrame(rows), f"The evidence behind the comparison, for {names([e.area for e in evidence])}"
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
        valued.sort(key=lambda pair: pair[1]["value"], reverse=True)
        period, england = valued[0][1]["period"], valued[0][1]["england"]
        order = "; ".join(
            f"{n.area.name} {narrative.value(row['value'], indicator)}"
            + (
                f" ({narrative.COMPARISON_WORDS[row['vs_england']]} England)"
                if row["vs_england"] in narrative.COMPARISON_WORDS
                else ""
            )
            for n, row in valued
        )
        lines.append(
            f"- **{indicator.title}** ({period}, England {narrative.value(england, indicator)}): {order}."
        )
    evidence_lines = []
    for area_evidence in evidence:
        items = area_evidence.items
        gaps = participation.gaps(area_evidence.profiles)
        strong = sum(c.item.strength == "strong" for c in items)
        evidence_lines.append((len(items), strong, len(gaps), area_evidence.area.name))
    thinnest = min(evidence_lines)
    differing = []
    codebook = evidence[0].register.codebook
    for theme in codebook.themes:
        levels = {}
        for area_evidence in evidence:
            found = area_evidence.theme(theme.id)
            if found.basis == participation.SUPPORTED:
                levels[area_evidence.area.name] = found.level
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
        f"The participation evidence is thinnest for {thinnest[3]}: {thinnest[0]} items, "
        + ("none of them strong" if not thinnest[1] else f"{thinnest[1]} of them strong")
        + (
            "; every theme has at least one item of moderate or strong evidence."
            if not thinnest[2]
            else f"; {thinnest[2]} of {len(codebook.themes)} themes have no evidence, or only limited "
            "or weak evidence."
        ),
    ]
    if differing:
        text += ["", "The levels the evidence supports differ most on " + listing(differing) + "."]
    return Markdown("\n".join(text))

"""What an area page shows of the national figures: sentences, tables and figures, from the area's
numbers (``helpers.stats.benchmarks.AreaNumbers``), its inspection and the manifest."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, inspections, manifest
from helpers.present import charts, maps, narrative, tables
from helpers.present.figures import Figure
from helpers.present.narrative import NEIGHBOUR_NOTE
from helpers.stats.benchmarks import AreaNumbers
from helpers.stats.indicators import INDICATORS

#: The national datasets behind an area page besides its indicators' own.
PAGE_DATASETS = (
    "inspections_2023",
    "inspections_2016",
    "neighbours_2025",
    "neighbours_2021",
    "boundaries_2024",
)


def _figures(row) -> str:
    indicator = INDICATORS[row.indicator]
    shown = narrative.value(row.value, indicator)
    if pd.isna(row.numerator) or pd.isna(row.denominator):
        return shown
    if indicator.unit == "%":
        return f"{shown} ({narrative.count(row.numerator)} of {narrative.count(row.denominator)})"
    return (
        f"{shown} ({narrative.count(row.numerator)} plans; "
        f"{narrative.count(row.denominator)} residents aged 0 to 25)"
    )


def _comparisons(row, area: areas.Area) -> str:
    indicator = INDICATORS[row.indicator]
    benchmarks = [
        ("England", row.england, row.vs_england),
        (area.region_name, row.region, row.vs_region),
        ("the neighbours' mean", row.neighbours, row.vs_neighbours),
    ]
    if all(flag == "Not compared" for _, _, flag in benchmarks):
        listed = "; ".join(f"{name} {narrative.value(value, indicator)}" for name, value, _ in benchmarks)
        return f"{listed} (not compared: no interval can be computed)"
    phrases = [
        f"{narrative.COMPARISON_WORDS.get(flag, 'not compared with')} {name} "
        f"({narrative.value(value, indicator)})"
        for name, value, flag in benchmarks
    ]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def summary(numbers: AreaNumbers, inspection: inspections.Inspection | None) -> Markdown:
    """Plain-words summary with computed numbers, one line per indicator."""
    area = numbers.area
    lines = [
        f"{area.name} is an upper-tier local authority in {area.region_name}. "
        f"Each figure below is set beside England, {area.region_name} and the mean of "
        f"the area's ten {NEIGHBOUR_NOTE}. These national indicators describe pressure on "
        "the SEND system and how it responds; none of them measures whether parent carers are "
        "involved.",
        "",
    ]
    for row in numbers.headline.itertuples(index=False):
        indicator = INDICATORS[row.indicator]
        lines.append(f"- **{indicator.title}** ({row.period}): {_figures(row)}; {_comparisons(row, area)}.")
    if inspection is not None:
        lines.append(f"- **Latest area SEND inspection**: {_inspection_sentence(inspection)}")
    return Markdown("\n".join(lines))


def _inspection_sentence(found: inspections.Inspection) -> str:
    when = []
    if found.start:
        when.append(f"the inspection began on {found.start:%-d %B %Y}")
    if found.published:
        when.append(f"the report was published on {found.published:%-d %B %Y}")
    dates = " and ".join(when) + "." if when else ""
    dates = dates[:1].upper() + dates[1:]
    parts = [
        f"{found.outcome}, under the {found.framework}.",
        dates,
        found.detail,
        f"[Read the report]({found.link}).",
    ]
    return " ".join(part for part in parts if part)


def inspection_summary(area: areas.Area, inspection: inspections.Inspection | None) -> Markdown:
    """The latest area SEND inspection, or a plain statement that the data hold none."""
    if inspection is None:
        return Markdown(f"The inspection data hold no area SEND inspection of {area.name}.")
    return Markdown(f"{_inspection_sentence(inspection)}\n\nSource: {inspection.source.citation()}.")


def indicator_table(numbers: AreaNumbers) -> HTML:
    """The latest value of each indicator against England, region and neighbours, with flags."""
    area = numbers.area
    rows = []
    for row in numbers.headline.itertuples(index=False):
        indicator = INDICATORS[row.indicator]
        rows.append(
            {
                "Indicator": indicator.measure,
                "Period": row.period,
                area.name: narrative.value(row.value, indicator),
                "95% interval": narrative.interval(row.lower, row.upper, indicator) or None,
                "Count": (
                    f"{narrative.count(row.numerator)} / {narrative.count(row.denominator)}"
                    if pd.notna(row.numerator) and pd.notna(row.denominator)
                    else None
                ),
                "England": narrative.value(row.england, indicator),
                "Compared with England": row.vs_england,
                area.region_name: narrative.value(row.region, indicator),
                "Compared with region": row.vs_region,
                "Neighbours (mean)": narrative.value(row.neighbours, indicator),
                "Compared with neighbours": row.vs_neighbours,
            }
        )
    caption = (
        f"{area.name}: latest value of each indicator beside England, "
        f"{area.region_name} and the mean of its {NEIGHBOUR_NOTE}"
    )
    return tables.table(pd.DataFrame(rows), caption)


def neighbours_table(area: areas.Area) -> HTML:
    """The area's statistical neighbours in the 2025 list, with the 2021 list beside them."""
    current = areas.neighbours(area, 2025)
    previous = areas.neighbours(area, 2021)
    rows = []
    for rank in range(1, max(len(current), len(previous)) + 1):
        now = next((n for n in current if n.rank == rank), None)
        then = next((n for n in previous if n.rank == rank), None)
        rows.append(
            {
                "Rank": str(rank),
                "May 2025 list": now.name if now else None,
                "Closeness (2025)": now.closeness if now else None,
                "April 2021 list": then.name if then else None,
            }
        )
    caption = (
        f"{area.name}: statistical neighbours in DfE's May 2025 list (used for the "
        "benchmarks) and April 2021 list (for reference)"
    )
    return tables.table(pd.DataFrame(rows), caption)


def trend(numbers: AreaNumbers, indicator_id: str) -> Figure:
    """A trend chart of one indicator, with its description, source and data table."""
    area = numbers.area
    indicator = INDICATORS[indicator_id]
    frame = charts.trend_frame(numbers.benchmarked, indicator_id, area.name, area.region_name)
    area_rows = frame[frame["series_key"] == "value"]
    first, last = frame["period"].iloc[0], frame["period"].iloc[-1]
    latest_row = numbers.latest_of(indicator_id)
    flag = latest_row.vs_england
    if flag in narrative.COMPARISON_WORDS:
        title = (
            f"{indicator.title}: {area.name} {narrative.COMPARISON_WORDS[flag]} "
            f"England in {latest_row.period}"
        )
    else:
        title = f"{indicator.title} in {area.name}, {first} to {last}"
    subtitle = [
        f"{indicator.measure}, {first} to {last}",
        f"{area.name}, {area.region_name}, {NEIGHBOUR_NOTE} and England",
    ]
    description = _trend_description(area, indicator, frame, area_rows, first, last)
    sources = "; ".join(manifest.get(s).citation() for s in indicator.sources)
    chart = charts.trend_chart(frame, indicator_id, title, subtitle, description)
    data = frame[["series", "period", "value", "lower", "upper"]].rename(
        columns={"lower": "lower_95", "upper": "upper_95"}
    )
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source=sources + (f". {indicator.caveat}" if indicator.caveat else ""),
        table=_trend_table(area, frame, area_rows, indicator),
        table_caption=f"{indicator.measure}: values shown in the chart",
        data=data,
        csv_name=f"{area.slug}-{indicator_id}.csv",
    )


def _trend_table(area: areas.Area, frame: pd.DataFrame, area_rows: pd.DataFrame, indicator) -> pd.DataFrame:
    """The chart's values as display strings: one row per period, one column per series."""
    wide = frame.pivot_table(index="period", columns="series", values="value", sort=False)
    wide = wide.reindex(columns=list(dict.fromkeys(frame["series"])))
    shown = wide.map(lambda v: narrative.value(v, indicator))
    if area_rows["lower"].notna().any():
        bounds = area_rows.set_index("period")
        shown.insert(
            1,
            f"{area.name}: 95% interval",
            [
                narrative.interval(bounds.at[p, "lower"], bounds.at[p, "upper"], indicator) or None
                if p in bounds.index
                else None
                for p in shown.index
            ],
        )
    shown = shown.reset_index().rename(columns={"period": "Period"})
    shown.columns.name = None
    return shown


def _trend_description(area: areas.Area, indicator, frame, area_rows, first, last) -> str:
    parts = [f"Line chart of {indicator.measure} from {first} to {last}."]
    for series, rows in frame.groupby("series", sort=False):
        start, end = rows.iloc[0], rows.iloc[-1]
        parts.append(
            f"{series}: {narrative.value(start.value, indicator)} in {start.period}, "
            f"{narrative.value(end.value, indicator)} in {end.period}."
        )
    if area_rows["lower"].notna().any():
        end = area_rows.dropna(subset=["lower"]).iloc[-1]
        parts.append(
            f"The shaded band is the 95% interval for {area.name} "
            f"({narrative.interval(end.lower, end.upper, indicator)} in {end.period})."
        )
    return " ".join(parts)


def locator(area: areas.Area) -> Figure:
    """Where the area is: England with the area, its neighbours and its region picked out."""
    neighbours = [n for n in areas.neighbours(area) if n.area is not None]
    title = f"Where {area.name} is, and its statistical neighbours"
    subtitle = [
        "Upper-tier local authorities, December 2024 boundaries",
        f"{area.name}, its ten {NEIGHBOUR_NOTE} and the rest of {area.region_name}",
    ]
    description = (
        f"Map of England's 153 upper-tier local authorities. {area.name}, in "
        f"{area.region_name}, is marked and labelled. Its statistical neighbours "
        f"are {', '.join(n.name for n in neighbours)}."
    )
    roles = maps.locator_frame(area)
    data = roles[roles["role"] != "other"][["code", "name", "category"]]
    data = data.sort_values(["category", "name"]).reset_index(drop=True)
    shown = data.rename(columns={"name": "Area", "code": "ONS code", "category": "On this map"})
    return Figure(
        chart=maps.locator_map(area, title, subtitle, description),
        title=title,
        description=description,
        source=f"{manifest.get('boundaries_2024').citation()}; {manifest.get('neighbours_2025').citation()}",
        table=shown[["Area", "ONS code", "On this map"]],
        data=data,
        table_caption=f"Areas picked out on the map of {area.name}",
        csv_name=f"{area.slug}-locator.csv",
    )


def caveats(area: areas.Area) -> Markdown:
    """What each indicator can and cannot show."""
    lines = [f"- **{i.title}**: {i.caveat}" for i in INDICATORS.values() if i.caveat]
    lines.append(
        "- **Benchmarks**: the neighbours' figure is the unweighted mean of the "
        "neighbours with a value; an area is flagged Higher or Lower only when its 95% "
        "interval excludes the benchmark value, and Better or Worse only where the "
        "indicator has a declared direction."
    )
    if area.former_codes:
        lines.append(
            f"- **Codes**: DfE files still label {area.name} with "
            f"{', '.join(area.former_codes)}; the book matches DfE rows on the "
            f"DfE number ({area.la_number}) and shows the current code "
            f"{area.code}."
        )
    return Markdown("\n".join(lines))


def sources() -> Markdown:
    """Every dataset behind the page, with publisher, vintage, licence and link."""
    used = dict.fromkeys(s for i in INDICATORS.values() for s in i.sources)
    used.update(dict.fromkeys(PAGE_DATASETS))
    lines = []
    for dataset_id in used:
        d = manifest.get(dataset_id)
        lines.append(f"- [{d.title}]({d.url}). {d.publisher}; {d.vintage}. {d.licence}.")
    return Markdown("\n".join(lines))

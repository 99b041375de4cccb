"""What an area page shows of the national figures: sentences, tables and figures, from the area's
numbers (``helpers.stats.benchmarks.AreaNumbers``), its inspection and the manifest."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, inspections, manifest
from helpers.present import charts, maps, narrative, tables
from helpers.present.definitions_views import definition_link
from helpers.present.figures import Figure
from helpers.present.narrative import NEIGHBOUR_NOTE
from helpers.present.tables import Link
from helpers.stats.benchmarks import AreaNumbers
from helpers.stats.caveats import UNCONFIRMED_RULE
from helpers.stats.comparisons import not_compared_reason
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


BENCHMARKS = (("england", "England"), ("region", None), ("neighbours", "the neighbours' mean"))


def _benchmarks(row, area: areas.Area) -> list[tuple[str, str, float, str]]:
    """Each benchmark of a row: its key, its name, its value and the area's flag against it."""
    return [
        (key, name or area.region_name, getattr(row, key), getattr(row, f"vs_{key}"))
        for key, name in BENCHMARKS
    ]


def why_not_compared(row, area: areas.Area) -> str:
    """Why the area is compared with none of its benchmarks, in words ("" when it is compared with
    any): 'only 7 cases, fewer than 10'."""
    benchmarks = _benchmarks(row, area)
    if any(flag != "Not compared" for *_, flag in benchmarks):
        return ""
    reasons = {
        not_compared_reason(row.lower, row.upper, value, row.denominator, row.unconfirmed)
        for _, _, value, _ in benchmarks
    }
    return narrative.not_compared_because(reasons.pop(), row.denominator) if len(reasons) == 1 else ""


def _comparisons(row, area: areas.Area) -> str:
    indicator = INDICATORS[row.indicator]
    benchmarks = _benchmarks(row, area)
    reason = why_not_compared(row, area)
    if reason:
        listed = "; ".join(f"{name} {narrative.value(value, indicator)}" for _, name, value, _ in benchmarks)
        return f"{listed} (not compared: {reason})"
    phrases = [
        f"{narrative.COMPARISON_WORDS.get(flag, 'not compared with')} {name} "
        f"({narrative.value(value, indicator)})"
        for _, name, value, flag in benchmarks
    ]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def summary(numbers: AreaNumbers, inspection: inspections.Inspection | None) -> Markdown:
    """Plain-words summary with computed numbers, one line per indicator, each with its caveat."""
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
        caveat = f" {row.caveat}" if row.caveat else ""
        lines.append(
            f"- **{indicator.title}** ({row.period}): {_figures(row)}; {_comparisons(row, area)}.{caveat}"
        )
    if inspection is not None:
        lines.append(f"- **Latest area SEND inspection**: {_inspection_sentence(inspection)}")
    lines += ["", narrative.SMALL_NUMBERS_RULE]
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


#: Where an area's page is, from the repository root (its links to the definitions are relative to it).
AREA_PAGE = "chapters/areas/profiles/{slug}.ipynb"


def indicator_table(numbers: AreaNumbers, page: str = AREA_PAGE) -> HTML:
    """The latest value of each indicator against England, region and neighbours, with flags, and
    below it the notes its figures need."""
    area = numbers.area
    rows, notes, more_decimals = [], [], False
    for row in numbers.headline.itertuples(index=False):
        indicator = INDICATORS[row.indicator]
        # More decimals where the displayed interval and a displayed benchmark are the same figure.
        values = {key: value for key, _, value, _ in _benchmarks(row, area)}
        touching = {key for key, value in values.items() if narrative.touches(row.lower, row.upper, value)}
        decimals = narrative.decimals_apart(row.lower, row.upper, list(values.values()))
        more_decimals |= bool(touching)
        shown = narrative.value(row.value, indicator)
        # A note says why the area is compared with no benchmark, and what the figure needs.
        reason = why_not_compared(row, area)
        said = " ".join(part for part in (f"Not compared: {reason}." if reason else "", row.caveat) if part)
        if said:
            notes.append(f"{indicator.title} ({row.period}): {said}")
            shown += f" (note {len(notes)})"
        interval = narrative.interval(row.lower, row.upper, indicator, decimals)
        count = (
            f"{narrative.count(row.numerator)} of {narrative.count(row.denominator)}"
            if pd.notna(row.numerator) and pd.notna(row.denominator)
            else ""
        )

        # Each benchmark's value with the comparison stacked under it: every column fits at 1280 px.
        shown_at = {key: decimals if key in touching else 1 for key in ("england", "region", "neighbours")}
        rows.append(
            {
                "Indicator": Link(
                    indicator.measure, definition_link(row.indicator, page.format(slug=area.slug))
                ),
                "Period": row.period,
                f"{area.name} (95% interval; count)": [
                    shown,
                    *([f"{interval} (95%)"] if interval else []),
                    *([count] if count else []),
                ],
                "England": [narrative.value(row.england, indicator, shown_at["england"]), row.vs_england],
                area.region_name: [narrative.value(row.region, indicator, shown_at["region"]), row.vs_region],
                "Neighbours (mean)": [
                    narrative.value(row.neighbours, indicator, shown_at["neighbours"]),
                    row.vs_neighbours,
                ],
            }
        )
    caption = (
        f"{area.name}: latest value of each indicator beside England, "
        f"{area.region_name} and the mean of its {NEIGHBOUR_NOTE}; under each benchmark, how the area "
        "compares with it"
    )
    table = tables.html_table(pd.DataFrame(rows), caption)
    return HTML(table + table_notes(notes, more_decimals))


def table_notes(notes: list[str], more_decimals: bool = False) -> str:
    """The notes under a table of figures: each figure's caveat, numbered as in the table, then the
    small-numbers rule and, where it was applied, why some figures have more decimals."""
    paragraphs = [f"Note {number}. {note}" for number, note in enumerate(notes, start=1)]
    paragraphs.append(narrative.SMALL_NUMBERS_RULE)
    if more_decimals:
        paragraphs.append(narrative.MORE_DECIMALS_NOTE)
    return "\n" + "\n".join(f'<p class="book-table-note">{html.escape(p)}</p>' for p in paragraphs)


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


def trend_frame(numbers: AreaNumbers, indicator_id: str) -> pd.DataFrame:
    """The chart's long frame, in year order, with figures for a former authority as a series of
    their own (so no line joins them to the current area's) and without its band."""
    area = numbers.area
    frame = charts.trend_frame(numbers.benchmarked, indicator_id, area.name, area.region_name)
    own = numbers.benchmarked[numbers.benchmarked["indicator"] == indicator_id]
    former = own.loc[own["former_area"] != "", ["year", "former_area"]]
    is_former = (frame["series_key"] == "value") & frame["year"].isin(former["year"])
    if is_former.any():
        labels = dict(zip(former["year"], former["former_area"], strict=True))
        frame.loc[is_former, "series"] = [
            f"{area.name} before {_change_year(area)}: {labels[year]}"
            for year in frame.loc[is_former, "year"]
        ]
        frame.loc[is_former, ["lower", "upper"]] = float("nan")
    # The current area first, then a former authority, then the benchmarks, each in year order.
    rank = (frame["series_key"] != "value") * 2 + is_former
    return frame.assign(_rank=rank).sort_values(["_rank", "year"], kind="stable").drop(columns="_rank")


def _change_year(area: areas.Area) -> int | None:
    change = areas.boundary_change(area)
    return change.year if change else None


def trend(numbers: AreaNumbers, indicator_id: str) -> Figure:
    """A trend chart of one indicator, with its description, source, notes and data table."""
    area = numbers.area
    indicator = INDICATORS[indicator_id]
    frame = trend_frame(numbers, indicator_id)
    area_rows = frame[(frame["series"] == area.name)]
    period_of = dict(zip(frame["year"], frame["period"], strict=False))
    first, last = period_of[frame["year"].min()], period_of[frame["year"].max()]
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
    # The CSV keeps every interval at full precision, a former authority's too (the chart has no band
    # for it): the chart's frame keeps the index of the frame it was made from.
    full = charts.trend_frame(numbers.benchmarked, indicator_id, area.name, area.region_name)
    data = frame[["series", "period", "value"]].assign(
        lower_95=full.loc[frame.index, "lower"], upper_95=full.loc[frame.index, "upper"]
    )
    notes = _trend_notes(numbers, indicator_id, frame["year"].min(), frame["year"].max())
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source=" ".join(part for part in (f"{sources}.", indicator.caveat, notes) if part),
        table=_trend_table(area, frame, area_rows, indicator),
        table_caption=f"{indicator.measure}: values shown in the chart",
        data=data,
        csv_name=f"{area.slug}-{indicator_id}.csv",
        definition=definition_link(indicator_id, AREA_PAGE.format(slug=area.slug)),
    )


def trend_panels(numbers: AreaNumbers) -> Figure:
    """Every indicator's trend in one figure, a panel each, with every trend's notes and data."""
    area = numbers.area
    frames, descriptions, notes, tables_shown, data = [], [], [], [], []
    panels = []
    for indicator_id, indicator in INDICATORS.items():
        frame = trend_frame(numbers, indicator_id)
        if frame.empty:
            continue
        area_rows = frame[frame["series"] == area.name]
        period_of = dict(zip(frame["year"], frame["period"], strict=False))
        first, last = period_of[frame["year"].min()], period_of[frame["year"].max()]
        panel = f"{indicator.title} (%)" if indicator.unit == "%" else indicator.title
        panels.append(panel)
        frames.append(
            frame.assign(panel=panel, shown=[narrative.value(v, indicator) for v in frame["value"]])
        )
        descriptions.append(_trend_description(area, indicator, frame, area_rows, first, last))
        note = _trend_notes(numbers, indicator_id, frame["year"].min(), frame["year"].max())
        if note:
            notes.append(f"{indicator.title}: {note}")
        shown = _trend_table(area, frame, area_rows, indicator)
        tables_shown.append(shown.assign(Indicator=indicator.title))
        full = charts.trend_frame(numbers.benchmarked, indicator_id, area.name, area.region_name)
        data.append(
            frame[["series", "period", "value"]].assign(
                indicator=indicator_id,
                lower_95=full.loc[frame.index, "lower"],
                upper_95=full.loc[frame.index, "upper"],
            )
        )
    long = pd.concat(frames, ignore_index=True)
    title = (
        f"{area.name}: how each indicator has changed, beside England, {area.region_name} and its neighbours"
    )
    subtitle = [
        f"The area with its 95% interval (shaded), England, {area.region_name} and the {NEIGHBOUR_NOTE}"
    ]
    description = " ".join(descriptions)
    sources = sorted({s for i in INDICATORS.values() for s in i.sources})
    table = pd.concat(tables_shown, ignore_index=True)
    table = table[["Indicator", *[c for c in table.columns if c != "Indicator"]]]
    return Figure(
        chart=charts.trend_panels(long, panels, title, subtitle, description),
        title=title,
        description=description,
        source=" ".join(
            ["; ".join(manifest.get(s).citation() for s in sources) + "."]
            + [i.caveat for i in INDICATORS.values() if i.caveat]
            + notes
        ),
        table=table,
        table_caption=f"{area.name}: the values shown in the trend panels, indicator by indicator",
        data=pd.concat(data, ignore_index=True),
        csv_name=f"{area.slug}-trends.csv",
        definition=definition_link(next(iter(INDICATORS)), AREA_PAGE.format(slug=area.slug)).split("#")[0],
    )


def _trend_notes(numbers: AreaNumbers, indicator_id: str, first: int, last: int) -> str:
    """The caveats of the area's figures in the years the chart covers, each with its years."""
    own = numbers.benchmarked[
        (numbers.benchmarked["indicator"] == indicator_id)
        & numbers.benchmarked["year"].between(first, last)
        & (numbers.benchmarked["caveat"] != "")
    ]
    if own.empty:
        return ""
    by_caveat = own.groupby("caveat", sort=False)["year"].apply(list)
    listed = " ".join(f"{narrative.years(found)}: {caveat}" for caveat, found in by_caveat.items())
    return f"Notes on {numbers.area.name}'s figures. {listed}"


def _trend_table(area: areas.Area, frame: pd.DataFrame, area_rows: pd.DataFrame, indicator) -> pd.DataFrame:
    """The chart's values as display strings: one row per period, in year order, one column per series."""
    wide = frame.pivot_table(index="year", columns="series", values="value", sort=True)
    wide = wide.reindex(columns=list(dict.fromkeys(frame["series"])))
    shown = wide.map(lambda v: narrative.value(v, indicator))
    if area_rows["lower"].notna().any():
        bounds = area_rows.set_index("year")
        shown.insert(
            1,
            f"{area.name}: 95% interval",
            [
                narrative.interval(bounds.at[y, "lower"], bounds.at[y, "upper"], indicator) or None
                if y in bounds.index
                else None
                for y in shown.index
            ],
        )
    period_of = dict(zip(frame["year"], frame["period"], strict=False))
    shown.index = [period_of[year] for year in shown.index]
    shown = shown.rename_axis("Period").reset_index()
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
    if ((frame["series_key"] == "value") & (frame["series"] != area.name)).any():
        parts.append(
            f"The line for {area.name} starts in {_change_year(area)}, when it began with new "
            "boundaries; the figures before are for another authority and are drawn apart, not joined."
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
    """What each indicator can and cannot show, the rules behind the comparisons, and what the area's
    own history asks of its figures."""
    lines = [f"- **{i.title}**: {i.caveat}" for i in INDICATORS.values() if i.caveat]
    lines.append(
        "- **Benchmarks**: the neighbours' figure is the unweighted mean of the "
        "neighbours with a value; an area is flagged Higher or Lower only when its 95% "
        "interval excludes the benchmark value, and Better or Worse only where the "
        "indicator has a declared direction. Comparisons use the figures at full precision, not "
        f"the rounded ones shown. {narrative.MORE_DECIMALS_NOTE}"
    )
    lines.append(f"- **Small numbers**: {narrative.SMALL_NUMBERS_RULE}")
    lines.append(f"- **Doubtful figures**: {UNCONFIRMED_RULE}")
    change = areas.boundary_change(area)
    if change is not None:
        former = (
            f"the former {change.predecessor_name} ({change.predecessor_code})"
            if change.predecessor_name
            else "the authorities it replaced"
        )
        lines.append(
            f"- **Boundaries**: {area.name} began in {change.year} with boundaries of its own. A "
            f"figure a national table files under its name for an earlier year is for {former}: "
            "trends show it apart, with no line joining it to today's area, and it is left out of "
            "benchmarks."
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

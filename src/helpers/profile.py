"""An area profile: everything an area page shows, computed from the national table.

The template notebook calls one method per cell; each returns a display object (Markdown, an HTML
table or a :class:`~helpers.figures.Figure`), so the page holds no wrangling of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from IPython.display import HTML, Markdown

from helpers import (
    areas,
    charts,
    evidence,
    evidence_views,
    indicators,
    inspections,
    manifest,
    maps,
    narrative,
    tables,
)
from helpers.figures import Figure
from helpers.indicators import INDICATORS
from helpers.provenance import Provenance

NEIGHBOUR_NOTE = "statistical neighbours (DfE, May 2025 list)"


@dataclass
class AreaProfile:
    """The numbers, charts and sentences of one area's page."""

    area: areas.Area

    @cached_property
    def benchmarked(self) -> pd.DataFrame:
        """Every indicator and year: the area beside England, its region and its neighbours."""
        return indicators.benchmarks(indicators.national_table(), self.area)

    @cached_property
    def headline(self) -> pd.DataFrame:
        """The latest year of each indicator."""
        return indicators.latest(self.benchmarked)

    @cached_property
    def inspection(self) -> inspections.Inspection | None:
        return inspections.latest(self.area)

    @cached_property
    def evidence(self) -> evidence_views.AreaEvidence:
        """The participation sections, derived from the area's items in the evidence register."""
        register = evidence_views.load_register(bibliography_page="../../evidence/bibliography.html")
        return evidence_views.AreaEvidence(self.area, register)

    # --- prose -------------------------------------------------------------------------------

    def _figures(self, row) -> str:
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

    def _comparisons(self, row) -> str:
        indicator = INDICATORS[row.indicator]
        benchmarks = [
            ("England", row.england, row.vs_england),
            (self.area.region_name, row.region, row.vs_region),
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

    def summary(self) -> Markdown:
        """Plain-words summary with computed numbers, one line per indicator."""
        lines = [
            f"{self.area.name} is an upper-tier local authority in {self.area.region_name}. "
            f"Each figure below is set beside England, {self.area.region_name} and the mean of "
            f"the area's ten {NEIGHBOUR_NOTE}. These national indicators describe pressure on "
            "the SEND system and how it responds; none of them measures whether parent carers are "
            "involved.",
            "",
        ]
        for row in self.headline.itertuples(index=False):
            indicator = INDICATORS[row.indicator]
            lines.append(
                f"- **{indicator.title}** ({row.period}): {self._figures(row)}; {self._comparisons(row)}."
            )
        if self.inspection is not None:
            lines.append(f"- **Latest area SEND inspection**: {self._inspection_sentence()}")
        return Markdown("\n".join(lines))

    def _inspection_sentence(self) -> str:
        found = self.inspection
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

    def inspection_summary(self) -> Markdown:
        """The latest area SEND inspection, or a plain statement that the data hold none."""
        if self.inspection is None:
            return Markdown(f"The inspection data hold no area SEND inspection of {self.area.name}.")
        source = self.inspection.source
        return Markdown(f"{self._inspection_sentence()}\n\nSource: {source.citation()}.")

    # --- tables ------------------------------------------------------------------------------

    def indicator_table(self) -> HTML:
        """The latest value of each indicator against England, region and neighbours, with flags."""
        rows = []
        for row in self.headline.itertuples(index=False):
            indicator = INDICATORS[row.indicator]
            rows.append(
                {
                    "Indicator": indicator.measure,
                    "Period": row.period,
                    self.area.name: narrative.value(row.value, indicator),
                    "95% interval": narrative.interval(row.lower, row.upper, indicator) or None,
                    "Count": (
                        f"{narrative.count(row.numerator)} / {narrative.count(row.denominator)}"
                        if pd.notna(row.numerator) and pd.notna(row.denominator)
                        else None
                    ),
                    "England": narrative.value(row.england, indicator),
                    "Compared with England": row.vs_england,
                    self.area.region_name: narrative.value(row.region, indicator),
                    "Compared with region": row.vs_region,
                    "Neighbours (mean)": narrative.value(row.neighbours, indicator),
                    "Compared with neighbours": row.vs_neighbours,
                }
            )
        caption = (
            f"{self.area.name}: latest value of each indicator beside England, "
            f"{self.area.region_name} and the mean of its {NEIGHBOUR_NOTE}"
        )
        return tables.table(pd.DataFrame(rows), caption)

    def neighbours_table(self) -> HTML:
        """The area's statistical neighbours in the 2025 list, with the 2021 list beside them."""
        current = areas.neighbours(self.area, 2025)
        previous = areas.neighbours(self.area, 2021)
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
            f"{self.area.name}: statistical neighbours in DfE's May 2025 list (used for the "
            "benchmarks) and April 2021 list (for reference)"
        )
        return tables.table(pd.DataFrame(rows), caption)

    # --- figures -----------------------------------------------------------------------------

    def trend(self, indicator_id: str) -> Figure:
        """A trend chart of one indicator, with its description, source and data table."""
        indicator = INDICATORS[indicator_id]
        frame = charts.trend_frame(self.benchmarked, indicator_id, self.area.name, self.area.region_name)
        area_rows = frame[frame["series_key"] == "value"]
        first, last = frame["period"].iloc[0], frame["period"].iloc[-1]
        latest_row = self.headline[self.headline["indicator"] == indicator_id].iloc[0]
        flag = latest_row.vs_england
        if flag in narrative.COMPARISON_WORDS:
            title = (
                f"{indicator.title}: {self.area.name} {narrative.COMPARISON_WORDS[flag]} "
                f"England in {latest_row.period}"
            )
        else:
            title = f"{indicator.title} in {self.area.name}, {first} to {last}"
        subtitle = [
            f"{indicator.measure}, {first} to {last}",
            f"{self.area.name}, {self.area.region_name}, {NEIGHBOUR_NOTE} and England",
        ]
        description = self._trend_description(indicator, frame, area_rows, first, last)
        sources = "; ".join(manifest.get(s).citation() for s in indicator.sources)
        chart = charts.trend_chart(frame, indicator_id, title, subtitle, description)
        shown = self._trend_table(frame, area_rows, indicator)
        data = frame[["series", "period", "value", "lower", "upper"]].rename(
            columns={"lower": "lower_95", "upper": "upper_95"}
        )
        return Figure(
            chart=chart,
            title=title,
            description=description,
            source=sources + (f". {indicator.caveat}" if indicator.caveat else ""),
            table=shown,
            table_caption=f"{indicator.measure}: values shown in the chart",
            data=data,
            csv_name=f"{self.area.slug}-{indicator_id}.csv",
        )

    def _trend_table(self, frame: pd.DataFrame, area_rows: pd.DataFrame, indicator) -> pd.DataFrame:
        """The chart's values as display strings: one row per period, one column per series."""
        wide = frame.pivot_table(index="period", columns="series", values="value", sort=False)
        wide = wide.reindex(columns=list(dict.fromkeys(frame["series"])))
        shown = wide.map(lambda v: narrative.value(v, indicator))
        if area_rows["lower"].notna().any():
            bounds = area_rows.set_index("period")
            shown.insert(
                1,
                f"{self.area.name}: 95% interval",
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

    def _trend_description(self, indicator, frame, area_rows, first, last) -> str:
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
                f"The shaded band is the 95% interval for {self.area.name} "
                f"({narrative.interval(end.lower, end.upper, indicator)} in {end.period})."
            )
        return " ".join(parts)

    def locator(self) -> Figure:
        """Where the area is: England with the area, its neighbours and its region picked out."""
        neighbours = [n for n in areas.neighbours(self.area) if n.area is not None]
        title = f"Where {self.area.name} is, and its statistical neighbours"
        subtitle = [
            "Upper-tier local authorities, December 2024 boundaries",
            f"{self.area.name}, its ten {NEIGHBOUR_NOTE} and the rest of {self.area.region_name}",
        ]
        description = (
            f"Map of England's 153 upper-tier local authorities. {self.area.name}, in "
            f"{self.area.region_name}, is marked and labelled. Its statistical neighbours "
            f"are {', '.join(n.name for n in neighbours)}."
        )
        roles = maps.locator_frame(self.area)
        data = roles[roles["role"] != "other"][["code", "name", "category"]]
        data = data.sort_values(["category", "name"]).reset_index(drop=True)
        shown = data.rename(columns={"name": "Area", "code": "ONS code", "category": "On this map"})
        return Figure(
            chart=maps.locator_map(self.area, title, subtitle, description),
            title=title,
            description=description,
            source=f"{manifest.get('boundaries_2024').citation()}; "
            f"{manifest.get('neighbours_2025').citation()}",
            table=shown[["Area", "ONS code", "On this map"]],
            data=data,
            table_caption=f"Areas picked out on the map of {self.area.name}",
            csv_name=f"{self.area.slug}-locator.csv",
        )

    # --- sources and caveats -------------------------------------------------------------------

    def caveats(self) -> Markdown:
        """What each indicator can and cannot show."""
        lines = [f"- **{i.title}**: {i.caveat}" for i in INDICATORS.values() if i.caveat]
        lines.append(
            "- **Benchmarks**: the neighbours' figure is the unweighted mean of the "
            "neighbours with a value; an area is flagged Higher or Lower only when its 95% "
            "interval excludes the benchmark value, and Better or Worse only where the "
            "indicator has a declared direction."
        )
        if self.area.former_codes:
            lines.append(
                f"- **Codes**: DfE files still label {self.area.name} with "
                f"{', '.join(self.area.former_codes)}; the book matches DfE rows on the "
                f"DfE number ({self.area.la_number}) and shows the current code "
                f"{self.area.code}."
            )
        return Markdown("\n".join(lines))

    def sources(self) -> Markdown:
        """Every dataset behind the page, with publisher, vintage, licence and link."""
        used = dict.fromkeys(s for i in INDICATORS.values() for s in i.sources)
        used.update(
            dict.fromkeys(
                [
                    "inspections_2023",
                    "inspections_2016",
                    "neighbours_2025",
                    "neighbours_2021",
                    "boundaries_2024",
                ]
            )
        )
        lines = []
        for dataset_id in used:
            d = manifest.get(dataset_id)
            lines.append(f"- [{d.title}]({d.url}). {d.publisher}; {d.vintage}. {d.licence}.")
        return Markdown("\n".join(lines))

    def provenance(self) -> Provenance:
        """What this page was made from: code, data, evidence files, parameters and neighbours."""
        return Provenance(
            parameters={"area_code": self.area.code},
            book_files=[
                evidence.EVIDENCE_DIR / f"{self.area.slug}.yml",
                evidence.FRAMEWORK,
                evidence.BIBLIOGRAPHY,
            ],
            neighbours=[(n.rank, n.name, n.la_number) for n in areas.neighbours(self.area)],
            neighbour_list="DfE, May 2025 list, used for the benchmarks",
        )


def load(area_code: str) -> AreaProfile:
    """The profile of the area with this GSS code (a former code resolves to its successor)."""
    return AreaProfile(areas.get(area_code))

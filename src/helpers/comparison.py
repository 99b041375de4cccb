"""The cross-area comparison chapter: whatever areas the run list holds, side by side.

Indicators with their intervals and flags, small-multiple trends, the participation evidence theme
by theme, a map, and a narrative computed from all of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown

from helpers import areas, charts, evidence, evidence_views, manifest, maps, narrative, participation, tables
from helpers.charts import PALETTE
from helpers.figures import Figure
from helpers.indicators import INDICATORS
from helpers.profile import NEIGHBOUR_NOTE, AreaProfile
from helpers.provenance import Provenance


def _listing(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass
class Comparison:
    """Two or more areas compared."""

    compared: list[areas.Area]

    def __post_init__(self) -> None:
        if len(self.compared) < 2:
            raise ValueError("A comparison needs at least two areas; add one with `make area AREA=...`.")

    @cached_property
    def profiles(self) -> list[AreaProfile]:
        register = evidence_views.load_register(bibliography_page="../evidence/bibliography.html")
        built = [AreaProfile(area) for area in self.compared]
        for profile in built:
            profile.__dict__["evidence"] = evidence_views.AreaEvidence(profile.area, register)
        return built

    @property
    def names(self) -> str:
        return _listing([area.name for area in self.compared])

    # --- indicators ---------------------------------------------------------------------------

    def _latest(self, indicator_id: str) -> list[tuple[AreaProfile, pd.Series]]:
        rows = []
        for profile in self.profiles:
            row = profile.headline[profile.headline["indicator"] == indicator_id]
            if not row.empty:
                rows.append((profile, row.iloc[0]))
        return rows

    def indicator_table(self) -> HTML:
        """Each indicator's latest value for each area, beside England, its region and neighbours."""
        records = []
        for indicator_id, indicator in INDICATORS.items():
            for profile, row in self._latest(indicator_id):
                records.append(
                    {
                        "Indicator": indicator.measure,
                        "Area": profile.area.name,
                        "Period": row["period"],
                        "Value": narrative.value(row["value"], indicator),
                        "95% interval": narrative.interval(row["lower"], row["upper"], indicator) or None,
                        "England": f"{narrative.value(row['england'], indicator)} ({row['vs_england']})",
                        "Region": f"{profile.area.region_name} {narrative.value(row['region'], indicator)} "
                        f"({row['vs_region']})",
                        "Neighbours (mean)": (
                            f"{narrative.value(row['neighbours'], indicator)} ({row['vs_neighbours']})"
                        ),
                    }
                )
        caption = (
            f"Latest value of each indicator for {self.names}, with each area's comparison with England, its "
            f"region and the mean of its {NEIGHBOUR_NOTE} in brackets"
        )
        return tables.table(pd.DataFrame(records), caption)

    def small_multiples(self, indicator_id: str) -> Figure:
        """One panel per area: the area with its interval, England and its neighbours' mean over time."""
        indicator = INDICATORS[indicator_id]
        frames = []
        for profile in self.profiles:
            frame = charts.trend_frame(
                profile.benchmarked, indicator_id, profile.area.name, profile.area.region_name
            )
            frame = frame[frame["series_key"].isin(["value", "england", "neighbours"])]
            frame = frame.assign(
                area=profile.area.name,
                series=frame["series_key"].map(
                    {
                        "value": "The area",
                        "england": "England",
                        "neighbours": "Its statistical neighbours (mean)",
                    }
                ),
            )
            frames.append(frame)
        data = pd.concat(frames, ignore_index=True)
        order = ["The area", "England", "Its statistical neighbours (mean)"]
        styles = [charts.SERIES_STYLE[key] for key in ("area", "England", "neighbours")]
        x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
        band = (
            alt.Chart()
            .transform_filter(alt.datum.series == "The area")
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
        first, last = data["period"].iloc[0], data["period"].iloc[-1]
        latest = self._latest(indicator_id)
        ranked = sorted((row["value"], p.area.name) for p, row in latest if pd.notna(row["value"]))
        title = (
            f"{indicator.title}: highest in {ranked[-1][1]}, lowest in {ranked[0][1]}"
            if len(ranked) >= 2
            else f"{indicator.title} in {self.names}"
        )
        description = (
            f"Small multiples, one panel per area, of {indicator.measure} from {first} to {last}, each with "
            "England and the area's statistical neighbours' mean. Latest values: "
            + "; ".join(f"{p.area.name} {narrative.value(row['value'], indicator)}" for p, row in latest)
            + (f"; England {narrative.value(latest[0][1]['england'], indicator)}." if latest else ".")
        )
        chart = (
            alt.layer(*layers, data=data)
            .properties(width=230, height=170)
            .facet(
                facet=alt.Facet("area:N", title=None, sort=[a.name for a in self.compared]),
                columns=min(3, len(self.compared)),
            )
            .properties(
                description=description,
                title=alt.TitleParams(
                    text=title,
                    subtitle=[
                        f"{indicator.measure}, {first} to {last}",
                        f"{self.names}, each with England and its {NEIGHBOUR_NOTE}",
                    ],
                ),
            )
        )
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

    # --- participation evidence -------------------------------------------------------------

    def participation_table(self) -> HTML:
        """Theme by theme, the level the evidence supports in each area, and how it is supported."""
        codebook = self.profiles[0].evidence.register.codebook
        rows = []
        for theme in codebook.themes:
            row = {"Theme": theme.label}
            for profile in self.profiles:
                found = next(p for p in profile.evidence.profiles if p.theme == theme.id)
                if found.level:
                    grades = sorted({c.item.strength for c in found.behind})
                    row[profile.area.name] = (
                        f"{codebook.label('ladder', found.level)} ({found.year}; "
                        f"{evidence_views.BASIS_WORDS[found.basis].split(' (')[0]}, {'/'.join(grades)})"
                    )
                else:
                    row[profile.area.name] = evidence_views.BASIS_WORDS[found.basis]
            rows.append(row)
        caption = (
            f"Level of participation the evidence supports, theme by theme, for {self.names} "
            "(year of the evidence; whether supported or indicative; strength of the items behind it)"
        )
        return tables.table(pd.DataFrame(rows), caption)

    def coverage_table(self) -> HTML:
        """How much evidence each area has, how strong, and where the gaps are."""
        codebook = self.profiles[0].evidence.register.codebook
        rows = []
        for profile in self.profiles:
            items = profile.evidence.items
            counts = participation.strength_counts(items, codebook)
            gaps = participation.gaps(profile.evidence.profiles)
            years = sorted({c.item.when.year for c in items})
            rows.append(
                {
                    "Area": profile.area.name,
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
        return tables.table(pd.DataFrame(rows), f"The evidence behind the comparison, for {self.names}")

    # --- map and narrative ------------------------------------------------------------------

    def map(self) -> Figure:
        """England with the compared areas picked out and labelled."""
        compared = {area.code for area in self.compared}
        order = ["Compared in this chapter", "Other upper-tier areas"]
        frame = pd.DataFrame(
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "category": order[0] if a.code in compared else order[1],
                    "region": a.region_name,
                }
                for a in areas.all_areas()
            ]
        )
        title = f"The {len(self.compared)} areas compared: {self.names}"
        description = (
            f"Map of England's 153 upper-tier local authorities with the {len(self.compared)} compared areas "
            f"shaded dark blue and labelled: "
            + "; ".join(f"{a.name} ({a.region_name})" for a in self.compared)
            + "."
        )
        chart = maps.category_map(
            frame[["code", "name", "category", "region"]],
            order,
            [PALETTE["dark blue"], "#E6E6E6"],
            self.compared,
            title,
            ["Upper-tier local authorities, December 2024 boundaries", "Compared areas shaded and labelled"],
            description,
            tooltip=[("region", "Region")],
        )
        table = pd.DataFrame(
            {
                "Area": [a.name for a in self.compared],
                "ONS code": [a.code for a in self.compared],
                "Region": [a.region_name for a in self.compared],
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

    def narrative(self) -> Markdown:
        """Where the areas differ on the indicators, and where the evidence is thin, in plain words."""
        lines = []
        for indicator_id, indicator in INDICATORS.items():
            latest = self._latest(indicator_id)
            valued = [(p, row) for p, row in latest if pd.notna(row["value"])]
            if len(valued) < 2:
                continue
            valued.sort(key=lambda pair: pair[1]["value"], reverse=True)
            period, england = valued[0][1]["period"], valued[0][1]["england"]
            order = "; ".join(
                f"{p.area.name} {narrative.value(row['value'], indicator)}"
                + (
                    f" ({narrative.COMPARISON_WORDS[row['vs_england']]} England)"
                    if row["vs_england"] in narrative.COMPARISON_WORDS
                    else ""
                )
                for p, row in valued
            )
            lines.append(
                f"- **{indicator.title}** ({period}, England {narrative.value(england, indicator)}): {order}."
            )
        evidence_lines = []
        for profile in self.profiles:
            items = profile.evidence.items
            gaps = participation.gaps(profile.evidence.profiles)
            strong = sum(c.item.strength == "strong" for c in items)
            evidence_lines.append((len(items), strong, len(gaps), profile.area.name))
        thinnest = min(evidence_lines)
        differing = []
        codebook = self.profiles[0].evidence.register.codebook
        for theme in codebook.themes:
            levels = {}
            for profile in self.profiles:
                found = next(p for p in profile.evidence.profiles if p.theme == theme.id)
                if found.basis == participation.SUPPORTED:
                    levels[profile.area.name] = found.level
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
            text += ["", "The levels the evidence supports differ most on " + _listing(differing) + "."]
        return Markdown("\n".join(text))

    def provenance(self) -> Provenance:
        """What this page was made from: code, data, the whole register, and the areas compared."""
        return Provenance(
            parameters={"area_codes": [area.code for area in self.compared]},
            book_files=[*evidence.register_files(), evidence.FRAMEWORK, evidence.BIBLIOGRAPHY],
        )


def load(area_codes: list[str]) -> Comparison:
    """The comparison of these areas (ONS codes), in the given order."""
    return Comparison([areas.get(code) for code in area_codes])

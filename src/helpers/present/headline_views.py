"""The answer first: what an area page's first screen shows (the participation headline by theme and
perspective, the latest inspection outcome and a spine chart of every national indicator), and the same
spine chart for several areas side by side."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, inspections, manifest
from helpers.evidence import participation
from helpers.present import charts, narrative, tables
from helpers.present.definitions_views import definition_link
from helpers.present.evidence_views import AreaEvidence
from helpers.present.figures import Figure
from helpers.present.tables import Link
from helpers.stats.benchmarks import AreaNumbers, national_latest
from helpers.stats.indicators import INDICATORS


def _scaled(value: float, england: float, half: float) -> float | None:
    """Where a value sits on a spine row: England at 0, the furthest area from England at -1 or 1."""
    if pd.isna(value) or not half:
        return None
    return (value - england) / half


def spine_rows(numbers: AreaNumbers, column: str | None = None) -> list[dict]:
    """One row per indicator for one area: its point, the national range and the benchmark markers,
    each scaled so England is at the centre, and the value and flag as text."""
    area = numbers.area
    rows = []
    for indicator_id, indicator in INDICATORS.items():
        latest = numbers.latest_of(indicator_id)
        national, year, england = national_latest(indicator_id)
        # Doubtful figures (a zero beside undecided requests) are left out of the national range.
        values = national.loc[~national["unconfirmed"], "value"].dropna()
        if latest is None or values.empty:
            continue
        half = max(england - values.min(), values.max() - england)
        flag = latest["vs_england"]
        shown = narrative.value(latest["value"], indicator)
        rows.append(
            {
                "indicator": indicator_id,
                "label": indicator.title,
                "column": column or area.name,
                "period": latest["period"],
                "value": latest["value"],
                "position": _scaled(latest["value"], england, half),
                "low": _scaled(values.min(), england, half),
                "q1": _scaled(values.quantile(0.25), england, half),
                "q3": _scaled(values.quantile(0.75), england, half),
                "high": _scaled(values.max(), england, half),
                "region": _scaled(latest["region"], england, half),
                "neighbours": _scaled(latest["neighbours"], england, half),
                "flag": flag,
                "shown": f"{shown} ({flag.lower()})" if flag else shown,
                "count": (
                    f"{narrative.count(latest['numerator'])} of {narrative.count(latest['denominator'])}"
                    if pd.notna(latest["numerator"]) and pd.notna(latest["denominator"])
                    else None
                ),
                "england_shown": narrative.value(england, indicator),
                "region_shown": f"{area.region_name} {narrative.value(latest['region'], indicator)}",
                "neighbours_shown": narrative.value(latest["neighbours"], indicator),
                "lowest": narrative.value(values.min(), indicator),
                "highest": narrative.value(values.max(), indicator),
                "areas_with_data": int(values.size),
            }
        )
    return rows


def spine(numbers_list: list[AreaNumbers], page: str) -> Figure:
    """The spine chart of every national indicator for one area (with its values) or several; ``page`` is
    the page showing it (from the repository root), which its links to the definitions start from."""
    rows = [row for numbers in numbers_list for row in spine_rows(numbers)]
    frame = pd.DataFrame(rows)
    names = [n.area.name for n in numbers_list]
    one = len(numbers_list) == 1
    who = names[0] if one else narrative.listing(names)
    title = (
        f"{who}: every national indicator beside England and all 153 areas"
        if one
        else f"Every national indicator: {who} beside England and all 153 areas"
    )
    subtitle = [
        "Centre line: England. Bar: all areas (darker: middle half). Tick: region. Diamond: neighbours",
    ]
    description = (
        f"Spine chart of the {len(frame['indicator'].unique())} national indicators for {who}. "
        + " ".join(
            f"{r['label']} ({r['period']}): {r['column']} {r['shown']}; England {r['england_shown']}; "
            f"areas range from {r['lowest']} to {r['highest']}."
            for r in rows
        )
    )
    chart = charts.spine_chart(frame, names, title, subtitle, description)
    table = pd.DataFrame(
        {
            "Indicator": [
                Link(label, definition_link(indicator_id, page))
                for label, indicator_id in zip(frame["label"], frame["indicator"], strict=True)
            ],
            **({} if one else {"Area": frame["column"]}),
            "Period": frame["period"],
            "Value": [s.rsplit(" (", 1)[0] for s in frame["shown"]],
            "Count": frame["count"],
            "Compared with England": frame["flag"],
            "England": frame["england_shown"],
            "Region": frame["region_shown"],
            "Neighbours (mean)": frame["neighbours_shown"],
            "Lowest area": frame["lowest"],
            "Highest area": frame["highest"],
        }
    )
    sources = sorted({s for indicator in INDICATORS.values() for s in indicator.sources})
    return Figure(
        chart=chart,
        title=title,
        description=description,
        source="; ".join(manifest.get(s).citation() for s in sources),
        table=table,
        table_caption=f"{who}: the values behind the spine chart",
        data=frame,
        csv_name=("spine-" + numbers_list[0].area.slug if one else "compare-spine") + ".csv",
        definition=definition_link(next(iter(INDICATORS)), page).split("#")[0],
    )


HEADLINE_CAPTION = "{area}: participation by theme and perspective (level and year)"


def headline_rows(evidence: AreaEvidence, mark_capped: bool = True) -> pd.DataFrame:
    """Theme by theme: the headline and the level from each perspective, as the page words them
    (``mark_capped``: say beside a claimed level that the ceiling rule lowered it)."""
    codebook = evidence.register.codebook
    rows = []
    for profile in evidence.profiles:
        row = {
            "Theme": codebook.label("themes", profile.theme),
            "Headline": (
                codebook.label("ladder", profile.headline)
                if profile.verified
                else profile.headline.capitalize()
            )
            + (" (contested)" if profile.contested else ""),
        }
        for perspective, label in participation.PERSPECTIVES.items():
            level = profile.levels[perspective]
            shown = profile.level(perspective)
            row[label] = (
                f"{codebook.label('ladder', shown)} ({level.year})"
                + (", capped" if mark_capped and perspective == "claimed" and profile.capped else "")
                if shown
                else None
            )
        rows.append(row)
    return pd.DataFrame(rows)


def headline_table(evidence: AreaEvidence) -> HTML:
    """The participation headline by theme, with the level from each perspective (no item links)."""
    caption = HEADLINE_CAPTION.format(area=evidence.area.name)
    table = tables.html_table(headline_rows(evidence, mark_capped=False), caption)
    return HTML(f'<div class="book-headline">{table}</div>')


def sources_behind(evidence: AreaEvidence) -> list[str]:
    """The sources of the items the headline levels rest on, each once, with its date."""
    sources = evidence.register.sources
    found: dict[str, str] = {}
    for profile in evidence.profiles:
        for level in profile.levels.values():
            for coded in level.behind:
                source = sources[coded.item.source]
                found.setdefault(source.id, f"{source.publisher}, {source.title} ({source.date})")
    return list(found.values())


KEY_HEADER = ["Indicator", "Period", "Value (95% interval; count)", "England", "Region", "Neighbours (mean)"]


def key_rows(numbers: AreaNumbers) -> list[list[str]]:
    """The indicator table in six columns: each benchmark with its comparison flag beside it."""
    rows = []
    for row in numbers.headline.itertuples(index=False):
        indicator = INDICATORS[row.indicator]
        value = narrative.value(row.value, indicator)
        interval = narrative.interval(row.lower, row.upper, indicator)
        count = (
            f"{narrative.count(row.numerator)} of {narrative.count(row.denominator)}"
            if pd.notna(row.numerator) and pd.notna(row.denominator)
            else ""
        )
        detail = "; ".join(part for part in (interval, count) if part)
        rows.append(
            [
                indicator.measure,
                row.period,
                f"{value} ({detail})" if detail else value,
                f"{narrative.value(row.england, indicator)}: {row.vs_england}",
                f"{narrative.value(row.region, indicator)}: {row.vs_region}",
                f"{narrative.value(row.neighbours, indicator)}: {row.vs_neighbours}",
            ]
        )
    return rows


def outcome_line(area: areas.Area, inspection: inspections.Inspection | None) -> Markdown:
    """The latest inspection outcome in one sentence, dated, with whose account it is."""
    if inspection is None:
        return Markdown(
            f"**Latest area SEND inspection**: none in the book's inspection data for {area.name}."
        )
    when = f", {inspection.published:%-d %B %Y}" if inspection.published else ""
    return Markdown(
        f"**Latest inspection**: {inspection.outcome} ([Ofsted and CQC]({inspection.link}){when}). "
        f"**Headline**: the independent level of the last {participation.RECENT_YEARS} years, else "
        f"unverified; a claim alone counts no higher than {participation.CLAIM_CEILING}."
    )

"""The national indicators: what each measures, and one tidy table of every LA, region and England.

``national_table`` assembles the published indicators from the loaders, with Wilson intervals where
there are counts. Values keep full precision; rounding happens only for display.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data import areas, sources, store
from helpers.stats import caveats
from helpers.stats.comparisons import HIGHER_IS_BETTER
from helpers.stats.intervals import with_intervals

COLUMNS = [
    "area_code",
    "area_name",
    "level",
    "indicator",
    "year",
    "period",
    "numerator",
    "denominator",
    "value",
    "lower",
    "upper",
    "symbol",
    "source",
    "note",
    # What the figure needs a reader to know, whether the data make it doubtful, and the former
    # authority it is really for (see helpers.stats.caveats).
    "caveat",
    "unconfirmed",
    "former_area",
]


@dataclass(frozen=True)
class Indicator:
    """What an indicator measures, how it is shown and where it comes from."""

    id: str
    title: str
    measure: str
    unit: str
    scale: float
    period: str
    sources: tuple[str, ...]
    polarity: str | None = None
    caveat: str = ""

    def period_label(self, year: int) -> str:
        """'2024' for a calendar year, 'January 2025' for a January count."""
        return f"January {year}" if self.period == "January" else str(year)


INDICATORS: dict[str, Indicator] = {
    indicator.id: indicator
    for indicator in [
        Indicator(
            "ehcp_pupils_pct",
            "Pupils with an EHC plan",
            "% of pupils with an EHC plan",
            "%",
            100,
            "January",
            ("lait_send",),
            caveat="School census, all schools. Published as a percentage without counts, so no "
            "interval can be computed and the area is not compared.",
        ),
        Indicator(
            "sen_support_pct",
            "Pupils on SEN support",
            "% of pupils on SEN support",
            "%",
            100,
            "January",
            ("lait_send",),
            caveat="School census, all schools. Published as a percentage without counts, so no "
            "interval can be computed and the area is not compared.",
        ),
        Indicator(
            "ehcp_per_1000",
            "EHC plans per 1,000 residents aged 0 to 25",
            "EHC plans per 1,000 residents aged 0-25",
            "per 1,000",
            1000,
            "January",
            ("sen2_caseload", "population_mid2022", "population_mid2023"),
            caveat="Plans maintained in January divided by the ONS mid-year estimate of residents "
            "aged 0 to 25 of the year before (January 2025 uses mid-2023, the latest estimate by single "
            "year of age available).",
        ),
        Indicator(
            "plans_20_weeks",
            "New EHC plans issued within 20 weeks",
            "% of new EHC plans issued within 20 weeks, excluding exceptions",
            "%",
            100,
            "calendar year",
            ("sen2_timeliness",),
            polarity=HIGHER_IS_BETTER,
            caveat="The statutory time limit is 20 weeks from request to final plan; plans where a "
            "legal exception applied are excluded.",
        ),
        Indicator(
            "requests_refused",
            "Initial requests for assessment refused",
            "% of initial requests for an EHC needs assessment refused",
            "%",
            100,
            "calendar year",
            ("sen2_mi_2023", "sen2_requests"),
            caveat="Break in series in 2023: SEN2 became a person-level return, so 2023 onwards "
            "(2025 release) is not strictly comparable with 2016-2022 (2023 release).",
        ),
        Indicator(
            "tribunal_appeal_rate",
            "SEND Tribunal appeal rate",
            "SEND Tribunal appeals as % of appealable decisions",
            "%",
            100,
            "calendar year",
            ("tribunal_appeals",),
            caveat="Appeals registered divided by appealable decisions (refusals to assess, "
            "decisions not to issue a plan, plans in January and plans ceased). Region figures are "
            "sums of the published LA figures.",
        ),
    ]
}


# --- assembling the national table -------------------------------------------------------------

_REGION_NAMES = {
    "north east": "E12000001",
    "north west": "E12000002",
    "yorkshire and the humber": "E12000003",
    "east midlands": "E12000004",
    "west midlands": "E12000005",
    "east of england": "E12000006",
    "east": "E12000006",
    "london": "E12000007",
    # The tribunal table heads London's boroughs as Inner and Outer London.
    "inner london": "E12000007",
    "outer london": "E12000007",
    "south east": "E12000008",
    "south west": "E12000009",
}


def region_code(name: str) -> str | None:
    """The GSS code of an English region from any of the spellings used in the national files."""
    return _REGION_NAMES.get(str(name).strip().lower())


def _identify(frame: pd.DataFrame) -> pd.DataFrame:
    """Add area_code and area_name from ``level``, ``la_number`` and ``region_name`` columns.

    LA rows are matched on the DfE number; rows of abolished LAs (no current area) are dropped.
    """
    out = frame.copy()
    codes, names = [], []
    for row in out.itertuples(index=False):
        if row.level == "England":
            codes.append(areas.ENGLAND_CODE)
            names.append("England")
        elif row.level == "Region":
            code = region_code(row.region_name)
            codes.append(code)
            names.append(REGION_LABELS.get(code))
        else:
            area = areas.by_la_number(row.la_number) if pd.notna(row.la_number) else None
            codes.append(area.code if area else None)
            names.append(area.name if area else None)
    out["area_code"], out["area_name"] = codes, names
    return out[out["area_code"].notna()]


REGION_LABELS = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and the Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}


def _finish(frame: pd.DataFrame, indicator: Indicator, source: str, note: str = "") -> pd.DataFrame:
    out = _identify(frame)
    out = with_intervals(out, indicator.scale)
    out["indicator"] = indicator.id
    out["period"] = out["year"].map(indicator.period_label)
    out["source"] = source
    if "note" not in out:
        out["note"] = note
    if "symbol" not in out:
        out["symbol"] = np.nan
    return _with_caveat_defaults(out)[COLUMNS]


def _with_caveat_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """The caveat fields, empty where an indicator's own rules set none."""
    out = frame.copy()
    for column, empty in (("caveat", ""), ("unconfirmed", False), ("former_area", "")):
        if column not in out:
            out[column] = empty
    return out


def _symbol(*columns: pd.Series) -> pd.Series:
    """The first statistical symbol among the columns behind a figure, if any."""
    result = columns[0].copy()
    for column in columns[1:]:
        result = result.fillna(column)
    return result


def plans_20_weeks() -> pd.DataFrame:
    """% of new EHC plans issued within 20 weeks, excluding exceptions."""
    raw = sources.sen2_timeliness()
    frame = raw.assign(
        numerator=raw["plans_issued_20_weeks_ex"],
        denominator=raw["plans_issued_den_ex"],
        symbol=_symbol(raw["plans_issued_20_weeks_ex_symbol"], raw["plans_issued_den_ex_symbol"]),
        caveat=caveats.no_plans_counted(raw["plans_issued_den"], raw["plans_issued_den_ex"], raw["year"]),
    )
    return _finish(frame, INDICATORS["plans_20_weeks"], "sen2_timeliness")


def requests_refused() -> pd.DataFrame:
    """% of initial requests for assessment refused: 2016-2022 old basis, 2023 onwards new basis."""
    old = sources.sen2_mi_2023()
    old = old.assign(
        numerator=old["ass_refused_ehc"],
        denominator=old["inreq_ehc"],
        symbol=_symbol(old["ass_refused_ehc_symbol"], old["inreq_ehc_symbol"]),
    )
    new = sources.sen2_requests()
    caveat, unconfirmed = caveats.unconfirmed_zero_refusals(
        new["requests_decided_not_to_assess"],
        new["requests_received_in_year"],
        new["requests_decision_not_made"],
    )
    new = new.assign(
        numerator=new["requests_decided_not_to_assess"],
        denominator=new["requests_received_in_year"],
        symbol=_symbol(new["requests_decided_not_to_assess_symbol"], new["requests_received_in_year_symbol"]),
        caveat=caveat,
        unconfirmed=unconfirmed,
    )
    indicator = INDICATORS["requests_refused"]
    return pd.concat(
        [
            _finish(old, indicator, "sen2_mi_2023", "aggregate return (before the 2023 break)"),
            _finish(new, indicator, "sen2_requests", "person-level return (from 2023)"),
        ],
        ignore_index=True,
    )


def ehcp_per_1000() -> pd.DataFrame:
    """EHC plans in January per 1,000 residents aged 0-25 (mid-year estimate of the year before)."""
    caseload = _identify(sources.sen2_caseload())
    population = sources.population_0_25()
    latest_estimate = int(population["mid_year"].max())
    caseload = caseload[caseload["year"] - 1 >= population["mid_year"].min()].copy()
    caseload["mid_year"] = (caseload["year"] - 1).clip(upper=latest_estimate)
    frame = caseload.merge(
        population, left_on=["area_code", "mid_year"], right_on=["code", "mid_year"], how="left"
    )
    frame = frame.assign(
        numerator=frame["ehcplans"],
        denominator=frame["population_0_25"],
        symbol=frame["ehcplans_symbol"],
        note="population mid-" + frame["mid_year"].astype(str),
    )
    return _finish(frame, INDICATORS["ehcp_per_1000"], "sen2_caseload")


def tribunal_appeal_rate() -> pd.DataFrame:
    """SEND Tribunal appeal rate; regions are sums of their LAs' published figures.

    Regions are grouped by the table's own region headings, so LAs since abolished (Cumbria before
    2023, say) still count towards their region in the years they existed.
    """
    raw = sources.tribunal_appeals()
    las = raw[raw["level"] == "Local authority"]
    # Identified by name: the table's names are right where several of its DfE numbers are not.
    matched = [areas.by_name(name) for name in las["la_name"]]
    las = las.assign(
        la_number=pd.array([a.la_number if a else pd.NA for a in matched], dtype="Int64"),
        region_code=las["region_heading"].map(region_code),
    )
    both = las.dropna(subset=["appeals", "decisions"])
    regions = both.groupby(["region_code", "year"], as_index=False)[["appeals", "decisions"]].sum()
    regions = regions.assign(
        level="Region", la_number=pd.NA, region_name=regions["region_code"].map(REGION_LABELS)
    )
    frame = pd.concat(
        [
            raw[raw["level"] == "England"].assign(region_name=None, la_number=pd.NA),
            las.assign(region_name=None),
            regions,
        ],
        ignore_index=True,
    )
    frame = frame.assign(
        numerator=frame["appeals"],
        denominator=frame["decisions"],
        symbol=_symbol(frame["appeals_symbol"], frame["decisions_symbol"]),
    )
    return _finish(frame, INDICATORS["tribunal_appeal_rate"], "tribunal_appeals")


def _lait_percentage(indicator_id: str, measure: str) -> pd.DataFrame:
    """A LAIT percentage (no counts): value only, no interval."""
    raw = sources.lait(measure)
    level = np.select(
        [raw["la_number"] == 970, raw["la_number"].between(980, 990)],
        ["England", "Region"],
        "Local authority",
    )
    frame = raw.assign(level=level, region_name=raw["name"])
    frame = _identify(frame)
    indicator = INDICATORS[indicator_id]
    frame = frame.assign(numerator=np.nan, denominator=np.nan, lower=np.nan, upper=np.nan)
    frame["indicator"] = indicator.id
    frame["period"] = frame["year"].map(indicator.period_label)
    frame["source"] = "lait_send"
    frame["note"] = "percentage published without counts"
    return _with_caveat_defaults(frame)[COLUMNS]


@store.table("national-table")
def national_table() -> pd.DataFrame:
    """Every indicator for every current LA, region and England, every year available."""
    parts = [
        _lait_percentage("ehcp_pupils_pct", "SEN_TotStat"),
        _lait_percentage("sen_support_pct", "SEN_TotSENSuP"),
        ehcp_per_1000(),
        plans_20_weeks(),
        requests_refused(),
        tribunal_appeal_rate(),
    ]
    table = pd.concat(parts, ignore_index=True)
    table["year"] = table["year"].astype(int)
    table["unconfirmed"] = table["unconfirmed"].astype(bool)
    former, former_caveat = caveats.former_areas(table)
    table["former_area"] = former
    table["caveat"] = table["caveat"].where(table["caveat"] != "", former_caveat)
    symbol_caveats = pd.Series([caveats.symbol_caveat(s) for s in table["symbol"]], index=table.index)
    unexplained = (table["caveat"] == "") & table["value"].isna()
    table["caveat"] = table["caveat"].where(~unexplained, symbol_caveats)
    table = caveats.confirm(table)
    table = table.sort_values(["indicator", "level", "area_code", "year"], kind="stable")
    return table.reset_index(drop=True)

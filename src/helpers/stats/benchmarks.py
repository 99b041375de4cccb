"""Benchmarks: each area beside England, its region and the mean of its statistical neighbours.

The numbers behind an area (every year with its benchmarks and flags, and the latest year of each
indicator) are computed here once, and shared by the area page, the comparison and the maps.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from helpers.data import areas
from helpers.stats.caveats import in_benchmarks
from helpers.stats.comparisons import compare
from helpers.stats.indicators import INDICATORS, national_table


def neighbour_mean(table: pd.DataFrame, neighbour_codes: list[str]) -> pd.DataFrame:
    """Unweighted mean of the neighbours' values per indicator and year, with how many had a value.

    Unconfirmed figures and figures for a neighbour's former authority are left out
    (``helpers.stats.caveats``).
    """
    rows = table[table["area_code"].isin(neighbour_codes) & in_benchmarks(table)]
    grouped = rows.groupby(["indicator", "year"])["value"]
    return pd.DataFrame({"value": grouped.mean(), "count": grouped.count()}).reset_index()


def benchmarks(
    table: pd.DataFrame, area: areas.Area, vintage: int = areas.CURRENT_NEIGHBOUR_LIST
) -> pd.DataFrame:
    """Area, England, region and neighbour-mean values side by side, per indicator and year."""
    keys = ["indicator", "year"]
    own = table[table["area_code"] == area.code]
    own = own[
        [
            *keys,
            "period",
            "numerator",
            "denominator",
            "value",
            "lower",
            "upper",
            "symbol",
            "caveat",
            "unconfirmed",
            "former_area",
        ]
    ]
    england = table[table["area_code"] == areas.ENGLAND_CODE][[*keys, "value"]]
    region = table[table["area_code"] == area.region_code][[*keys, "value"]]
    codes = [n.area.code for n in areas.neighbours(area, vintage) if n.area is not None]
    peers = neighbour_mean(table, codes)
    out = own.merge(england.rename(columns={"value": "england"}), on=keys, how="outer")
    out = out.merge(region.rename(columns={"value": "region"}), on=keys, how="left")
    out = out.merge(
        peers.rename(columns={"value": "neighbours", "count": "neighbours_with_data"}),
        on=keys,
        how="left",
    )
    out["period"] = [
        INDICATORS[i].period_label(y) for i, y in zip(out["indicator"], out["year"], strict=True)
    ]
    # Years with England's figure but none of the area's have no caveat.
    out["unconfirmed"] = out["unconfirmed"].astype("boolean").fillna(False).astype(bool)
    out[["caveat", "former_area"]] = out[["caveat", "former_area"]].fillna("")
    for benchmark in ("england", "region", "neighbours"):
        out[f"vs_{benchmark}"] = [
            compare(
                row.lower,
                row.upper,
                getattr(row, benchmark),
                INDICATORS[row.indicator].polarity,
                row.denominator,
                row.unconfirmed,
            )
            for row in out.itertuples(index=False)
        ]
    return out.sort_values(keys).reset_index(drop=True)


def latest(benchmarked: pd.DataFrame) -> pd.DataFrame:
    """The most recent year of each indicator for which England has a value, in INDICATORS order."""
    with_england = benchmarked.dropna(subset=["england"])
    rows = with_england.loc[with_england.groupby("indicator")["year"].idxmax()]
    order = {indicator_id: i for i, indicator_id in enumerate(INDICATORS)}
    return rows.sort_values("indicator", key=lambda s: s.map(order)).reset_index(drop=True)


@dataclass
class AreaNumbers:
    """Every figure about one area: each indicator and year with its benchmarks and flags."""

    area: areas.Area

    @cached_property
    def benchmarked(self) -> pd.DataFrame:
        """Every indicator and year: the area beside England, its region and its neighbours."""
        return benchmarks(national_table(), self.area)

    @cached_property
    def headline(self) -> pd.DataFrame:
        """The latest year of each indicator."""
        return latest(self.benchmarked)

    def latest_of(self, indicator_id: str) -> pd.Series | None:
        """The latest year of one indicator, or None when the area has none."""
        rows = self.headline[self.headline["indicator"] == indicator_id]
        return None if rows.empty else rows.iloc[0]


def national_latest(indicator_id: str) -> tuple[pd.DataFrame, int, float]:
    """Every current area's value in the indicator's latest year (one row per area, by name, with its
    interval, counts, caveat and comparison with England), the year, and England's value."""
    table = national_table()
    rows = table[table["indicator"] == indicator_id]
    year = int(rows.loc[rows["area_code"] == areas.ENGLAND_CODE, "year"].max())
    rows = rows[rows["year"] == year]
    england = rows.loc[rows["area_code"] == areas.ENGLAND_CODE, "value"].iloc[0]
    las = rows[rows["level"] == "Local authority"].set_index("area_code")
    frame = pd.DataFrame(
        [{"code": a.code, "name": a.name, "region": a.region_name} for a in areas.all_areas()]
    )
    columns = ["value", "lower", "upper", "numerator", "denominator", "symbol", "caveat", "unconfirmed"]
    frame = frame.join(las[columns], on="code")
    frame["caveat"] = frame["caveat"].fillna("")
    frame["unconfirmed"] = frame["unconfirmed"].fillna(False).astype(bool)
    polarity = INDICATORS[indicator_id].polarity
    frame["vs_england"] = [
        compare(lo, up, england, polarity, den, unconfirmed)
        for lo, up, den, unconfirmed in zip(
            frame["lower"], frame["upper"], frame["denominator"], frame["unconfirmed"], strict=True
        )
    ]
    return frame, year, england

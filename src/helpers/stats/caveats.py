"""Figures that need a caveat, found in the data and stated once, here.

Every row of the national table carries three fields from this module:

- ``caveat``: why the figure needs care, in words ("" when it needs none);
- ``unconfirmed``: a figure the data themselves make doubtful. It is shown, with its caveat, but not
  compared, and it is left out of every benchmark the book forms (the neighbours' mean) and of the
  lowest and highest values a map names, until it is confirmed (``CONFIRMED``);
- ``former_area``: the authority a figure is really for, when a table files it under a current area
  that began later with other boundaries (Dorset before 2019). Trends break there, and the figure is
  left out of the neighbours' mean, since the neighbour is the current authority.

Benchmarks published by DfE itself (England and the regions of DfE's tables) are used as published.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import areas
from helpers.data.symbols import SYMBOLS

#: What becomes of a figure the data make doubtful.
UNCONFIRMED_USE = (
    "Until it is confirmed it is not compared, and is left out of the neighbours' mean and of the "
    "lowest and highest values the maps name."
)
#: The rule for doubtful figures, in words, for every page that applies it.
UNCONFIRMED_RULE = (
    "A figure the data make doubtful (no request refused where DfE records requests with no decision "
    f"made) is shown with a note. {UNCONFIRMED_USE}"
)

#: Figures confirmed as right although the data make them doubtful, by (indicator, area code, year),
#: with who confirmed them and where, e.g. ("requests_refused", "E06000042", 2024): "Milton Keynes
#: Council, letter of ...". A confirmed figure is compared and benchmarked like any other.
CONFIRMED: dict[tuple[str, str, int], str] = {}


def _count(count: float) -> str:
    """A count as the caveats write it: 1,495."""
    return f"{int(count):,}"


def unconfirmed_zero_refusals(
    refused: pd.Series, received: pd.Series, no_decision: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Zero requests refused where DfE records requests with no decision made (Milton Keynes, 2024).

    A zero beside hundreds of undecided requests may mean refusals went unrecorded, not that none were
    made. Returns the caveat for each row and whether the figure is unconfirmed.
    """
    doubtful = refused.eq(0) & no_decision.gt(0)
    caveat = pd.Series("", index=refused.index, dtype=object)
    for index in doubtful[doubtful].index:
        caveat[index] = (
            f"DfE records no request refused, but {_count(no_decision[index])} of the "
            f"{_count(received[index])} requests as “decision not made”, so the zero may mean refusals "
            f"went unrecorded. {UNCONFIRMED_USE}"
        )
    return caveat, doubtful


def no_plans_counted(included: pd.Series, excluded: pd.Series, year: pd.Series) -> pd.Series:
    """The caveat of a 20-week rate with no plans in it: none issued, or every one an exception.

    DfE footnotes its 2024 timeliness figures: Dorset and City of London classed all new plans as
    having permitted exceptions, so the measure, which leaves exceptions out, counts none (0 of 0).
    """
    caveat = pd.Series("", index=included.index, dtype=object)
    for index in excluded[excluded.eq(0)].index:
        if included[index] > 0:
            caveat[index] = (
                f"All {_count(included[index])} new plans issued in {year[index]} were classed as having "
                "permitted exceptions to the 20-week time limit (DfE's footnote to its timeliness "
                "figures), so this measure, which leaves exceptions out, counts none: 0 of 0."
            )
        elif included[index] == 0:
            caveat[index] = f"No new plans were issued in {year[index]}, so there is no rate: 0 of 0."
    return caveat


def symbol_caveat(symbol: object) -> str:
    """What a statistical symbol printed in place of a value means."""
    if not isinstance(symbol, str):
        return ""
    if symbol == "missing":
        return "The published table leaves the count blank here, so the book shows no figure."
    return f"The published table shows “{symbol}” here: {SYMBOLS.get(symbol, 'not published')}."


def former_areas(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """For each row, the authority a figure is really for, if not the current one, and its caveat.

    Figures of a current area for years before it began with new boundaries are its predecessor's;
    a year before it began with no figure is explained as such, not by the table's symbol.
    """
    former = pd.Series("", index=table.index, dtype=object)
    caveat = pd.Series("", index=table.index, dtype=object)
    for code, rows in table[table["level"] == "Local authority"].groupby("area_code"):
        change = areas.boundary_change(areas.get(code))
        if change is None:
            continue
        current = rows["area_name"].iloc[0]
        before = rows["year"] < change.year
        figures = rows.index[before & rows["value"].notna()]
        if change.predecessor_name:
            name = f"the former {change.predecessor_name} ({change.predecessor_code})"
        else:
            name = "the authorities it replaced"
        former[figures] = name
        caveat[figures] = (
            f"A figure for {name}, not for today's {current}, which began in {change.year} with "
            "different boundaries; the series breaks there."
        )
        caveat[rows.index[before & rows["value"].isna()]] = (
            f"No figure: {current} began in {change.year}, with different boundaries."
        )
    return former, caveat


def confirm(table: pd.DataFrame) -> pd.DataFrame:
    """Mark as confirmed the unconfirmed figures listed in ``CONFIRMED``, saying who confirmed them."""
    out = table.copy()
    for (indicator, code, year), confirmation in CONFIRMED.items():
        rows = (out["indicator"] == indicator) & (out["area_code"] == code) & (out["year"] == year)
        out.loc[rows & out["unconfirmed"], "caveat"] = f"Confirmed: {confirmation}."
        out.loc[rows, "unconfirmed"] = False
    return out


def in_benchmarks(table: pd.DataFrame) -> pd.Series:
    """Which rows may enter a benchmark the book forms: not unconfirmed, not a former area's."""
    keep = pd.Series(True, index=table.index)
    if "unconfirmed" in table:
        keep &= ~table["unconfirmed"].fillna(False).astype(bool)
    if "former_area" in table:
        keep &= table["former_area"].fillna("").eq("")
    return keep

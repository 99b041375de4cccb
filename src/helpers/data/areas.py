"""The 153 upper-tier local authorities of England: identity, region and statistical neighbours.

DfE tables are keyed by the DfE LA number, ONS tables by the GSS code valid at the time. The registry
ties both to the current (December 2024) GSS code, and remembers former codes DfE still prints (Somerset
E10000027 -> E06000066, North Yorkshire E10000023 -> E06000065, Buckinghamshire E10000002 -> E06000060),
and which authorities began after 2018 with boundaries of their own (Dorset E06000059 in 2019).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from helpers.data import sources
from helpers.errors import InputError

ENGLAND_CODE = "E92000001"
LONDON_CODE = "E12000007"
#: DfE splits London into Inner and Outer London sub-regions; benchmarks use the London region.
LONDON_SUBREGIONS = {"E13000001", "E13000002"}
CURRENT_NEIGHBOUR_LIST = 2025


class AreaError(InputError, LookupError):
    """An area code or name that does not identify one current upper-tier local authority."""


@dataclass(frozen=True)
class Area:
    """One current upper-tier local authority."""

    code: str
    name: str
    la_number: int
    region_code: str
    region_name: str
    subregion_name: str | None = None
    former_codes: tuple[str, ...] = field(default=())

    @property
    def slug(self) -> str:
        """A file-name-safe form of the name, e.g. ``west-sussex``."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class Neighbour:
    """A statistical neighbour: its rank, DfE number, name, closeness and current area (if any)."""

    rank: int
    la_number: int
    name: str
    closeness: str
    area: Area | None


@cache
def registry() -> dict[str, Area]:
    """All current upper-tier local authorities, keyed by GSS code."""
    codes = sources.la_codes()
    former = sources.sen2_code_crosswalk().merge(
        codes[["la_number", "code"]], on="la_number", suffixes=("", "_now")
    )
    former = former[former["code"] != former["code_now"]]
    former_by_number = former.groupby("la_number")["code"].agg(lambda c: tuple(sorted(set(c))))
    areas = {}
    for row in codes.itertuples(index=False):
        in_london = row.region_code in LONDON_SUBREGIONS
        areas[row.code] = Area(
            code=row.code,
            name=row.name,
            la_number=int(row.la_number),
            region_code=LONDON_CODE if in_london else row.region_code,
            region_name="London" if in_london else row.region_name,
            subregion_name=row.region_name if in_london else None,
            former_codes=former_by_number.get(row.la_number, ()),
        )
    return areas


@cache
def _by_number() -> dict[int, Area]:
    return {area.la_number: area for area in registry().values()}


@cache
def _by_former_code() -> dict[str, Area]:
    return {code: area for area in registry().values() for code in area.former_codes}


def normalise_name(name: str) -> str:
    """A spelling-insensitive key for an LA name: 'Kingston Upon Hull, City of' and 'Kingston upon
    Hull' match, as do 'County Durham' and 'Durham', 'St. Helens' and 'St Helens'."""
    key = str(name).lower().replace("&", " and ")
    key = re.sub(r"[^a-z0-9 ]+", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r" (city|county) of$", "", key)
    return re.sub(r"^county ", "", key)


@cache
def _by_name() -> dict[str, Area]:
    return {normalise_name(area.name): area for area in registry().values()}


def by_name(name: str) -> Area | None:
    """The current area with this name, in any of the spellings national files use, or None."""
    return _by_name().get(normalise_name(name))


def all_areas() -> list[Area]:
    """Every current area, sorted by name."""
    return sorted(registry().values(), key=lambda area: area.name)


def get(code: str) -> Area:
    """The current area for a GSS code; a former code DfE still uses resolves to its successor."""
    code = code.strip().upper()
    if code in registry():
        return registry()[code]
    if code in _by_former_code():
        return _by_former_code()[code]
    raise AreaError(
        f"'{code}' is not the ONS code of a current upper-tier local authority in England "
        "(December 2024 geography); see data/areas.yml for examples such as E09000014 (Haringey)."
    )


def by_la_number(la_number: int) -> Area | None:
    """The current area with this DfE LA number, or None for an abolished area."""
    return _by_number().get(int(la_number))


def neighbours(area: Area, vintage: int = CURRENT_NEIGHBOUR_LIST) -> list[Neighbour]:
    """The area's ten statistical neighbours in DfE's 2025 (default) or 2021 list, nearest first."""
    table = sources.statistical_neighbours(vintage)
    rows = table[table["la_number"] == area.la_number].sort_values("sn_rank")
    return [
        Neighbour(
            int(row.sn_rank),
            int(row.sn_la_number),
            row.sn_la_name,
            row.closeness,
            by_la_number(row.sn_la_number),
        )
        for row in rows.itertuples(index=False)
    ]


@dataclass(frozen=True)
class BoundaryChange:
    """An authority that began in a reorganisation with new boundaries (Dorset in 2019): figures for
    earlier years that a table files under its name are for the authority it replaced."""

    #: The year the authority began (April, in every reorganisation since 2019).
    year: int
    #: The abolished authority of the same name, e.g. ("E10000009", "Dorset"), if there was one.
    predecessor_code: str | None
    predecessor_name: str | None


@cache
def _boundary_changes() -> dict[str, BoundaryChange]:
    """Current areas created by a merger (ONS code changes) that do not continue a DfE authority.

    An authority DfE still files under its old number (Somerset, North Yorkshire, Buckinghamshire) kept
    its county's boundaries and only changed code; one with a new number (Dorset 838, not 835) did not.
    """
    changes = sources.la_code_changes()
    merged = changes[changes["type"] == "merger"]
    ended = changes[changes["type"] == "termination"]
    found = {}
    for code, year in merged.groupby("newcd")["start"].min().items():
        area = registry().get(code)
        if area is None or area.former_codes:
            continue
        same_name = ended[
            (ended["start"] == year) & (ended["oldnm"].map(normalise_name) == normalise_name(area.name))
        ]
        predecessor = same_name.iloc[0] if len(same_name) else None
        found[code] = BoundaryChange(
            int(year),
            None if predecessor is None else predecessor["oldcd"],
            None if predecessor is None else predecessor["oldnm"],
        )
    return found


def boundary_change(area: Area) -> BoundaryChange | None:
    """How the area began, if it began after 2018 with boundaries of its own; None otherwise."""
    return _boundary_changes().get(area.code)


def table() -> pd.DataFrame:
    """The registry as a frame: one row per area."""
    return pd.DataFrame([area.__dict__ for area in all_areas()])

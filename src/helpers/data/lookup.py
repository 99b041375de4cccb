"""Find the current upper-tier local authority an analyst means: by ONS code, DfE number or name.

Codes of abolished authorities resolve to their successor (Somerset County E10000027 -> Somerset
E06000066); an abolished authority split in two, a district council, or a misspelt name raises an
error that names the candidates. Names and successions come from mySociety's register of UK local
authorities.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from helpers.data import areas, sources

GSS = re.compile(r"^[ENSW]\d{8}$", re.IGNORECASE)
DFE_NUMBER = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class Authority:
    """A row of mySociety's register: any UK authority, past or present."""

    registry_code: str
    name: str
    gss: str
    end_date: str
    replaced_by: tuple[str, ...]
    county: str


@cache
def _register() -> dict[str, Authority]:
    rows = sources.la_names()
    rows = rows[rows["nation"] == "England"]
    return {
        row["local-authority-code"]: Authority(
            registry_code=row["local-authority-code"],
            name=row["nice-name"],
            gss=row["gss-code"],
            end_date=row["end-date"],
            replaced_by=tuple(code for code in row["replaced-by"].split(",") if code),
            county=row["county-la"],
        )
        for _, row in rows.iterrows()
    }


@cache
def _names() -> dict[str, set[str]]:
    """Normalised name -> registry codes, from every official, common and alternative name."""
    rows = sources.la_names()
    rows = rows[rows["nation"] == "England"]
    index: dict[str, set[str]] = {}
    for _, row in rows.iterrows():
        spellings = [row["official-name"], row["nice-name"], *row["alt-names"].split(",")]
        for spelling in spellings:
            if spelling.strip():
                index.setdefault(areas.normalise_name(spelling), set()).add(row["local-authority-code"])
    for area in areas.all_areas():
        index.setdefault(areas.normalise_name(area.name), set()).add(f"GSS:{area.code}")
    return index


def _current(registry_code: str, seen: frozenset = frozenset()) -> list[areas.Area]:
    """The current upper-tier areas a registry entry is, or was succeeded by."""
    if registry_code.startswith("GSS:"):
        return [areas.get(registry_code[4:])]
    authority = _register().get(registry_code)
    if authority is None or registry_code in seen:
        return []
    if authority.gss in areas.registry() and not authority.end_date:
        return [areas.registry()[authority.gss]]
    found: list[areas.Area] = []
    for successor in authority.replaced_by:
        for area in _current(successor, seen | {registry_code}):
            if area not in found:
                found.append(area)
    return found


def _described(found: list[areas.Area]) -> str:
    return " and ".join(f"{area.name} ({area.code})" for area in found)


def _from_authority(registry_code: str, asked: str) -> areas.Area:
    authority = _register().get(registry_code)
    successors = _current(registry_code)
    if len(successors) == 1:
        return successors[0]
    if successors:
        raise areas.AreaError(
            f"'{asked}' is {authority.name}, abolished on {authority.end_date} and replaced by "
            f"{_described(successors)}. Give one of those."
        )
    if authority is not None and authority.county:
        county = _current(authority.county)
        if county:
            raise areas.AreaError(
                f"'{asked}' is {authority.name}, a district council; SEND services there are run by "
                f"{_described(county)}. Did you mean {county[0].name}?"
            )
    raise areas.AreaError(f"'{asked}' is not an upper-tier local authority in England.")


def resolve(query: str) -> areas.Area:
    """The current upper-tier area meant by an ONS code, a DfE number or a name (any case).

    Raises
    ------
    areas.AreaError
        Naming the candidates: the successors of an abolished authority, the county of a district,
        or the closest names to a misspelling.
    """
    asked = str(query).strip()
    if not asked:
        raise areas.AreaError("Give an ONS code (such as E09000014), a DfE number (such as 309) or a name.")
    if GSS.match(asked):
        code = asked.upper()
        try:
            return areas.get(code)
        except areas.AreaError:
            pass
        for authority in _register().values():
            if authority.gss == code:
                return _from_authority(authority.registry_code, asked)
        raise areas.AreaError(f"'{asked}' is not the ONS code of any local authority in England.")
    if DFE_NUMBER.match(asked):
        area = areas.by_la_number(int(asked))
        if area is None:
            raise areas.AreaError(f"'{asked}' is not the DfE number of a current upper-tier local authority.")
        return area
    key = areas.normalise_name(asked)
    matches = _names().get(key)
    if matches:
        current = {area for code in matches for area in _current(code)}
        if len(current) == 1 and any(code.startswith("GSS:") for code in matches):
            return current.pop()
        upper = [
            code for code in matches if code.startswith("GSS:") or _register()[code].gss in areas.registry()
        ]
        if upper:
            return _current(upper[0])[0]
        return _from_authority(sorted(matches)[0], asked)
    close = difflib.get_close_matches(key, list(_names()), n=5, cutoff=0.75)
    # A partial name ("Westmorland", "Hull") suggests the names that contain it as whole words.
    close += sorted(
        name for name in _names() if re.search(rf"\b{re.escape(key)}\b", name) and name not in close
    )
    suggestions: list[areas.Area] = []
    for name in close:
        for code in sorted(_names()[name]):
            for area in _current(code) or _county_of(code):
                if area not in suggestions:
                    suggestions.append(area)
    hint = f" Did you mean {_described(suggestions[:3])}?" if suggestions else ""
    raise areas.AreaError(f"No upper-tier local authority in England is called '{asked}'.{hint}")


def _county_of(registry_code: str) -> list[areas.Area]:
    authority = _register().get(registry_code)
    return _current(authority.county) if authority is not None and authority.county else []

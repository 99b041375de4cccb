"""The run list, ``data/areas.yml``: which areas the book profiles."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import paths
from helpers.data import areas
from helpers.errors import InputError

#: The book compares areas side by side.
MINIMUM = 2


class RunListError(InputError, ValueError):
    """data/areas.yml is malformed or names an area that does not exist."""


def load(file: Path | None = None) -> list[areas.Area]:
    """The areas listed in the run list, in file order, each checked against the registry."""
    file = file or paths.AREAS_FILE
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise RunListError(f"{file} is not valid YAML: {error}") from error
    entries = raw.get("areas")
    if not isinstance(entries, list) or not entries:
        raise RunListError(f"{file} must have a non-empty list 'areas' of entries with 'code' and 'name'.")
    if len(entries) < MINIMUM:
        raise RunListError(
            f"{file} lists {len(entries)} area; the book compares areas, so it needs at least {MINIMUM}."
        )
    found: list[areas.Area] = []
    for position, entry in enumerate(entries, start=1):
        where = f"{file}, area {position}"
        if not isinstance(entry, dict) or "code" not in entry:
            raise RunListError(f"{where}: each entry needs a 'code' (ONS GSS code), got {entry!r}.")
        try:
            area = areas.get(str(entry["code"]))
        except areas.AreaError as error:
            raise RunListError(f"{where}, field 'code': {error}") from error
        if area.code != entry["code"]:
            raise RunListError(
                f"{where}, field 'code': {entry['code']} is a former code; use the "
                f"current code {area.code} ({area.name})."
            )
        if "name" in entry and entry["name"] != area.name:
            raise RunListError(
                f"{where}, field 'name': {entry['name']!r} does not match {area.code}, "
                f"which is {area.name!r}."
            )
        if area in found:
            raise RunListError(f"{where}, field 'code': {area.code} ({area.name}) is listed twice.")
        found.append(area)
    return found


def write(entries: list[areas.Area], file: Path | None = None) -> None:
    """Rewrite the run list with these areas, keeping its comment header."""
    file = file or paths.AREAS_FILE
    text = file.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    body = "".join(f"  - code: {area.code}\n    name: {area.name}\n" for area in entries)
    file.write_text(f"{header}areas:\n{body}", encoding="utf-8")


def add(area: areas.Area, file: Path | None = None) -> bool:
    """Append an area to the run list; False if it is already there."""
    file = file or paths.AREAS_FILE
    current = load(file)
    if area in current:
        return False
    write([*current, area], file)
    return True


def remove(area: areas.Area, file: Path | None = None) -> bool:
    """Take an area off the run list; False if it was not there. The last area cannot be removed."""
    file = file or paths.AREAS_FILE
    current = load(file)
    if area not in current:
        return False
    if len(current) <= MINIMUM:
        raise RunListError(
            f"Cannot remove {area.name}: the book compares areas, so {file} needs at least {MINIMUM}. "
            "Add another area first."
        )
    write([a for a in current if a != area], file)
    return True

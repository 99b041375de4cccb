"""The run list, ``data/areas.yml``: which areas the book profiles."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import areas, paths


class RunListError(ValueError):
    """data/areas.yml is malformed or names an area that does not exist."""


def load(file: Path = paths.AREAS_FILE) -> list[areas.Area]:
    """The areas listed in the run list, in file order, each checked against the registry."""
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise RunListError(f"{file} is not valid YAML: {error}") from error
    entries = raw.get("areas")
    if not isinstance(entries, list) or not entries:
        raise RunListError(f"{file} must have a non-empty list 'areas' of entries with 'code' and 'name'.")
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

"""The run list, data/areas.yml: bad entries are rejected with the file, entry and field named."""

from __future__ import annotations

import pytest
import yaml

from helpers import paths
from helpers.data import runlist


def write(tmp_path, text):
    file = tmp_path / "areas.yml"
    file.write_text(text, encoding="utf-8")
    return file


def test_the_book_run_list_loads_every_listed_area_in_file_order():
    # Read here with yaml, not through the loader: whatever areas `make area` has added, each entry's
    # code and name must come back as one current area, in the order of the file.
    listed = yaml.safe_load(paths.AREAS_FILE.read_text(encoding="utf-8"))["areas"]
    loaded = runlist.load()
    assert len(loaded) >= runlist.MINIMUM
    assert [(area.code, area.name) for area in loaded] == [(entry["code"], entry["name"]) for entry in listed]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("areas:\n  - code: E99999999\n  - code: E09000014\n", r"area 1, field 'code': 'E99999999' is not"),
        (
            "areas:\n  - code: E09000014\n    name: Hackney\n  - code: E06000066\n",
            r"area 1, field 'name': 'Hackney' does not match",
        ),
        (
            "areas:\n  - code: E10000027\n  - code: E09000014\n",
            r"area 1, field 'code': E10000027 is a former code; use .*E06000066",
        ),
        ("areas:\n  - code: E09000014\n  - code: E09000014\n", r"area 2, field 'code': .* listed twice"),
        ("areas:\n  - code: E09000014\n", r"needs at least 2"),
        ("areas: []\n", r"non-empty list 'areas'"),
        ("areas:\n  - E09000014\n  - E06000066\n", r"area 1: each entry needs a 'code'"),
    ],
)
def test_bad_run_lists_are_rejected(tmp_path, text, message):
    file = write(tmp_path, text)
    with pytest.raises(runlist.RunListError, match=message) as error:
        runlist.load(file)
    assert str(file) in str(error.value)

"""The data behind the book, published as CSV files with a Frictionless data package descriptor:
written from the declarations, validated with ``frictionless``, and a value that breaks its schema
reported."""

from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pytest
from frictionless import Package, validate

from helpers import paths
from helpers.build import datapackage
from helpers.evidence import evidence_base
from helpers.stats.indicators import national_table

TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "date", "year"}


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """The package as the build writes it, in a folder of its own."""
    return datapackage.write(tmp_path_factory.mktemp("site") / datapackage.FOLDER)


def read(package_descriptor, table: str) -> pd.DataFrame:
    return pd.read_csv(package_descriptor.parent / f"{table}.csv", dtype=str, keep_default_na=False)


def errors(report) -> list[tuple[str, str, str]]:
    """(table, error type, field) of every error a validation report holds."""
    return [
        (task.name, error.type, getattr(error, "field_name", ""))
        for task in report.tasks
        for error in task.errors
    ]


def test_the_package_validates(package):
    report = validate(package)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    assert {task.name for task in report.tasks} == {table.name for table in datapackage.TABLES}


def test_every_field_has_a_type_and_a_description_and_the_package_a_licence_and_sources(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["licenses"] == [
        {
            "name": "OGL-UK-3.0",
            "title": "Open Government Licence v3.0",
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        }
    ]
    titles = " ".join(source["title"] for source in descriptor["sources"])
    for publisher in ("Department for Education", "Office for National Statistics", "Ministry of Justice"):
        assert publisher in titles
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"], resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["type"] in TABLE_SCHEMA_TYPES, (resource["name"], field["name"])
            assert len(field["description"]) > 10, (resource["name"], field["name"])
    # frictionless reads the descriptor as a package of the declared tables, with their files.
    assert Package(package).resource_names == [table.name for table in datapackage.TABLES]


def test_the_indicator_table_is_every_area_region_and_england(package):
    published = read(package, "indicators")
    assert len(published) == len(national_table())
    levels = published.groupby("level")["area_code"].nunique()
    assert levels.to_dict() == {"England": 1, "Region": 9, "Local authority": 153}
    assert set(published["indicator"]) == {
        "ehcp_pupils_pct",
        "sen_support_pct",
        "ehcp_per_1000",
        "plans_20_weeks",
        "requests_refused",
        "tribunal_appeal_rate",
    }


def test_published_figures_are_the_official_ones_at_full_precision(package):
    published = read(package, "indicators").set_index(["area_code", "indicator", "year"])
    # MoJ and DfE: Haringey's 2024 appeal rate, 123 appeals of 3,183 appealable decisions.
    haringey = published.loc[("E09000014", "tribunal_appeal_rate", "2024")]
    assert (haringey["numerator"], haringey["denominator"]) == ("123", "3183")
    assert float(haringey["value"]) == pytest.approx(100 * 123 / 3183, rel=1e-12)
    # DfE 2024 requests: Milton Keynes 0 refused of 846, 252 with no decision made: unconfirmed.
    milton_keynes = published.loc[("E06000042", "requests_refused", "2024")]
    assert (milton_keynes["numerator"], milton_keynes["denominator"]) == ("0", "846")
    assert milton_keynes["unconfirmed"] == "true"


def test_the_comparisons_are_each_areas_flags(package):
    comparisons = read(package, "comparisons").set_index(["area_code", "indicator", "year"])
    haringey = comparisons.loc[("E09000014", "plans_20_weeks", "2024")]
    # Haringey issued 84.2% of new plans within 20 weeks in 2024, England 46.4%: better than England.
    assert haringey["vs_england"] == "Better"
    assert round(float(haringey["england"]), 1) == 46.4
    assert haringey["neighbour_list"] == "2025"
    milton_keynes = comparisons.loc[("E06000042", "requests_refused", "2024")]
    assert milton_keynes[["vs_england", "vs_region", "vs_neighbours"]].tolist() == ["Not compared"] * 3


def test_the_register_is_every_item_with_its_perspective_and_anchor(package):
    evidence = evidence_base.load()
    items = read(package, "register_items")
    assert len(items) == len(evidence.items) and items["id"].is_unique
    assert set(items["perspective"]) == {"independent", "families", "claimed"}
    findings = items[items["id"].str.contains("-insp-")]
    assert (findings["anchor"] != "").all() and (findings["page"] != "").all()
    aspects = read(package, "inspection_aspects")
    assert len(aspects) == 6 * len(evidence.codings)
    silent = aspects[aspects["says_nothing"] == "true"]
    assert (silent["findings"] == "0").all() and len(silent) > 0


@pytest.fixture
def broken(package, tmp_path):
    """A copy of the package whose CSV files a test can edit."""
    copy = tmp_path / "data"
    shutil.copytree(package.parent, copy)
    descriptor = json.loads((copy / datapackage.DESCRIPTOR).read_text(encoding="utf-8"))
    # The checksums would report any edit; without them the report shows what the edit breaks.
    for resource in descriptor["resources"]:
        resource.pop("hash"), resource.pop("bytes")
    (copy / datapackage.DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    return copy


def edit(folder, table: str, row: int, field: str, value: str) -> None:
    file = folder / f"{table}.csv"
    with open(file, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(field)] = value
    with open(file, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_a_value_that_breaks_its_schema_or_a_reference_is_reported_with_its_field(broken):
    edit(broken, "indicators", 5, "year", "twenty")
    edit(broken, "comparisons", 3, "vs_england", "Much higher")
    edit(broken, "register_items", 2, "perspective", "anonymous")
    edit(broken, "register_items", 1, "source", "no-such-source")
    report = validate(broken / datapackage.DESCRIPTOR)
    assert not report.valid
    found = errors(report)
    assert ("indicators", "type-error", "year") in found
    assert ("comparisons", "constraint-error", "vs_england") in found
    assert ("register_items", "constraint-error", "perspective") in found
    assert ("register_items", "foreign-key", "") in found
    # Nothing else was broken.
    assert {table for table, _, _ in found} == {"indicators", "comparisons", "register_items"}


def test_an_edited_file_fails_its_checksum(package, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(package.parent, copy)
    edit(copy, "codebook", 1, "label", "Relabelled")
    report = Package(copy / datapackage.DESCRIPTOR).get_resource("codebook").validate()
    assert {error.type for error in report.tasks[0].errors} == {"hash-count", "byte-count"}


def test_a_column_the_declarations_do_not_describe_stops_the_build_naming_it():
    table = next(t for t in datapackage.TABLES if t.name == "codebook")
    frame = datapackage.codebook_frame().assign(colour="blue")
    with pytest.raises(datapackage.DataPackageError, match=r"'codebook' has columns \['colour'\]"):
        datapackage.checked(table, frame)
    with pytest.raises(datapackage.DataPackageError, match=r"'codebook' declares fields \['band'\]"):
        datapackage.checked(table, frame.drop(columns=["band", "colour"]))


def test_a_fraction_in_an_integer_field_stops_the_build():
    table = next(t for t in datapackage.TABLES if t.name == "codebook")
    frame = datapackage.codebook_frame().assign(rank=1.5)
    with pytest.raises(datapackage.DataPackageError, match="'rank', is declared integer"):
        datapackage.checked(table, frame)


def test_publishing_again_from_the_same_inputs_writes_nothing(tmp_path, monkeypatch):
    writes = []

    def write(directory):
        writes.append(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / datapackage.DESCRIPTOR).write_text("{}", encoding="utf-8")
        return directory / datapackage.DESCRIPTOR

    monkeypatch.setattr(datapackage, "write", write)
    monkeypatch.setattr(datapackage, "STAMP", tmp_path / "stamp")
    site = tmp_path / "site"
    assert datapackage.publish(site) == (site / "data" / "datapackage.json", True)
    assert datapackage.publish(site)[1] is False and len(writes) == 1
    (site / "data" / "datapackage.json").unlink()  # a site without its package gets it again
    assert datapackage.publish(site)[1] is True and len(writes) == 2
    monkeypatch.setattr(datapackage, "inputs_digest", lambda: "other inputs")
    assert datapackage.publish(site)[1] is True and len(writes) == 3


@pytest.mark.slow
def test_the_built_site_publishes_the_package_linked_from_the_introduction():
    descriptor = paths.HTML / datapackage.FOLDER / datapackage.DESCRIPTOR
    assert validate(descriptor).valid
    intro = (paths.HTML / "chapters" / "intro.html").read_text(encoding="utf-8")
    links = [link for link in pd.Series(intro.split('href="')).str.split('"').str[0] if "../data/" in link]
    assert "../data/datapackage.json" in links
    for link in links:
        assert (paths.HTML / "chapters" / link).resolve().is_file(), link

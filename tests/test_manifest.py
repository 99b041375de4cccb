"""A missing data directory, a missing file or a corrupted file stops the build with a clear message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import paths
from helpers.build import cli
from helpers.data import fetch, manifest

DATASET = "tribunal_appeals"


def test_manifest_records_every_field_for_every_dataset():
    for dataset_id, dataset in manifest.datasets().items():
        assert dataset.id == dataset_id
        assert dataset.url.startswith("https://")
        assert len(dataset.sha256) == 64
        assert dataset.licence and dataset.publisher and dataset.vintage


def test_every_dataset_in_the_data_directory_matches_its_checksum():
    assert manifest.verify_all() == []


def test_missing_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(manifest.DataError, match=r"nowhere does not exist.*SEND_BOOK_DATA_DIR"):
        manifest.path(DATASET)


def test_missing_file_names_the_file_and_where_it_comes_from(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path))
    dataset = manifest.get(DATASET)
    with pytest.raises(manifest.DataError) as error:
        manifest.path(DATASET)
    message = str(error.value)
    assert dataset.file in message and dataset.url in message and dataset.publisher in message


def test_corrupted_file_fails_its_checksum(tmp_path, monkeypatch):
    dataset = manifest.get(DATASET)
    copy = tmp_path / dataset.file
    copy.parent.mkdir(parents=True)
    shutil.copyfile(paths.data_dir() / dataset.file, copy)
    with open(copy, "ab") as handle:
        handle.write(b"\n")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path))
    with pytest.raises(manifest.DataError, match="does not match its checksum") as error:
        manifest.path(DATASET)
    assert str(copy) in str(error.value) and dataset.url in str(error.value)


def test_the_build_command_stops_on_an_empty_data_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path))
    assert cli.main(["book"]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path} holds none of the {len(manifest.datasets())} national datasets" in error
    assert error.count("make data") == 1  # one message, not one per file


def test_the_build_command_names_each_missing_file(tmp_path, monkeypatch, capsys):
    present = manifest.get(DATASET)
    (tmp_path / present.file).parent.mkdir(parents=True)
    shutil.copyfile(paths.data_dir() / present.file, tmp_path / present.file)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path))
    assert cli.main(["book"]) == 2
    error = capsys.readouterr().err
    assert error.count("Missing data file") == len(manifest.datasets()) - 1
    assert f"Missing data file {present.file}" not in error


@pytest.mark.parametrize(
    ("line", "message"),
    [("sha256: 0", "field 'sha256': 0 is not a SHA-256 checksum"), ("url: ftp://x", "field 'url'")],
)
def test_a_malformed_manifest_entry_is_named(tmp_path, line, message):
    text = paths.MANIFEST.read_text(encoding="utf-8")
    field = line.split(":")[0]
    broken = re.sub(rf"(?m)^(\s+){field}: .*$", rf"\g<1>{line}", text, count=1)
    file = tmp_path / "manifest.yml"
    file.write_text(broken, encoding="utf-8")
    with pytest.raises(manifest.DataError, match=re.escape(message)):
        manifest.datasets(file)


def changed_manifest(folder, change) -> Path:
    """The real manifest with ``change(datasets)`` applied, written to ``folder``."""
    raw = yaml.safe_load(paths.MANIFEST.read_text(encoding="utf-8"))
    change(raw["datasets"])
    file = folder / "manifest.yml"
    file.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda d: d["la_names"].pop("licence"),
            "dataset 'la_names', field 'licence': missing (the licence it is published under)",
            id="missing field",
        ),
        pytest.param(
            lambda d: d["tribunal_appeals"]["download"]["from"][0].update(sha256="abc"),
            "dataset 'tribunal_appeals', field 'download.from[1].sha256': 'abc' is not a SHA-256 "
            "checksum (64 lower-case hexadecimal digits)",
            id="malformed checksum",
        ),
        pytest.param(
            lambda d: d["neighbours_2025"].update(url="file:///srv/sn_may_2025.xlsx"),
            "dataset 'neighbours_2025', field 'url': 'file:///srv/sn_may_2025.xlsx' is not an http(s) "
            "address",
            id="not a web address",
        ),
        pytest.param(
            lambda d: d["la_codes"].update(licence_url="https://example.org/licence"),
            "dataset 'la_codes', field 'licence_url': unknown; a dataset has only title, publisher, url, "
            "licence, vintage, file, sha256, download",
            id="unknown field",
        ),
        pytest.param(
            lambda d: d["la_names"]["download"]["from"][0].update(membr="data/x.csv"),
            "dataset 'la_names', field 'download.from[1].membr': unknown; a file in 'from' has only url, "
            "sha256, member, name",
            id="unknown field of a download",
        ),
        pytest.param(
            lambda d: d["sen2_code_crosswalk"]["download"]["from"][1].pop("name"),
            "dataset 'sen2_code_crosswalk', field 'download.from[2].name': missing; with several "
            "downloads the reshape finds each by its name",
            id="several downloads, one unnamed",
        ),
        pytest.param(
            lambda d: d["la_names"]["download"].update(manual="Ask mySociety."),
            "dataset 'la_names', field 'download.manual': a dataset no script can rebuild has no 'from', "
            "'reshape' or 'gzip'",
            id="manual and from",
        ),
    ],
)
def test_a_bad_entry_is_refused_naming_the_file_dataset_and_field(tmp_path, change, expected):
    file = changed_manifest(tmp_path, change)
    with pytest.raises(manifest.DataError) as error:
        manifest.datasets(file)
    assert str(error.value) == f"{file}: {expected}"


def test_every_problem_in_the_manifest_is_reported_on_its_own_line(tmp_path):
    def two_problems(datasets):
        datasets["la_names"].pop("vintage")
        datasets["la_codes"]["sha256"] = "ABC"

    file = changed_manifest(tmp_path, two_problems)
    with pytest.raises(manifest.DataError) as error:
        manifest.datasets(file)
    assert str(error.value).splitlines() == [
        f"{file}: dataset 'la_codes', field 'sha256': 'ABC' is not a SHA-256 checksum "
        "(64 lower-case hexadecimal digits)",
        f"{file}: dataset 'la_names', field 'vintage': missing (which release and period it covers)",
    ]


def test_an_unknown_reshape_is_refused_naming_the_file_dataset_and_field(tmp_path):
    """`make data` checks each reshape against the recipes it holds."""
    file = changed_manifest(tmp_path, lambda d: d["lait_send"]["download"].update(reshape="lait_sen"))
    with pytest.raises(manifest.DataError) as error:
        fetch.recipes(file)
    message = str(error.value)
    assert message.startswith(
        f"{file}: dataset 'lait_send', field 'download.reshape': 'lait_sen' is not one of "
    )
    assert ", lait_send, " in message and "\n" not in message

"""A missing data directory, a missing file or a corrupted file stops the build with a clear message."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import paths
from helpers.build import cli
from helpers.data import manifest

DATASET = "tribunal_appeals"


def test_manifest_records_every_field_for_every_dataset():
    for dataset in manifest.datasets().values():
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

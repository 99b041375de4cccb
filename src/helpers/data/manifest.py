"""The data manifest: where each national dataset comes from, and a check that the file is the one recorded.

Every loader asks this module for a dataset's path, so a missing data directory, a missing file or a file
whose bytes differ from the manifest stops the build with a message a person can act on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from helpers import paths
from helpers.errors import InputError


class DataError(InputError, RuntimeError):
    """A national dataset is missing, unreadable or not the file the manifest records."""


@dataclass(frozen=True)
class Dataset:
    """One national dataset as recorded in ``data/manifest.yml``."""

    id: str
    title: str
    publisher: str
    url: str
    licence: str
    vintage: str
    file: str
    sha256: str

    def citation(self) -> str:
        """A one-line source note: title, publisher, vintage."""
        return f"{self.publisher}, {self.title} ({self.vintage})"


def is_sha256(value) -> bool:
    """Whether ``value`` is written as a SHA-256 checksum: 64 lower-case hexadecimal digits."""
    return re.fullmatch(r"[0-9a-f]{64}", str(value)) is not None


def is_web_address(value) -> bool:
    """Whether ``value`` is an http(s) address (no other scheme is ever fetched or linked)."""
    return re.match(r"https?://", str(value)) is not None


_REQUIRED = ("title", "publisher", "url", "licence", "vintage", "file", "sha256")


@cache
def datasets(manifest_file: Path = paths.MANIFEST) -> dict[str, Dataset]:
    """Read the manifest; every entry must have all the fields in ``_REQUIRED``."""
    with open(manifest_file, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    found: dict[str, Dataset] = {}
    for dataset_id, entry in (raw or {}).get("datasets", {}).items():
        missing = [field for field in _REQUIRED if entry.get(field) in (None, "")]
        if missing:
            raise DataError(
                f"{manifest_file}: dataset '{dataset_id}' lacks {', '.join(missing)}; "
                "every dataset needs title, publisher, url, licence, vintage, file and sha256."
            )
        if not is_sha256(entry["sha256"]):
            raise DataError(
                f"{manifest_file}: dataset '{dataset_id}', field 'sha256': {entry['sha256']!r} is not a "
                "SHA-256 checksum (64 lower-case hexadecimal digits, quoted)."
            )
        if not is_web_address(entry["url"]):
            raise DataError(
                f"{manifest_file}: dataset '{dataset_id}', field 'url': {entry['url']!r} is not an "
                "http(s) address."
            )
        found[dataset_id] = Dataset(id=dataset_id, **{field: str(entry[field]) for field in _REQUIRED})
    return found


def get(dataset_id: str) -> Dataset:
    """The manifest entry for ``dataset_id``."""
    try:
        return datasets()[dataset_id]
    except KeyError:
        raise DataError(f"No dataset '{dataset_id}' in {paths.MANIFEST}.") from None


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def _verified(path: Path, size: int, mtime_ns: int, expected: str) -> bool:
    # Keyed by size and modification time so a file replaced during a session is checked again.
    return sha256_of(path) == expected


def path(dataset_id: str, data_dir: Path | None = None) -> Path:
    """Return the verified path of a dataset inside the data directory.

    Raises
    ------
    DataError
        If the data directory or the file is missing, or the file's sha256 differs from the manifest.
    """
    dataset = get(dataset_id)
    root = Path(data_dir) if data_dir is not None else paths.data_dir()
    if not root.is_dir():
        raise DataError(
            f"The data directory {root} does not exist. Put the national datasets there or set "
            f"{paths.DATA_DIR_ENV} to the folder that holds them (see data/manifest.yml for the list)."
        )
    file = root / dataset.file
    if not file.is_file():
        raise DataError(
            f"Missing data file {dataset.file} in {root}. It is '{dataset.title}' "
            f"({dataset.publisher}, {dataset.vintage}), available from {dataset.url}. "
            "`make data` downloads and verifies it."
        )
    stat = file.stat()
    if not _verified(file, stat.st_size, stat.st_mtime_ns, dataset.sha256):
        raise DataError(
            f"Data file {file} does not match its checksum in data/manifest.yml "
            f"(expected sha256 {dataset.sha256}, found {sha256_of(file)}). It may be corrupted or a "
            f"different release of '{dataset.title}'. Download it again from {dataset.url}, or, for a new "
            "release, update its manifest entry and re-run the tests."
        )
    return file


def verify_all(data_dir: Path | None = None) -> list[str]:
    """Check every dataset in the manifest; return one message per problem (empty when all is well)."""
    root = Path(data_dir) if data_dir is not None else paths.data_dir()
    listed = datasets()
    if root.is_dir() and not any((root / dataset.file).is_file() for dataset in listed.values()):
        return [
            f"The data directory {root} holds none of the {len(listed)} national datasets in "
            f"data/manifest.yml. Run `make data` to download them, or set {paths.DATA_DIR_ENV} to the "
            "folder that holds them."
        ]
    problems = []
    for dataset_id in listed:
        try:
            path(dataset_id, data_dir)
        except DataError as error:
            if str(error) not in problems:  # a missing directory is one problem, not one per file
                problems.append(str(error))
    return problems

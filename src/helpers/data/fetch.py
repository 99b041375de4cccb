"""Get the national datasets on a new machine: download each one, rebuild it, verify it, then save it.

Each dataset in ``data/manifest.yml`` has a ``download`` recipe (validated as ``manifest.Recipe``):

- ``from``: the files to download, each with its URL, the sha256 of the downloaded bytes and, for a zip,
  the ``member`` to take from it. The URLs are copies pinned to one commit, because the publishers'
  own download links serve freshly generated files whose bytes change from one download to the next.
- ``reshape`` (optional): the name of the function in ``helpers.data.reshapes`` that turns the downloaded
  file into the dataset (a sheet exported to CSV, a wide table made long).
- ``gzip`` (optional): compress the result the way the data directory stores large CSVs.
- or ``manual``: why the file cannot be rebuilt by a script, and where to get it instead.

Several files in ``from`` are combined only by a reshape, which finds each by its ``name``.

A file is saved only when its sha256 equals the manifest's. A mismatch is reported with both checksums
and nothing is written; a file already in the data directory is never overwritten unless asked.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.data import manifest, reshapes
from helpers.data.files import write_atomically
from helpers.data.manifest import Recipe, Source

_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Outcome:
    """What happened to one dataset: ``status`` is one of ``STATUSES``."""

    dataset_id: str
    status: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.status in ("present", "downloaded")


STATUSES = ("present", "downloaded", "mismatch", "failed", "manual", "differs")


def recipes(manifest_file: Path = paths.MANIFEST) -> dict[str, Recipe]:
    """The download recipe of every dataset in the manifest, each ``reshape`` checked against ours."""
    loaded = manifest.load(manifest_file, reshapes=reshapes.RESHAPES)
    return {dataset_id: dataset.download for dataset_id, dataset in loaded.datasets.items()}


def stored_gzip(data: bytes) -> bytes:
    """Compress as the data directory's ``.csv.gz`` files were: level 9, no name, time 0.

    ``gzip.GzipFile`` is used rather than ``gzip.compress`` because only it writes the same header
    (operating system byte 255) on every Python version, so the checksum is reproducible.
    """
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


class Downloader:
    """Downloads each URL once per run into a temporary folder, and checks its sha256."""

    def __init__(self, folder: Path, opener: Callable = urllib.request.urlopen):
        self.folder = folder
        self.opener = opener
        self.done: dict[str, Path] = {}

    def get(self, source: Source) -> Path:
        if source.url not in self.done:
            target = self.folder / f"download-{len(self.done)}"
            request = urllib.request.Request(source.url, headers={"User-Agent": "send-book data"})
            try:
                with self.opener(request, timeout=_TIMEOUT_SECONDS) as response, open(target, "wb") as out:
                    for block in iter(lambda: response.read(1 << 20), b""):
                        out.write(block)
            except (urllib.error.URLError, OSError) as error:
                raise DownloadError(f"could not download {source.url}: {_reason(error)}") from None
            found = manifest.sha256_of(target)
            if found != source.sha256:
                raise ChecksumError(
                    f"the file downloaded from {source.url} is not the one recorded (expected sha256 "
                    f"{source.sha256}, found {found}); the publisher may have changed it. Nothing was saved."
                )
            self.done[source.url] = target
        return self.done[source.url]


class DownloadError(RuntimeError):
    """A URL could not be fetched."""


class ChecksumError(RuntimeError):
    """Bytes differ from the checksum the manifest records."""


def _reason(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    return str(error)


def _read(file: Path, source: Source) -> bytes:
    """The bytes a recipe uses: the whole download, or one member of a downloaded zip."""
    if source.member is None:
        return file.read_bytes()
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read(source.member)
    except (zipfile.BadZipFile, KeyError) as error:
        raise DownloadError(f"cannot take {source.member!r} from the zip at {source.url}: {error}") from None


def rebuild(recipe: Recipe, downloader: Downloader) -> bytes:
    """Download a dataset's sources and apply its recipe; return the dataset's bytes."""
    inputs = [_read(downloader.get(source), source) for source in recipe.sources]
    if recipe.reshape is None:
        data = inputs[0]
    elif len(inputs) == 1:
        data = reshapes.RESHAPES[recipe.reshape](inputs[0])
    else:
        named = {source.name: data for source, data in zip(recipe.sources, inputs, strict=True)}
        data = reshapes.RESHAPES[recipe.reshape](named)
    return stored_gzip(data) if recipe.gzip else data


def fetch_one(dataset: manifest.Dataset, root: Path, downloader: Downloader, replace: bool) -> Outcome:
    """Bring one dataset into the data directory, or say why not."""
    recipe = dataset.download
    file = root / dataset.file
    if file.is_file():
        found = manifest.sha256_of(file)
        if found == dataset.sha256:
            return Outcome(dataset.id, "present", f"{dataset.file} is already there and matches.")
        if not replace:
            return Outcome(
                dataset.id,
                "differs",
                f"{file} is there but its sha256 ({found}) differs from the manifest ({dataset.sha256}); "
                "it was left untouched. Move it away, or run with --replace to download the recorded file.",
            )
    if recipe.manual:
        return Outcome(dataset.id, "manual", recipe.manual)
    try:
        data = rebuild(recipe, downloader)
    except DownloadError as error:
        return Outcome(dataset.id, "failed", str(error))
    except ChecksumError as error:
        return Outcome(dataset.id, "mismatch", str(error))
    found = hashlib.sha256(data).hexdigest()
    if found != dataset.sha256:
        return Outcome(
            dataset.id,
            "mismatch",
            f"rebuilt {dataset.file} has sha256 {found}, not {dataset.sha256} as data/manifest.yml "
            "records; it was not saved.",
        )
    try:
        write_atomically(file, data)
    except OSError as error:
        return Outcome(dataset.id, "failed", f"verified, but could not write {file}: {error.strerror}.")
    return Outcome(
        dataset.id, "downloaded", f"saved {dataset.file} ({len(data):,} bytes), checksum verified."
    )


def fetch_all(
    data_dir: Path | None = None,
    manifest_file: Path = paths.MANIFEST,
    only: list[str] | None = None,
    replace: bool = False,
    opener: Callable = urllib.request.urlopen,
) -> list[Outcome]:
    """Download, rebuild and verify every dataset (or those in ``only``) into the data directory."""
    root = Path(data_dir) if data_dir is not None else paths.data_dir()
    datasets = manifest.load(manifest_file, reshapes=reshapes.RESHAPES).datasets
    unknown = sorted(set(only or []) - set(datasets))
    if unknown:
        raise manifest.DataError(f"No dataset {', '.join(map(repr, unknown))} in {manifest_file}.")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="send-book-data-") as folder:
        downloader = Downloader(Path(folder), opener)
        for dataset_id, dataset in datasets.items():
            if only and dataset_id not in only:
                continue
            outcomes.append(fetch_one(dataset, root, downloader, replace))
            print(f"{dataset_id:<24} {outcomes[-1].status:<10} {outcomes[-1].detail}", flush=True)
    return outcomes

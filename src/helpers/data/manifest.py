"""The data manifest: where each national dataset comes from, and a check that the file is the one recorded.

``data/manifest.yml`` is validated against the models below (a dataset, its download recipe, the files
the recipe downloads), so a manifest with a missing, misspelt or malformed field stops with a message
that names the file, the dataset and the field. Every loader asks this module for a dataset's path, so a
missing data directory, a missing file or a file whose bytes differ from the manifest stops the build
with a message a person can act on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from helpers import paths
from helpers.errors import InputError


class DataError(InputError, RuntimeError):
    """A national dataset is missing, unreadable or not the file the manifest records."""


def is_sha256(value) -> bool:
    """Whether ``value`` is written as a SHA-256 checksum: 64 lower-case hexadecimal digits."""
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None


def is_web_address(value) -> bool:
    """Whether ``value`` is an http(s) address (no other scheme is ever fetched or linked)."""
    return isinstance(value, str) and re.match(r"https?://[^\s/]", value) is not None


def _refused(message: str, field: tuple = ()) -> PydanticCustomError:
    """A problem in the manifest's own words; ``field`` is where, below the model that found it."""
    return PydanticCustomError("manifest", message, {"field": field})


def _sha256(value):
    if not is_sha256(value):
        raise _refused(f"{value!r} is not a SHA-256 checksum (64 lower-case hexadecimal digits)")
    return value


def _web_address(value):
    if not is_web_address(value):
        raise _refused(f"{value!r} is not an http(s) address")
    return value


def _text(value):
    # YAML reads `title:` with nothing after it as None; say so rather than "not a valid string".
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _refused("empty")
    return value


#: A checksum as the manifest writes it (hashlib's ``hexdigest``).
Sha256 = Annotated[str, BeforeValidator(_sha256)]
#: An address the book links to or downloads from.
WebAddress = Annotated[str, BeforeValidator(_web_address)]
#: A value that must be written out; a number (``vintage: 2023``) is read as its text.
Text = Annotated[str, BeforeValidator(_text)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class Source(_Model):
    """One file to download: its URL, the sha256 of its bytes, and the zip member to take (if any)."""

    url: WebAddress = Field(description="where to download it")
    sha256: Sha256 = Field(description="the SHA-256 checksum of the downloaded bytes")
    member: Text | None = Field(None, description="the file to take from a downloaded zip")
    name: Text | None = Field(None, description="how the reshape finds this file among several")


class Recipe(_Model):
    """How ``make data`` rebuilds a dataset from its downloads or, with ``manual``, why it cannot."""

    sources: tuple[Source, ...] = Field(
        (), alias="from", description="the files to download, each with url and sha256"
    )
    reshape: str | None = Field(None, description="the recipe that turns the download into the dataset")
    gzip: bool = Field(False, description="compress the result as the data directory stores it")
    manual: Text | None = Field(None, description="why no script can rebuild the file, and where to get it")

    @field_validator("reshape")
    @classmethod
    def _known_reshape(cls, name: str | None, info: ValidationInfo) -> str | None:
        # The recipe names come from the caller that runs them (helpers.data.fetch): this module stays
        # free of the recipes and the spreadsheet readers they need.
        known = (info.context or {}).get("reshapes")
        if name is not None and known is not None and name not in known:
            raise _refused(f"{name!r} is not one of {', '.join(sorted(known))}")
        return name

    @model_validator(mode="after")
    def _one_way(self) -> Recipe:
        if self.manual is not None:
            if self.sources or self.reshape or self.gzip:
                raise _refused(
                    "a dataset no script can rebuild has no 'from', 'reshape' or 'gzip'", ("manual",)
                )
        elif not self.sources:
            raise _refused("give 'from' (the files to download) or 'manual' (why no script can rebuild it)")
        elif len(self.sources) > 1:
            if self.reshape is None:
                raise _refused("missing; several downloads are combined only by a reshape", ("reshape",))
            for position, source in enumerate(self.sources):
                if source.name is None:
                    raise _refused(
                        "missing; with several downloads the reshape finds each by its name",
                        ("from", position, "name"),
                    )
        return self


class Dataset(_Model):
    """One national dataset as recorded in ``data/manifest.yml``; ``id`` is its key there."""

    title: Text = Field(description="the publisher's title")
    publisher: Text = Field(description="who publishes it")
    url: WebAddress = Field(description="the page a reader can get it from")
    licence: Text = Field(description="the licence it is published under")
    vintage: Text = Field(description="which release and period it covers")
    file: Text = Field(description="its path inside the data directory")
    sha256: Sha256 = Field(description="the SHA-256 checksum of the file's bytes")
    download: Recipe = Field(
        description="how `make data` gets the file: 'from', the files to download, or 'manual', why no "
        "script can"
    )
    _id: str = PrivateAttr("")

    @property
    def id(self) -> str:
        return self._id

    def citation(self) -> str:
        """A one-line source note: title, publisher, vintage."""
        return f"{self.publisher}, {self.title} ({self.vintage})"


class Manifest(_Model):
    """``data/manifest.yml``: every national dataset, keyed by id."""

    datasets: dict[str, Dataset] = Field(description="every national dataset, keyed by id")

    @model_validator(mode="after")
    def _name_datasets(self) -> Manifest:
        for dataset_id, dataset in self.datasets.items():
            dataset._id = dataset_id
        return self


#: The model that holds a field, by the length of the path to it (datasets, id, download, from, n).
_HOLDERS = {
    0: ("the manifest", Manifest),
    2: ("a dataset", Dataset),
    3: ("a download", Recipe),
    5: ("a file in 'from'", Source),
}


def _path(parts: tuple) -> str:
    # Entries of a list are counted from 1, as a person counts the files under `from`.
    return "".join(f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in parts).lstrip(".")


def _where(loc: tuple) -> str:
    """The dataset and field an error's location points to: ``dataset 'id', field 'download.from[1].url'``."""
    if len(loc) >= 2 and loc[0] == "datasets":
        dataset = f"dataset '{loc[1]}'"
        return f"{dataset}, field '{_path(loc[2:])}'" if len(loc) > 2 else dataset
    return f"field '{_path(loc)}'" if loc else ""


def _wording(kind: str, loc: tuple, error: ErrorDetails) -> str:
    """What is wrong: the field's own description where one is missing, the allowed fields where one is
    unknown, the manifest's message for its own checks, else pydantic's message and the value found."""
    holder = _HOLDERS.get(len(loc) - 1)
    if kind in ("missing", "extra_forbidden") and holder:
        label, model = holder
        fields = {field.alias or name: field for name, field in model.model_fields.items()}
        if kind == "missing":
            return f"missing ({fields[loc[-1]].description})"
        return f"unknown; {label} has only {', '.join(fields)}"
    if kind == "manifest":
        return error["msg"]
    return f"{error['msg']} (found {error['input']!r})"


def _problem(manifest_file: Path, error: ErrorDetails) -> str:
    """One validation error as a line a person can act on: file, dataset, field, what is wrong."""
    loc = error["loc"] + tuple(error.get("ctx", {}).get("field", ()))
    where = _where(loc)
    return f"{manifest_file}: {where + ': ' if where else ''}{_wording(error['type'], loc, error)}"


def load(manifest_file: Path = paths.MANIFEST, reshapes: Collection[str] | None = None) -> Manifest:
    """Read and validate the manifest.

    Parameters
    ----------
    manifest_file
        The manifest to read.
    reshapes
        The recipe names a ``download.reshape`` may give; without them the names are not checked.

    Raises
    ------
    DataError
        If the file is not YAML or breaks a rule of the models, with one line per problem.
    """
    try:
        with open(manifest_file, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        raise DataError(f"{manifest_file} is not valid YAML: {error}") from error
    try:
        return Manifest.model_validate(raw, context={"reshapes": reshapes})
    except ValidationError as error:
        raise DataError("\n".join(_problem(manifest_file, e) for e in error.errors())) from error


@cache
def datasets(manifest_file: Path = paths.MANIFEST) -> dict[str, Dataset]:
    """Every dataset in the manifest, keyed by id (read once per session)."""
    return dict(load(manifest_file).datasets)


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

"""Parse once: processed tables written to parquet, keyed by the data and the code that made them.

The key is a hash of ``data/manifest.yml`` (so of every national file's checksum) and of the modules
that turn raw files into tables (the ``data`` and ``stats`` layers). The build fills the store once;
every page then reads the processed tables instead of parsing the raw files again. A new data release
or a change to a loader gives a new key, so a stale table is never read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path

import pandas as pd

from helpers import paths, version

STORE = paths.BUILD / "processed"
#: The layers whose code decides what the processed tables contain: the loaders and the statistics.
PROCESSING_PACKAGES = ("data", "stats")


@cache
def key() -> str:
    """The store key: the manifest (every dataset's checksum) and the processing code, every module of
    the ``data`` and ``stats`` layers, found recursively."""
    digest = hashlib.sha256(paths.MANIFEST.read_bytes())
    digest.update(
        version.code_digest(*(version.CODE_DIR / package for package in PROCESSING_PACKAGES)).encode()
    )
    return digest.hexdigest()[:16]


def location(name: str) -> Path:
    return STORE / key() / f"{name}.parquet"


def table(name: str) -> Callable[[Callable[..., pd.DataFrame]], Callable[..., pd.DataFrame]]:
    """Decorate a function returning a frame: read it from the store if there, else compute and save.

    Arguments of the function become part of the table's name (``neighbours-2025``). Results are also
    kept in memory for the life of the process.
    """

    def decorate(function: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
        @cache
        @wraps(function)
        def cached(*args) -> pd.DataFrame:
            file = location("-".join([name, *map(str, args)]))
            if file.is_file():
                return pd.read_parquet(file)
            frame = function(*args)
            file.parent.mkdir(parents=True, exist_ok=True)
            # Written under a temporary name and renamed, so a parallel reader never sees half a file.
            partial = file.with_suffix(f".{os.getpid()}.tmp")
            frame.to_parquet(partial)
            partial.replace(file)
            return frame

        cached.compute = function  # the uncached computation, for tests
        return cached

    return decorate

"""Whether the built book is up to date, decided without loading any data, so an unchanged rebuild is quick.

One digest covers everything the pages and the site are made from: the package's code, the book's data
and evidence files, the chapters and templates, the configuration and the static files, plus the build
options. After a successful build it is recorded with a stamp of what the build wrote (the executed
pages the page declarations name, the site's assets, the written pages' provenance section and the
site's front page). A later build whose inputs digest and outputs stamp both match has nothing to do;
anything else goes through the full build, which works out page by page what to re-execute. The
national data files are checked against the manifest before this is asked.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers import paths
from helpers.pages import catalogue

RECORD = paths.BUILD / "fresh.json"
#: Folders and files the book is built from.
SOURCE_FOLDERS = (paths.ROOT / "src" / "helpers", paths.BOOK_DATA, paths.CHAPTERS, paths.ROOT / "_static")
SOURCE_FILES = (paths.ROOT / "_config.yml", paths.ROOT / "_toc.yml", paths.ROOT / "pyproject.toml")


def _files(folders) -> list[Path]:
    return sorted(
        file
        for folder in folders
        for file in folder.rglob("*")
        if file.is_file() and "__pycache__" not in file.parts and ".ipynb_checkpoints" not in file.parts
    )


def inputs_digest(options: dict) -> str:
    """A digest of every source file's path and bytes, and of the build options."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    sources = [f for f in _files(SOURCE_FOLDERS) if not catalogue.is_output(f)]
    for file in [*SOURCE_FILES, *sources]:
        digest.update(f"{file.relative_to(paths.ROOT)}\0".encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest() if file.is_file() else b"(absent)")
    return digest.hexdigest()


def outputs_stamp() -> list[list]:
    """Path, size and modification time of everything the build wrote that the site is made from."""
    written = catalogue.outputs() + _files([paths.ASSETS, paths.WRITTEN_PAGES_PROVENANCE.parent])
    written.append(paths.HTML / "index.html")
    return [
        [str(f.relative_to(paths.ROOT)), f.stat().st_size, f.stat().st_mtime_ns] if f.is_file() else [str(f)]
        for f in written
    ]


def is_current(options: dict) -> bool:
    """Whether the last successful build used these inputs and its outputs are untouched."""
    try:
        record = json.loads(RECORD.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    return (paths.HTML / "index.html").is_file() and record == {
        "inputs": inputs_digest(options),
        "outputs": outputs_stamp(),
    }


def record(inputs: str) -> None:
    """Record a successful build: the inputs digest taken before it started, and what it wrote."""
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text(json.dumps({"inputs": inputs, "outputs": outputs_stamp()}), encoding="utf-8")


def forget() -> None:
    """Drop the record, so the next build checks every page (used when a build starts)."""
    RECORD.unlink(missing_ok=True)

"""Shared fixtures: every test reads the national data from the configured data directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import areas, build, paths


@pytest.fixture(scope="session")
def haringey() -> areas.Area:
    return areas.get("E09000014")


@pytest.fixture(scope="session")
def somerset() -> areas.Area:
    return areas.get("E06000066")


@pytest.fixture(scope="session")
def west_sussex() -> areas.Area:
    return areas.get("E10000032")


#: What a copy of the book leaves behind: tooling, the build and the executed area pages.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info", "profiles"
)


class BookCopy:
    """A copy of the book's sources in a temporary folder, built and changed there and only there."""

    def __init__(self, folder: Path):
        self.root = folder / "main"
        shutil.copytree(paths.ROOT, self.root, ignore=NOT_COPIED)
        for executed in build.executed_notebooks():  # national pages are build outputs too
            (self.root / executed.relative_to(paths.ROOT)).unlink(missing_ok=True)

    def send_book(self, *arguments: str, timeout: int = 1200) -> subprocess.CompletedProcess:
        """Run the command line in the copy, reading the configured national data."""
        environment = {
            **os.environ,
            "PYTHONPATH": str(self.root / "src"),
            paths.DATA_DIR_ENV: str(paths.data_dir()),
        }
        return subprocess.run(
            [sys.executable, "-m", "helpers.cli", *arguments],
            cwd=self.root,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture(scope="session")
def book_copy(tmp_path_factory):
    """Make a fresh copy of the book: ``book_copy()``."""
    return lambda: BookCopy(tmp_path_factory.mktemp("book"))

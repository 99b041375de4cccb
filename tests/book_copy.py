"""A copy of the book in a temporary folder, to build and break there and only there.

Used by the ``book_copy`` fixture (tests/conftest.py) and by the fault-injection script, which also
copies the national data so it can damage them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import paths
from helpers.build.outputs import copy_ignoring_outputs


class BookCopy:
    """The book's sources copied to ``folder/main``; with ``copy_data``, the national data to ``folder/data``.

    Without ``copy_data`` the copy reads the configured data directory.
    """

    def __init__(self, folder: Path, copy_data: bool = False):
        # The sources only: no build, no executed page (as the page declarations name them), no tooling.
        self.root = copy_ignoring_outputs(folder / "main")
        self.data = paths.data_dir()
        if copy_data:
            self.data = folder / "data"
            shutil.copytree(paths.data_dir(), self.data)

    def environment(self) -> dict:
        """The copy's code on the path, reading its national data."""
        return {
            **os.environ,
            "PYTHONPATH": str(self.root / "src"),
            paths.DATA_DIR_ENV: str(self.data),
            # The held source texts the register's anchors cite, beside the data as for the book itself.
            paths.SOURCES_DIR_ENV: str(paths.sources_dir()),
        }

    def send_book(self, *arguments: str, timeout: int = 1800) -> subprocess.CompletedProcess:
        """Run the command line in the copy and wait for it."""
        return subprocess.run(
            [sys.executable, "-m", "helpers.build.cli", *arguments],
            cwd=self.root,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start(self, *arguments: str) -> subprocess.Popen:
        """Start the command line in the copy without waiting (output and errors in one stream)."""
        return subprocess.Popen(
            [sys.executable, "-m", "helpers.build.cli", *arguments],
            cwd=self.root,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def snapshot(self) -> str:
        """A digest of the published site, the executed pages, the book's input files and copied data."""
        digest = hashlib.sha256()
        folders = [self.root / "_build/html", self.root / "chapters", self.root / "data"]
        for folder in folders + ([self.data] if self.data.is_relative_to(self.root.parent) else []):
            for file in sorted(f for f in folder.rglob("*") if f.is_file()):
                digest.update(str(file.relative_to(self.root.parent)).encode() + b"\0" + file.read_bytes())
        return digest.hexdigest()

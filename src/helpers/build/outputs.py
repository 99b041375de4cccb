"""The build's outputs, from the page declarations: what ``make clean`` removes, and what a copy of the
book (the tests' and the benchmark's) leaves behind.

Executed pages sit beside their templates under ``chapters/``; ``.gitignore`` ignores every notebook
there but the templates (``*_template.ipynb``), which the declarations require.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from helpers import paths
from helpers.pages import catalogue

#: Tooling and caches a copy of the book never needs.
TOOLING = (
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".import_linter_cache",
)


def copy_ignoring_outputs(target: Path) -> Path:
    """Copy the book's sources to ``target``: no build, no executed page, no tooling."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        return {
            name
            for name in names
            if name in TOOLING
            or name.endswith(".egg-info")
            or (here == paths.ROOT and name == paths.BUILD.name)
            or catalogue.is_output(here / name)
        }

    shutil.copytree(paths.ROOT, target, ignore=ignored)
    return target


def clean() -> list[Path]:
    """Remove the build folder and every executed page; return what was removed."""
    removed = catalogue.outputs()
    for page in removed:
        page.unlink()
    for folder in {page.parent for page in removed}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    if paths.BUILD.exists():
        shutil.rmtree(paths.BUILD)
        removed.append(paths.BUILD)
    return removed


if __name__ == "__main__":  # make clean
    gone = clean()
    print(
        f"Removed {len(gone)} build outputs"
        + (f", including {paths.BUILD.name}/" if paths.BUILD in gone else "")
    )
    sys.exit(0)

"""pytest collects the executed pages under chapters/ for nbval, and never the templates.

The list comes from the page declarations (``helpers.pages.catalogue.outputs()``), the same list the
output check in tests/test_notebooks.py reads, so nbval is handed exactly the pages the book publishes.
"""

from __future__ import annotations

from pathlib import Path

from helpers.pages import catalogue


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    if collection_path.suffix == ".ipynb":
        return collection_path.resolve() not in {page.resolve() for page in catalogue.outputs()}
    return None

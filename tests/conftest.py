"""Shared fixtures: every test reads the national data from the configured data directory."""

from __future__ import annotations

import pytest
from book_copy import BookCopy

from helpers.data import areas


@pytest.fixture(scope="session")
def haringey() -> areas.Area:
    return areas.get("E09000014")


@pytest.fixture(scope="session")
def somerset() -> areas.Area:
    return areas.get("E06000066")


@pytest.fixture(scope="session")
def west_sussex() -> areas.Area:
    return areas.get("E10000032")


@pytest.fixture(scope="session")
def book_copy(tmp_path_factory):
    """Make a fresh copy of the book: ``book_copy()``."""
    return lambda: BookCopy(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def book_with_worcestershire(book_copy):
    """A copy of the book to which one command added Worcestershire (its root), shared by the analyst's
    journey and the browser check of the new page."""
    copy = book_copy()
    result = copy.send_book("area", "add", "worcestershire")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy.root

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

"""Shared fixtures: every test reads the national data from the configured data directory."""

from __future__ import annotations

import pytest

from helpers import areas


@pytest.fixture(scope="session")
def haringey() -> areas.Area:
    return areas.get("E09000014")


@pytest.fixture(scope="session")
def somerset() -> areas.Area:
    return areas.get("E06000066")


@pytest.fixture(scope="session")
def west_sussex() -> areas.Area:
    return areas.get("E10000032")

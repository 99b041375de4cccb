"""Every page of the built book in headless Chromium, with the network to other hosts cut."""

from __future__ import annotations

import pytest

from helpers import runlist

from .conftest import site_pages

pytestmark = pytest.mark.slow
PAGES = site_pages()


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def test_the_site_has_the_pages_readers_expect():
    expected = {f"chapters/areas/profiles/{area.slug}.html" for area in runlist.load()}
    expected |= {"chapters/intro.html", "chapters/england/maps.html", "chapters/accessibility.html"}
    assert expected <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_with_no_errors_and_no_outside_requests(visits, page):
    visit = visits[page]
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert visit.failed_requests == []
    assert visit.outside_requests == []


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_and_map_has_rendered(visits, page):
    visit = visits[page]
    assert len(visit.charts) == visit.figures
    assert all(width > 0 and height > 0 for width, height in visit.charts), visit.charts


@pytest.mark.parametrize("page", PAGES)
def test_no_accessibility_violations(visits, page):
    violations = visits[page].violations
    assert violations == [], describe(violations)


def test_area_and_england_pages_carry_their_charts(visits):
    for area in runlist.load():
        assert visits[f"chapters/areas/profiles/{area.slug}.html"].figures == 7
    assert visits["chapters/england/maps.html"].figures >= 7

"""Every page of the built book in headless Chromium, with the network to other hosts cut."""

from __future__ import annotations

import pytest

from helpers.data import runlist
from helpers.evidence import evidence_base
from helpers.evidence import register as evidence

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
    expected |= {f"chapters/evidence/{name}.html" for name in ("framework", "register", "bibliography")}
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


@pytest.mark.parametrize("page", PAGES)
def test_each_chart_is_an_image_named_by_its_title_with_its_description_read_once(visits, page):
    # The long description is the figure's caption; the chart itself is named by its short title, so
    # a screen reader hears the description once (the drawing inside is hidden, its values are in the
    # data table).
    for chart in visits[page].chart_names:
        assert chart["role"] == "img", chart
        assert chart["name"] and chart["description"] and chart["description"] not in chart["name"], chart
        assert chart["drawingHidden"], chart


def test_area_and_england_pages_carry_their_charts(visits):
    register = evidence.load_register()
    for area in runlist.load():
        # The spine chart, the trends (one chart of small multiples), the locator map and, where there
        # is evidence, its timeline.
        timeline = 1 if evidence.for_area(register, area.slug) else 0
        assert visits[f"chapters/areas/profiles/{area.slug}.html"].figures == 3 + timeline
    assert visits["chapters/england/maps.html"].figures >= 7


def test_the_register_filters_by_area_and_theme(site_url, browser):
    page = browser.new_page()
    page.goto(site_url + "chapters/evidence/register.html", wait_until="networkidle")
    rows = page.locator("#register-table tbody tr")
    total = rows.count()
    page.select_option("#register-filter-area", "somerset")
    somerset = page.locator("#register-table tbody tr:not([hidden])").count()
    assert 0 < somerset < total
    assert page.text_content("#register-count") == f"Showing {somerset} of {total} items."
    page.select_option("#register-filter-theme", "inclusion-reach")
    both = page.locator("#register-table tbody tr:not([hidden])")
    # Counted from the register itself: Somerset's items on the theme (there are some, so the check
    # below cannot pass by showing no rows).
    expected = [
        c.item.id
        for c in evidence.load_register()
        if c.area == "somerset" and "inclusion-reach" in c.item.themes
    ]
    assert expected and both.count() == len(expected) <= somerset
    assert sorted(both.nth(i).get_attribute("id") for i in range(both.count())) == sorted(expected)
    page.select_option("#register-filter-area", "")
    page.select_option("#register-filter-theme", "")
    assert page.text_content("#register-count") == f"Showing all {total} items."
    # Whose account: Haringey's independent items, the inspection report's findings among them.
    page.select_option("#register-filter-area", "haringey")
    page.select_option("#register-filter-perspective", "independent")
    shown = page.locator("#register-table tbody tr:not([hidden])")
    expected = [
        c.item.id
        for c in evidence_base.load().items
        if c.area == "haringey" and c.item.perspective == "independent"
    ]
    assert any("-insp-" in i for i in expected)
    assert sorted(shown.nth(i).get_attribute("id") for i in range(shown.count())) == sorted(expected)
    page.close()

"""The answer first: at 1280 x 900 an area page's first screen holds the participation headline, the
latest inspection outcome and the spine chart, and the whole page is at most a third of its former height
(Haringey's page was 39,400 px tall at 1280 px wide before the answer came first)."""

from __future__ import annotations

import pytest

from helpers.data import runlist
from helpers.stats.indicators import INDICATORS

FORMER_HARINGEY_HEIGHT = 39_400
SCREEN = {"width": 1280, "height": 900}


@pytest.mark.parametrize("area", runlist.load(), ids=lambda a: a.slug)
def test_the_first_screen_holds_the_headline_the_outcome_and_the_spine_chart(site_url, browser, area):
    page = browser.new_page(viewport=SCREEN)
    page.goto(f"{site_url}chapters/areas/profiles/{area.slug}.html", wait_until="networkidle")
    page.wait_for_selector(".book-chart svg")

    def bottom(locator) -> float:
        box = locator.bounding_box()
        assert box is not None
        return box["y"] + box["height"]

    headline = page.locator(".book-headline table")
    assert "Headline" in headline.inner_text() and "Independent" in headline.inner_text()
    assert bottom(headline) <= SCREEN["height"]
    outcome = page.get_by_text("Latest inspection", exact=False).first
    assert bottom(outcome) <= SCREEN["height"]
    # The spine chart: its last indicator row (label, point and value) is on the first screen.
    spine = page.locator(".book-chart").first
    last_label = spine.locator("svg text", has_text=list(INDICATORS.values())[-1].title).first
    assert bottom(last_label) <= SCREEN["height"]
    page.close()


def test_an_area_page_is_at_most_a_third_of_its_former_height(site_url, browser):
    page = browser.new_page(viewport=SCREEN)
    for area in runlist.load():
        page.goto(f"{site_url}chapters/areas/profiles/{area.slug}.html", wait_until="networkidle")
        page.wait_for_selector(".book-chart svg")
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= FORMER_HARINGEY_HEIGHT / 3, f"{area.name}: {height} px"
    page.close()


def test_the_item_by_item_evidence_is_collapsed_at_the_end(site_url, browser):
    page = browser.new_page(viewport=SCREEN)
    page.goto(f"{site_url}chapters/areas/profiles/haringey.html", wait_until="networkidle")
    items = page.locator("details.book-items")
    assert items.count() == 1 and items.get_attribute("open") is None
    assert not items.locator("table").is_visible()
    page.close()


def test_the_comparison_opens_with_the_spine_chart_one_column_per_area(site_url, browser):
    page = browser.new_page(viewport=SCREEN)
    page.goto(f"{site_url}chapters/compare/compare.html", wait_until="networkidle")
    page.wait_for_selector(".book-chart svg")
    first_chart = page.locator(".book-chart svg").first.inner_html()
    for area in runlist.load():
        assert area.name in first_chart
    page.close()


@pytest.mark.parametrize(
    ("page_path", "caption"),
    [
        ("chapters/areas/profiles/haringey.html", "Haringey: latest value of each indicator"),
        ("chapters/compare/compare.html", "Latest value of each indicator for"),
    ],
)
def test_the_main_comparison_table_shows_every_column_at_1280_px(site_url, browser, page_path, caption):
    page = browser.new_page(viewport=SCREEN)
    page.goto(site_url + page_path, wait_until="networkidle")
    overflow = page.evaluate(
        """caption => {
            const title = Array.from(document.querySelectorAll('.book-table-caption'))
                .find(p => p.innerText.startsWith(caption));
            const region = document.querySelector(`[aria-labelledby="${title.id}"]`);
            return region.scrollWidth - region.clientWidth;
        }""",
        caption,
    )
    assert overflow <= 1
    page.close()

"""Reflow (WCAG 1.4.10): every page of the built book at 320 CSS pixels wide, as on a small phone or
at 400% zoom on a 1280-pixel screen. Nothing makes the page scroll sideways, nothing is pushed out of
reach, no caption is cut off, and chart text stays legible (a chart scrolls in its own region instead)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import paths
from helpers.present.figures import LEGIBLE_TEXT_PX

from .conftest import site_pages

pytestmark = pytest.mark.slow
PAGES = site_pages()
NARROW = {"width": 320, "height": 720}
REFLOW_SCRIPT = (Path(__file__).with_name("reflow.js")).read_text(encoding="utf-8")
#: Every chart is drawn, and has been given its smallest legible width.
CHARTS_READY = """n => {
    const svgs = document.querySelectorAll('.book-chart svg');
    return svgs.length >= n && Array.from(svgs).every(svg => svg.style.minWidth !== '');
}"""


def open_narrow(browser, url: str, page_path: str):
    """The page at 320 px, its charts drawn and every <details> opened (as a reader would)."""
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.goto(url + page_path, wait_until="networkidle")
    figures = (paths.HTML / page_path).read_text(encoding="utf-8").count('<figure class="book-figure"')
    if figures:
        page.wait_for_function(CHARTS_READY, arg=figures, timeout=20_000)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return context, page


@pytest.fixture(scope="module")
def narrow(site_url, browser):
    """What reflow.js finds on every page at 320 px, keyed by page."""
    found = {}
    for page_path in PAGES:
        context, page = open_narrow(browser, site_url, page_path)
        found[page_path] = page.evaluate(REFLOW_SCRIPT, LEGIBLE_TEXT_PX)
        context.close()
    return found


@pytest.mark.parametrize("page", PAGES)
def test_the_page_does_not_scroll_sideways_at_320_px(narrow, page):
    found = narrow[page]
    assert found["viewport"] <= NARROW["width"]
    assert found["pageScroll"] <= 1, f"the page scrolls {found['pageScroll']} px sideways"
    assert found["outOfReachCount"] == 0, "\n".join(found["outOfReach"])


@pytest.mark.parametrize("page", PAGES)
def test_no_caption_is_cut_off_at_320_px(narrow, page):
    assert narrow[page]["clippedCaptions"] == []


@pytest.mark.parametrize("page", PAGES)
def test_chart_text_stays_legible_at_320_px(narrow, page):
    charts = narrow[page]["charts"]
    figures = (paths.HTML / page).read_text(encoding="utf-8").count('<figure class="book-figure"')
    assert len(charts) == figures
    # Shrunk to the screen, a chart's text stays at LEGIBLE_TEXT_PX or more; text designed smaller
    # than that is never shrunk at all (the chart scrolls instead).
    small = [chart for chart in charts if not chart["legible"]]
    assert small == [], f"chart text drawn smaller than {LEGIBLE_TEXT_PX} px and than designed: {small}"


def test_the_reflow_checks_see_what_they_check(narrow):
    # Captions and charts exist to be checked: the area pages carry both.
    profiles = [page for page in PAGES if page.startswith("chapters/areas/profiles/")]
    assert profiles
    for page in profiles:
        assert narrow[page]["captions"] > 5 and narrow[page]["charts"]


def test_a_caption_inside_a_scrolling_table_would_be_found_cut_off(site_url, browser):
    # The check itself: put a long caption back inside a table that scrolls, as the book once did.
    context, page = open_narrow(browser, site_url, "chapters/intro.html")
    page.evaluate(
        """() => {
        const wrapper = document.createElement('div');
        wrapper.style.overflowX = 'auto';
        wrapper.innerHTML = '<table style="min-width: 900px"><caption>' + 'A long caption '.repeat(20)
            + '</caption><tr><td>1</td></tr></table>';
        document.querySelector('main').prepend(wrapper);
    }"""
    )
    found = page.evaluate(REFLOW_SCRIPT, LEGIBLE_TEXT_PX)
    context.close()
    assert any(caption.startswith('caption "A long caption') for caption in found["clippedCaptions"])


def test_a_chart_shrunk_to_the_screen_would_be_found_illegible(site_url, browser):
    # The check itself: without its minimum width a chart shrinks to the 320 px screen, as it once did.
    profile = next(page for page in PAGES if page.startswith("chapters/areas/profiles/"))
    context, page = open_narrow(browser, site_url, profile)
    page.evaluate(
        "() => document.querySelectorAll('.book-chart svg').forEach(s => { s.style.minWidth = ''; })"
    )
    charts = page.evaluate(REFLOW_SCRIPT, LEGIBLE_TEXT_PX)["charts"]
    context.close()
    assert charts and not any(chart["legible"] for chart in charts)

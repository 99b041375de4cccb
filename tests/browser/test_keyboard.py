"""Keyboard focus is always visible (WCAG 2.4.7, with the 3:1 contrast of 1.4.11): each page type of
the built book is tabbed through from the top, every <details> opened, at a laptop's width and a
phone's, and each element that takes focus must show an outline or box-shadow of at least 3:1 against
the colour behind it, most of it left visible by the boxes around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.data import runlist

from .conftest import site_pages

pytestmark = pytest.mark.slow

#: One page of each type (the first area of the run list stands for every area page).
PAGE_TYPES = {
    "area profile": f"chapters/areas/profiles/{runlist.load()[0].slug}.html",
    "comparison": "chapters/compare/compare.html",
    "England maps": "chapters/england/maps.html",
    "inspections": "chapters/england/inspections.html",
    "framework": "chapters/evidence/framework.html",
    "register": "chapters/evidence/register.html",
    "bibliography": "chapters/evidence/bibliography.html",
    "introduction": "chapters/intro.html",
}
WIDTHS = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 720}}
#: The register is one long table (some 700 stops, 45 s a walk): its links are the same kind of element
#: as the bibliography's and the framework's, which are walked at both widths.
CASES = [
    (page_type, width)
    for page_type in PAGE_TYPES
    for width in WIDTHS
    if (page_type, width) != ("register", "phone")
]
#: WCAG 1.4.11: a focus indicator is a user-interface component, and needs 3:1 against what is behind it.
MINIMUM_CONTRAST = 3.0
#: The share of an indicator the boxes around it may hide: a little at a scrolling table's edge.
MINIMUM_VISIBLE = 0.75
MAXIMUM_STOPS = 5_000
FOCUS_SCRIPT = (Path(__file__).with_name("focus_indicator.js")).read_text(encoding="utf-8")


def shows_focus(stop: dict) -> bool:
    return any(
        ring["contrast"] >= MINIMUM_CONTRAST and ring["visible"] >= MINIMUM_VISIBLE for ring in stop["rings"]
    )


def describe(stop: dict) -> str:
    rings = "; ".join(
        f"{r['kind']} {r['colour']} on {r['background']} = {r['contrast']:.2f}:1, {r['visible']:.0%} visible"
        for r in stop["rings"]
    )
    return f"{stop['element']}: {rings or 'no outline or box-shadow'}"


def tab_through(browser, url: str, viewport: dict) -> tuple[list[dict], int]:
    """Press Tab from the top of the page until focus comes round again.

    Returns what each stop showed, and how many scrolling regions (tables, charts) the page has.
    """
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    stops = []
    for _ in range(MAXIMUM_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_SCRIPT)
        if stop is None or stop["repeat"]:
            break
        stops.append(stop)
    else:
        raise AssertionError(f"focus did not come round after {MAXIMUM_STOPS} presses of Tab on {url}")
    regions = page.evaluate("() => document.querySelectorAll('.book-table-wrapper, .book-chart').length")
    context.close()
    return stops, regions


def test_every_page_type_is_in_the_site():
    assert set(PAGE_TYPES.values()) <= set(site_pages())


@pytest.mark.parametrize(("page_type", "width"), CASES)
def test_every_keyboard_stop_shows_a_visible_focus_indicator(site_url, browser, page_type, width):
    stops, regions = tab_through(browser, site_url + PAGE_TYPES[page_type], WIDTHS[width])
    # The walk reached the page itself, not only the header: every scrolling region took focus.
    assert stops and '"Skip to main content"' in stops[0]["element"]
    assert regions and sum(stop["region"] for stop in stops) == regions
    hidden = [describe(stop) for stop in stops if not shows_focus(stop)]
    assert hidden == [], f"{len(hidden)} of {len(stops)} stops show no visible focus:\n" + "\n".join(hidden)


def tab_to(page, selector: str) -> dict:
    """Press Tab until an element matching the selector has focus (by keyboard, so that
    :focus-visible applies); what its focus looks like."""
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return page.evaluate(FOCUS_SCRIPT)
    raise AssertionError(f"no element matching {selector} took focus")


def test_the_check_fails_the_focus_styles_the_book_replaced(site_url, browser):
    # The theme's yellow outline on white (1.35:1) and an outline clipped by its parent both fail.
    context = browser.new_context(viewport=WIDTHS["laptop"])
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES["introduction"], wait_until="networkidle")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.add_style_tag(
        content=".book-table-wrapper:focus-visible { outline: 3px solid #FD0 !important; }"
        ".header-article-item { overflow: hidden; }"
        ".sidebar-toggle:focus-visible { outline-offset: 2px !important; }"
    )
    clipped = tab_to(page, "button.sidebar-toggle.primary-toggle")
    yellow = tab_to(page, ".book-table-wrapper")
    context.close()
    assert [round(r["contrast"], 2) for r in yellow["rings"]] == [1.35] and not shows_focus(yellow)
    # A 3 px outline 2 px outside a box that clips at the button's edge: next to nothing shows.
    assert len(clipped["rings"]) == 1 and clipped["rings"][0]["visible"] < 0.05 and not shows_focus(clipped)

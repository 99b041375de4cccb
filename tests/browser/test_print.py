"""The web pages print sensibly: on paper an area page loses no column of its tables, its links print
their addresses, and controls that do nothing on paper are hidden."""

from __future__ import annotations

A4_WIDTH = 794  # CSS pixels of an A4 page at 96 dpi


def test_an_area_page_prints_every_column_its_link_addresses_and_no_controls(site_url, browser):
    page = browser.new_page(viewport={"width": A4_WIDTH, "height": 1123})
    page.goto(f"{site_url}chapters/areas/profiles/haringey.html", wait_until="networkidle")
    page.wait_for_selector(".book-chart svg")
    page.emulate_media(media="print")
    for control in (".bd-sidebar-primary", ".bd-header", "details.book-figure-data summary"):
        assert not page.locator(control).first.is_visible(), control
    # Every table fits the page: no wrapper is wider than the paper, none scrolls sideways.
    widths = page.evaluate(
        "() => Array.from(document.querySelectorAll('.book-table-wrapper'))"
        ".filter(w => w.checkVisibility())"
        ".map(w => [w.scrollWidth - w.clientWidth, w.getBoundingClientRect().right])"
    )
    assert widths
    for overflow, right in widths:
        assert overflow <= 1 and right <= A4_WIDTH
    headers = page.locator("table.book-table thead th").all_inner_texts()
    assert {"England", "London", "Neighbours (mean)"} <= set(headers)
    # A link to another site prints its address after its text.
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('main a[href^=\"https://files.ofsted.gov.uk\"]'),"
        " '::after').content"
    )
    assert "https://files.ofsted.gov.uk/v1/file/50243302" in after
    page.close()

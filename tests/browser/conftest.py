"""The built site in a real headless Chromium: served from localhost, with every other host blocked.

Each page is visited once per session; the tests read what the visit recorded.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import paths

from .checkers import AXE_TAGS, run_axe

__all__ = ["AXE_TAGS", "CHROMIUM", "CHROMIUM_ARGS", "site_pages"]

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As root Chromium needs --no-sandbox; the other flags stop its own background traffic, which
# this closed network would refuse and log.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Width and height of the graphic (SVG or canvas) inside each chart element; 0 when there is none.
CHART_SIZES = """charts => charts.map(chart => {
    const graphic = chart.querySelector('svg, canvas');
    const box = graphic ? graphic.getBoundingClientRect() : {width: 0, height: 0};
    return [box.width, box.height];
})"""
#: How each chart is exposed to assistive technology once drawn, with the description in its caption.
CHART_NAMES = """charts => charts.map(chart => ({
    role: chart.getAttribute('role'),
    name: chart.getAttribute('aria-label') || '',
    description: chart.closest('figure').querySelector('.book-figure-description').textContent,
    drawingHidden: chart.querySelector('svg').getAttribute('aria-hidden') === 'true',
}))"""
#: Every chart has finished drawing: the script that runs after it has given it its minimum width.
CHARTS_FINISHED = """n => {
    const svgs = document.querySelectorAll('.book-chart svg');
    return svgs.length >= n && Array.from(svgs).every(svg => svg.style.minWidth !== '');
}"""


def site_pages() -> list[str]:
    """Every HTML page of the built book, relative to the site root."""
    return sorted(
        path.relative_to(paths.HTML).as_posix()
        for path in paths.HTML.rglob("*.html")
        if "_static" not in path.parts
    )


@dataclass
class Visit:
    """What loading one page in the browser recorded."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    figures: int = 0
    charts: list[tuple[float, float]] = field(default_factory=list)
    #: Each chart's role and name once drawn, its caption's description, whether its drawing is hidden.
    chart_names: list[dict] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    #: The version of the axe-core that checked the page, as it reports itself.
    axe_version: str = ""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test reports what matters
        pass


@pytest.fixture(scope="session")
def site_url():
    assert (paths.HTML / "index.html").is_file(), "build the book first: make book"
    handler = functools.partial(_QuietHandler, directory=str(paths.HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), f"Chromium not found at {CHROMIUM}: make test installs Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def visits(site_url, browser):
    """Visit every page once; return what each visit recorded, keyed by page."""
    local_host = urlparse(site_url).netloc
    recorded: dict[str, Visit] = {}

    def visit(page_path: str) -> Visit:
        record = Visit()
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def only_local(route):
            if urlparse(route.request.url).netloc == local_host or route.request.url.startswith("data:"):
                route.continue_()
            else:
                record.outside_requests.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        handlers = {
            "console": lambda m: m.type == "error" and record.console_errors.append(m.text),
            "pageerror": lambda e: record.page_errors.append(str(e)),
            "requestfailed": lambda r: record.failed_requests.append(f"{r.url} ({r.failure})"),
            "response": lambda r: r.status >= 400 and record.failed_requests.append(f"{r.url} ({r.status})"),
        }
        for event, handler in handlers.items():
            page.on(event, handler)
        page.goto(site_url + page_path, wait_until="networkidle")
        record.figures = (
            (paths.HTML / page_path).read_text(encoding="utf-8").count('<figure class="book-figure"')
        )
        if record.figures:
            page.wait_for_function(
                "n => document.querySelectorAll('.book-chart svg, .book-chart canvas').length >= n",
                arg=record.figures,
                timeout=20_000,
            )
        record.charts = page.eval_on_selector_all(".book-chart", CHART_SIZES)
        if record.figures:
            page.wait_for_function(CHARTS_FINISHED, arg=record.figures, timeout=20_000)
            record.chart_names = page.eval_on_selector_all(".book-chart", CHART_NAMES)
        # Stop recording before axe runs: axe fetches stylesheets itself (and resolves an @import
        # against the page rather than the stylesheet), which is not a request the site makes.
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
        results = run_axe(page)
        record.violations = results["violations"]
        record.axe_version = results["testEngine"]["version"]
        context.close()
        return record

    for page_path in site_pages():
        recorded[page_path] = visit(page_path)
    return recorded

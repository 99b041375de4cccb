"""Markup in evidence text is shown as text: built into a copy of the book and read in Chromium."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
import yaml

from .conftest import _QuietHandler

pytestmark = pytest.mark.slow

SCRIPT = "<script>window.injected = 'script'</script>"
IMAGE = "<img src=x onerror=\"window.injected = 'image'\">"
SOURCE_ID = "haringey-test-2024-injected-source"
ITEM = {
    "id": "haringey-901",
    "source": SOURCE_ID,
    "date": "2024-03",
    "event": f"Event {IMAGE}",
    "kind": "review",
    "finding": f"A finding that carries markup: {SCRIPT} and {IMAGE} as text.",
    "ladder": "informing",
    "themes": ["relationships-trust"],
    "strength": "limited",
    "perspective": "families",
    "recommendations": [{"id": "R1", "text": f"Recommendation {SCRIPT}"}],
}
SOURCE = {
    "id": SOURCE_ID,
    "area": "haringey",
    "title": f"A source title {IMAGE}",
    "publisher": f"A publisher {SCRIPT}",
    "date": "2024-03",
    "url": "https://example.org/report",
    "kind": "review",
}
PAGES = [
    "chapters/areas/profiles/haringey.html",
    "chapters/evidence/register.html",
    "chapters/evidence/bibliography.html",
]


@pytest.fixture(scope="module")
def injected_site(book_copy):
    """A two-area copy of the book whose register holds an item and a source full of markup."""
    copy = book_copy()
    areas_file = copy.root / "data/areas.yml"
    areas_file.write_text(
        "areas:\n  - code: E09000014\n    name: Haringey\n  - code: E06000066\n    name: Somerset\n"
    )
    for name, key, entry in [("evidence/haringey.yml", "items", ITEM), ("sources.yml", "sources", SOURCE)]:
        file = copy.root / "data" / name
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data[key].append(entry)
        file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = copy.send_book("book")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = copy.root / "_build/html"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("page_path", PAGES)
def test_injected_markup_is_shown_as_text_and_never_runs(injected_site, browser, page_path):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(injected_site + page_path, wait_until="networkidle")
    assert page.evaluate("window.injected") is None  # neither the script nor the onerror ran
    assert page.locator("img[onerror]").count() == 0
    assert not [url for url in requests if url.endswith("/x")]  # the image was never requested
    # The area page keeps its item-by-item evidence in a collapsed section: open it, as a reader would.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert page.evaluate("window.injected") is None and page.locator("img[onerror]").count() == 0
    text = page.locator("main").inner_text()
    assert SCRIPT in text or IMAGE in text
    context.close()

"""A page an analyst adds with one command, with its inspection findings, passes the newest axe-core."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from .checkers import run_axe

pytestmark = pytest.mark.slow


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_the_new_page_with_its_inspection_findings_has_no_accessibility_violations(
    book_with_worcestershire, browser
):
    site = book_with_worcestershire / "_build/html"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(
            f"http://127.0.0.1:{server.server_address[1]}/chapters/areas/profiles/worcestershire.html",
            wait_until="networkidle",
        )
        assert "What the inspectors found about working with families" in page.content()
        violations = run_axe(page)["violations"]
        page.close()
    finally:
        server.shutdown()
    assert violations == []

"""A web server on 127.0.0.1 that plays the data publishers' part for `make data` tests."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Publisher:
    """A web server on 127.0.0.1 serving ``folder``; counts the requests it answers."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.requests: list[str] = []
        publisher = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                publisher.requests.append(self.path)

        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder))
        )
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def local_url(self, url: str) -> str:
        return self.base + urlsplit(url).path

    def put(self, url: str, data: bytes) -> None:
        # Stored under the decoded path, which is what the server looks up (%20 is a space).
        target = self.folder / unquote(urlsplit(url).path).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def close(self) -> None:
        self.server.shutdown()

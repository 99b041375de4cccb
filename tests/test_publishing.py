"""A failed site build leaves the published book as it was, and two builds never run at once."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from helpers import paths
from helpers.build import cli, site


@pytest.fixture()
def published(tmp_path, monkeypatch):
    """A published site in a private _build, with the build's other paths beside it."""
    html = tmp_path / "_build/html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("<p>the last good book</p>")
    monkeypatch.setattr(paths, "HTML", html)
    monkeypatch.setattr(paths, "BUILD", tmp_path / "_build")
    monkeypatch.setattr(site, "STAGING", tmp_path / "_build/staging")
    monkeypatch.setattr(site, "DOCTREES", tmp_path / "_build/.doctrees")
    monkeypatch.setattr(site, "BOOK_STATE", tmp_path / "_build/book.json")
    monkeypatch.setattr(site, "book_digest", lambda: ("new digest", ["chapters/areas/profiles/a.ipynb"]))
    return html


def fake_jupyter_book(returncode):
    """Stands in for `jupyter-book build`: writes a site into the staging folder, then exits."""

    def run(command, **_):
        output = command[command.index("--path-output") + 1]
        site = paths.BUILD / "staging" / "_build" / "html"
        assert str(paths.BUILD / "staging") == output
        site.mkdir(parents=True, exist_ok=True)
        (site / "index.html").write_text("<p>half a new book</p>" if returncode else "<p>the new book</p>")
        return subprocess.CompletedProcess(command, returncode)

    return run


def test_a_failed_site_build_leaves_the_published_book_intact(published, monkeypatch, capsys):
    monkeypatch.setattr(site.subprocess, "run", fake_jupyter_book(returncode=1))
    assert site.build_book() == "failed"
    assert (published / "index.html").read_text() == "<p>the last good book</p>"
    assert not site.STAGING.exists() and not site.BOOK_STATE.exists()
    assert "published book" in capsys.readouterr().out


def test_a_successful_site_build_replaces_the_published_book(published, monkeypatch):
    monkeypatch.setattr(site.subprocess, "run", fake_jupyter_book(returncode=0))
    assert site.build_book() == "clean"  # the page list changed, so the site is built from scratch
    assert (published / "index.html").read_text() == "<p>the new book</p>"
    assert not site.STAGING.exists() and site.BOOK_STATE.is_file()


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from helpers import paths
from helpers.build import cli
paths.BUILD = Path(sys.argv[1])
with cli.build_lock():
    print("holding", flush=True)
    time.sleep(1.5)
"""


def test_a_second_build_waits_for_the_first(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(paths, "BUILD", tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with cli.build_lock():
            waited = time.monotonic() - started
        assert waited > 1.0  # the first held the lock for 1.5 s after saying so
        assert "Another build of this book is running" in capsys.readouterr().out
    finally:
        holder.wait(timeout=10)


def test_the_lock_is_re_entrant_within_one_build(tmp_path, monkeypatch):
    # Adding an area holds the lock, then builds, which takes it again: that must not wait for itself.
    monkeypatch.setattr(paths, "BUILD", tmp_path)
    started = time.monotonic()
    with cli.build_lock(), cli.build_lock():
        pass
    assert time.monotonic() - started < 1.0

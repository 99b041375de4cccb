"""The whole-book check behind a quick unchanged rebuild: any changed input or touched output means work."""

from __future__ import annotations

import os

import pytest

from helpers import paths
from helpers.build import freshness
from helpers.pages import catalogue


@pytest.fixture()
def book(tmp_path, monkeypatch):
    """A small book tree: code, data, a template with its executed page, a profile, assets and a site."""
    files = {
        "src/helpers/code.py": "X = 1\n",
        "data/evidence/area.yml": "items: []\n",
        "chapters/intro.md": "# Intro\n",
        "chapters/evidence/register_template.ipynb": "{}",
        "chapters/evidence/register.ipynb": '{"executed": 1}',
        "chapters/areas/profiles/area.ipynb": '{"executed": 2}',
        "_static/book.css": "body {}\n",
        "_config.yml": "title: Book\n",
        "_toc.yml": "root: intro\n",
        "_build/assets/vega.js": "vega",
        "_build/written/provenance.md": "## Provenance\n",
        "_build/html/index.html": "<html></html>",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(paths, "CHAPTERS", tmp_path / "chapters")
    monkeypatch.setattr(paths, "ASSETS", tmp_path / "_build/assets")
    monkeypatch.setattr(paths, "WRITTEN_PAGES_PROVENANCE", tmp_path / "_build/written/provenance.md")
    monkeypatch.setattr(paths, "HTML", tmp_path / "_build/html")
    monkeypatch.setattr(
        freshness,
        "SOURCE_FOLDERS",
        (tmp_path / "src/helpers", tmp_path / "data", tmp_path / "chapters", tmp_path / "_static"),
    )
    monkeypatch.setattr(freshness, "SOURCE_FILES", (tmp_path / "_config.yml", tmp_path / "_toc.yml"))
    monkeypatch.setattr(freshness, "RECORD", tmp_path / "_build/fresh.json")
    options = {"areas": "run list"}
    freshness.record(freshness.inputs_digest(options))
    return tmp_path, options


def test_a_recorded_build_with_nothing_changed_is_current(book):
    _, options = book
    assert freshness.is_current(options)


@pytest.mark.parametrize(
    "changed",
    ["src/helpers/code.py", "data/evidence/area.yml", "chapters/intro.md", "_static/book.css", "_toc.yml"],
)
def test_a_changed_input_means_the_book_is_not_current(book, changed):
    root, options = book
    (root / changed).write_text((root / changed).read_text() + "\n# edited\n")
    assert not freshness.is_current(options)


def test_a_new_input_file_or_other_options_mean_the_book_is_not_current(book):
    root, options = book
    assert not freshness.is_current({"areas": "all"})
    (root / "data/evidence/new-area.yml").write_text("items: []\n")
    assert not freshness.is_current(options)


@pytest.mark.parametrize(
    "written",
    [
        "chapters/evidence/register.ipynb",
        "chapters/areas/profiles/area.ipynb",
        "_build/assets/vega.js",
        "_build/written/provenance.md",
    ],
)
def test_a_touched_or_deleted_output_means_the_book_is_not_current(book, written):
    root, options = book
    stat = (root / written).stat()
    os.utime(root / written, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert not freshness.is_current(options)
    freshness.record(freshness.inputs_digest(options))
    assert freshness.is_current(options)
    (root / written).unlink()
    assert not freshness.is_current(options)


def test_executed_pages_are_outputs_not_inputs(book):
    root, options = book
    before = freshness.inputs_digest(options)
    (root / "chapters/areas/profiles/area.ipynb").write_text('{"executed": 3}')
    (root / "chapters/evidence/register.ipynb").write_text('{"executed": 4}')
    assert freshness.inputs_digest(options) == before
    assert catalogue.is_output(root / "chapters/evidence/register.ipynb")
    assert not catalogue.is_output(root / "chapters/evidence/register_template.ipynb")


def test_no_site_or_no_record_means_the_book_is_not_current(book):
    root, options = book
    (root / "_build/html/index.html").unlink()
    assert not freshness.is_current(options)
    (root / "_build/html/index.html").write_text("<html></html>")
    freshness.forget()
    assert not freshness.is_current(options)

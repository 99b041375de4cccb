"""The site: Jupyter Book 1 builds the HTML from the executed pages, with execution off, in a staging
folder that replaces ``_build/html`` only when the build succeeded."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from helpers import paths
from helpers.build.execution import digest, read_state
from helpers.data.files import write_atomically
from helpers.pages import catalogue

BOOK_STATE = paths.BUILD / "book.json"
#: The site is built here, then swapped in for _build/html only when the build succeeded.
STAGING = paths.BUILD / "staging"
DOCTREES = paths.BUILD / ".doctrees"


def book_digest() -> tuple[str, list[str]]:
    """Everything the HTML is built from, and the list of pages (a changed list needs a clean build)."""
    sources = [paths.ROOT / "_config.yml", paths.ROOT / "_toc.yml"]
    sources += sorted(paths.CHAPTERS.rglob("*.md")) + catalogue.outputs()
    for folder in (
        paths.ROOT / "_static",
        paths.ASSETS,
        paths.WRITTEN_PAGES_PROVENANCE.parent,
        paths.BRIEFINGS,
    ):
        sources += sorted(f for f in folder.rglob("*") if f.is_file())
    pages = [str(p.relative_to(paths.ROOT)) for p in catalogue.outputs()]
    return digest(*(str(f).encode() + f.read_bytes() for f in sources)), pages


def build_book(force: bool = False) -> str:
    """Jupyter Book 1 with execution off and warnings as errors; skipped when nothing changed.

    The site is built in a staging folder (from a copy of the published one, so Sphinx can update only
    what changed) and replaces ``_build/html`` only when the build succeeded: a failed build leaves the
    published book as it was. Returns 'unchanged', 'incremental', 'clean' or 'failed'.
    """
    digest_now, pages = book_digest()
    state = read_state(BOOK_STATE)
    built = (paths.HTML / "index.html").is_file()
    if built and not force and state.get("digest") == digest_now:
        print("Book unchanged: nothing to build.")
        return "unchanged"
    # Sphinx updates changed pages in place; a page added or removed changes every page's
    # navigation, so the site is then built from scratch.
    clean = force or not built or state.get("pages") != pages
    shutil.rmtree(STAGING, ignore_errors=True)
    staged_html, staged_doctrees = STAGING / "_build" / "html", STAGING / "_build" / ".doctrees"
    if not clean:
        shutil.copytree(paths.HTML, staged_html, symlinks=True)
        if DOCTREES.is_dir():
            shutil.copytree(DOCTREES, staged_doctrees)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [
        str(jupyter_book),
        "build",
        str(paths.ROOT),
        "--builder",
        "html",
        "--path-output",
        str(STAGING),
        "--warningiserror",
        "--keep-going",
    ]
    started = time.perf_counter()
    if subprocess.run(command, cwd=paths.ROOT).returncode != 0:
        shutil.rmtree(STAGING, ignore_errors=True)
        print(f"The site build failed (see above); the published book in {paths.HTML} is unchanged.")
        return "failed"
    publish_briefings(staged_html, pages)
    complete_index_redirect(staged_html)
    _publish(staged_html, staged_doctrees)
    print(
        f"Site built ({'clean' if clean else 'incremental'}) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    write_atomically(BOOK_STATE, json.dumps({"digest": digest_now, "pages": pages}, indent=1))
    return "clean" if clean else "incremental"


def publish_briefings(site: Path, pages: list[str]) -> int:
    """Put each area page's briefing under ``pdf/`` in the site; only the pages being published."""
    names = {Path(page).stem for page in pages}
    folder = site / "pdf"
    shutil.rmtree(folder, ignore_errors=True)
    published = 0
    for pdf in sorted(paths.BRIEFINGS.glob("*.pdf")):
        if pdf.stem in names:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pdf, folder / pdf.name)
            published += 1
    return published


#: The redirect page the table of contents extension writes as the site's index.html.
_REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)" />', re.IGNORECASE)


def complete_index_redirect(site: Path) -> None:
    """Make the site's index.html, a bare redirect to the first page, a complete HTML document.

    The bare redirect has no doctype, language or title (the Nu HTML checker reports it); the
    complete page redirects to the same address and links to it for a reader whose browser does not
    follow the redirect.
    """
    index = site / "index.html"
    found = _REDIRECT.search(index.read_text(encoding="utf-8")) if index.is_file() else None
    if found is None:
        return
    target = html.escape(found.group(1))
    title = html.escape(yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))["title"])
    index.write_text(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="Refresh" content="0; url={target}" />\n'
        f'<link rel="canonical" href="{target}">\n'
        f'</head>\n<body>\n<p><a href="{target}">Open the book: {title}</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )


def _publish(staged_html: Path, staged_doctrees: Path) -> None:
    """Swap the staged site in for the published one (two renames; the old site is then deleted)."""
    previous = paths.BUILD / "html.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if paths.HTML.exists():
        paths.HTML.rename(previous)
    staged_html.rename(paths.HTML)
    shutil.rmtree(DOCTREES, ignore_errors=True)
    if staged_doctrees.is_dir():
        staged_doctrees.rename(DOCTREES)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(STAGING, ignore_errors=True)

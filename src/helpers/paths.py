"""Every path the book uses, from the repository root, so nothing depends on the current directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Environment variable that points at the national datasets (never copied into the repository).
DATA_DIR_ENV = "SEND_BOOK_DATA_DIR"

BOOK_DATA = ROOT / "data"
MANIFEST = BOOK_DATA / "manifest.yml"
AREAS_FILE = BOOK_DATA / "areas.yml"

#: Pages: the templates papermill executes, the pages written by hand and (build outputs, git-ignored)
#: the executed pages. Which is which is declared once, in helpers.pages.catalogue.
CHAPTERS = ROOT / "chapters"

BUILD = ROOT / "_build"
HTML = BUILD / "html"
#: Static files generated for the site (vega bundle, boundaries); Sphinx copies them into _static.
ASSETS = BUILD / "assets"
#: The briefings (one PDF per area page) the executed pages hand back; the site publishes them under pdf/.
BRIEFINGS = BUILD / "briefings"
#: The provenance section the written pages (introduction, guide, accessibility statement) include; it
#: is generated at each build and kept out of ``ASSETS`` so it is not published as a file of its own.
WRITTEN_PAGES_PROVENANCE = BUILD / "written" / "provenance.md"
#: Site-relative URL of the published boundary file, which every map reads (see helpers/present/maps.py).
BOUNDARIES_URL = "_static/maps/england_utla_2024.geojson"


def data_dir() -> Path:
    """Return the national data directory: ``$SEND_BOOK_DATA_DIR`` or ``../shared/data``."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return (ROOT.parent / "shared" / "data").resolve()


#: Environment variable that points at the held full texts of sources the register cites.
SOURCES_DIR_ENV = "SEND_BOOK_SOURCES_DIR"


def sources_dir() -> Path:
    """Return the folder of held source texts: ``$SEND_BOOK_SOURCES_DIR`` or ``../shared/sources``."""
    configured = os.environ.get(SOURCES_DIR_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return (ROOT.parent / "shared" / "sources").resolve()

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

CHAPTERS = ROOT / "chapters"
AREA_TEMPLATE = CHAPTERS / "areas" / "area_profile.ipynb"
#: Executed area pages (build output, git-ignored).
PROFILES_DIR = CHAPTERS / "areas" / "profiles"
#: National pages: each template ``<name>_template.ipynb`` is executed to ``<name>.ipynb`` beside it
#: (a build output, git-ignored).
ENGLAND_TEMPLATE = CHAPTERS / "england" / "maps_template.ipynb"
ENGLAND_PAGE = CHAPTERS / "england" / "maps.ipynb"
EVIDENCE_CHAPTERS = CHAPTERS / "evidence"

BUILD = ROOT / "_build"
HTML = BUILD / "html"
#: Static files generated for the site (vega bundle, boundaries); Sphinx copies them into _static.
ASSETS = BUILD / "assets"
#: The provenance section the written pages (introduction, guide, accessibility statement) include; it
#: is generated at each build and kept out of ``ASSETS`` so it is not published as a file of its own.
WRITTEN_PAGES_PROVENANCE = BUILD / "written" / "provenance.md"
#: Site-relative URL of the published boundary file, which every map reads (see helpers/maps.py).
BOUNDARIES_URL = "_static/maps/england_utla_2024.geojson"


def data_dir() -> Path:
    """Return the national data directory: ``$SEND_BOOK_DATA_DIR`` or ``../shared/data``."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return (ROOT.parent / "shared" / "data").resolve()

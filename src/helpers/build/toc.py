"""The table of contents, ``_toc.yml``, written from the page declarations (``helpers.pages.catalogue``).

The build rewrites it whenever the declarations change, so a new page type is listed without editing it
by hand; a test checks the committed file is the one the declarations give.
"""

from __future__ import annotations

from pathlib import Path

from helpers import paths
from helpers.data.files import write_atomically
from helpers.pages import catalogue

TOC = paths.ROOT / "_toc.yml"
HEADER = """\
# Table of contents, written by the build from the page declarations in
# src/helpers/pages/catalogue.py: edit those, not this file. Area pages are the executed notebooks
# papermill writes for each area in data/areas.yml, so adding an area to the run list adds it here.
"""


def _entry(page: catalogue.PageType) -> str:
    document = str(Path(page.output_pattern).with_suffix(""))
    return f"      - glob: {document}\n" if page.per_area else f"      - file: {document}\n"


def render(page_types: tuple[catalogue.PageType, ...] | None = None) -> str:
    """The table of contents: the front page, then each part with its pages in declaration order."""
    page_types = page_types or catalogue.PAGE_TYPES
    front = next(page for page in page_types if page.part is None)
    parts: dict[str, list[catalogue.PageType]] = {}
    for page in page_types:
        if page.part is not None:
            parts.setdefault(page.part, []).append(page)
    text = HEADER + "format: jb-book\n" + f"root: {Path(front.output).with_suffix('')}\nparts:\n"
    for caption, pages in parts.items():
        text += f"  - caption: {caption}\n    chapters:\n" + "".join(_entry(page) for page in pages)
    return text


def write(file: Path | None = None) -> bool:
    """Write the table of contents if it differs from the declarations; True if it was rewritten."""
    file = file or TOC
    text = render()
    if file.is_file() and file.read_text(encoding="utf-8") == text:
        return False
    write_atomically(file, text)
    return True

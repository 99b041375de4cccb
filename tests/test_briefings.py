"""The briefing on paper for every area of the run list: at most four A4 pages, every column of the key
table, a tagged PDF (PDF/UA-1) with a title, a language and alternative text for each figure, linked from
the area's page with its size."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from helpers import paths
from helpers.data import runlist
from helpers.present import briefing, headline_views

pytestmark = pytest.mark.slow

A4 = (595.3, 841.9)  # points


def areas():
    return runlist.load()


def struct_elements(node, found=None):
    """Every structure element under a node of the tag tree, depth first."""
    found = [] if found is None else found
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
            found.append(kid)
            struct_elements(kid, found)
    return found


@pytest.mark.parametrize("area", areas(), ids=lambda a: a.slug)
def test_each_area_has_a_tagged_a4_briefing_of_at_most_four_pages(area):
    pdf = paths.HTML / "pdf" / f"{area.slug}.pdf"
    assert pdf.is_file(), f"no briefing for {area.name}"
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 4
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1
    root = reader.trailer["/Root"]
    assert reader.metadata.title == f"{briefing.BOOK_TITLE}: {area.name}"
    assert root["/Lang"].startswith("en")
    assert bool(root["/MarkInfo"]["/Marked"])
    elements = struct_elements(root["/StructTreeRoot"].get_object())
    kinds = [str(e["/S"]) for e in elements]
    assert "/Table" in kinds and "/TH" in kinds and "/H1" in kinds
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert figures and all(len(str(e.get("/Alt", ""))) > 40 for e in figures)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    # The first page: the book's title, the area, the data date and the page's address.
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert briefing.BOOK_TITLE in first and area.name in first and "National figures to" in first
    assert f"chapters/areas/profiles/{area.slug}.html" in first
    # Every column of the key table, and the participation headline with its sources.
    for column in headline_views.KEY_HEADER:
        assert column in text, column
    for column in ("Theme", "Headline", "Independent", "Families and forum", "Claimed"):
        assert column in text
    assert "Sources behind the levels" in text and "Provenance" in text and "1 of " in text


@pytest.mark.parametrize("area", areas(), ids=lambda a: a.slug)
def test_the_area_page_links_its_briefing_with_its_size(area):
    html = (paths.HTML / "chapters" / "areas" / "profiles" / f"{area.slug}.html").read_text(encoding="utf-8")
    size = (paths.HTML / "pdf" / f"{area.slug}.pdf").stat().st_size
    link = re.search(
        r'href="\.\./\.\./\.\./pdf/([a-z0-9-]+)\.pdf"[^>]*>Download this profile as a PDF, (\d+) KB', html
    )
    assert link and link.group(1) == area.slug
    assert int(link.group(2)) == max(1, round(size / 1024))


def test_a_briefing_that_breaks_pdf_ua_is_refused():
    # Typst refuses to write a PDF/UA-1 document whose figure has no alternative text.
    document = '#set document(title: "T")\n#set text(lang: "en")\n#figure(rect(width: 1cm))'
    import typst

    with pytest.raises(Exception, match="(?i)alt"):
        typst.compile(document.encode(), format="pdf", pdf_standards=briefing.PDF_STANDARDS)

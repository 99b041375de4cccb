"""The built HTML book: the pages readers open show the official figures."""

from __future__ import annotations

import re

import pytest

from helpers import paths
from helpers.data import runlist

pytestmark = pytest.mark.slow


def page_text(slug: str) -> str:
    file = paths.HTML / "chapters" / "areas" / "profiles" / f"{slug}.html"
    assert file.is_file(), f"{file} was not built: run `make book` first"
    html = file.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("slug", "value", "count", "flag"),
    [
        # DfE SEN2 2025 release, 2024: 181/215 = 84.2%, 190/567 = 33.5%, 171/1,495 = 11.4%; England 46.4%.
        ("haringey", "84.2%", "181 of 215", "Better"),
        ("somerset", "33.5%", "190 of 567", "Worse"),
        ("west-sussex", "11.4%", "171 of 1,495", "Worse"),
    ],
)
def test_area_pages_show_2024_timeliness_beside_england(slug, value, count, flag):
    text = page_text(slug)
    # The row of the spine chart's table on the first screen.
    row = re.search(
        r"New EHC plans issued within 20 weeks 2024 (\S+) (.+?) (Better|Worse|Similar) (\S+)", text
    )
    assert row, "the spine chart's row for 20-week timeliness is missing"
    assert row.groups() == (value, count, flag, "46.4%")


def test_every_area_page_is_titled_by_its_area_and_listed_in_the_contents():
    index = (paths.HTML / "chapters" / "intro.html").read_text(encoding="utf-8")
    for area in runlist.load():
        html = (paths.HTML / "chapters" / "areas" / "profiles" / f"{area.slug}.html").read_text(
            encoding="utf-8"
        )
        assert re.search(rf"<title>{re.escape(area.name)}\b", html)
        assert f"profiles/{area.slug}.html" in index


def test_pages_load_vega_from_the_site_itself():
    html = (paths.HTML / "chapters" / "areas" / "profiles" / "haringey.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[./]*_static/vega/vega-bundle\.js', html)
    assert (paths.HTML / "_static" / "vega" / "vega-bundle.js").stat().st_size > 100_000
    assert (paths.HTML / "_static" / "maps" / "england_utla_2024.geojson").is_file()


OUTSIDE_REFERENCE = re.compile(
    r"<(?:script|img|source|iframe)\b[^>]*\bsrc=\"(?:https?:)?//"
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|icon|modulepreload)\")[^>]*\bhref=\"(?:https?:)?//"
    r"|\"url\":\"(?:https?:)?//"
)
CSS_OUTSIDE_REFERENCE = re.compile(r"url\(\s*[\"']?(?:https?:)?//|@import\s+[\"'](?:https?:)?//")


def test_no_file_of_the_site_loads_a_script_style_or_data_from_another_host():
    offending = []
    for page in paths.HTML.rglob("*.html"):
        offending += [
            f"{page}: {m.group(0)}" for m in OUTSIDE_REFERENCE.finditer(page.read_text(encoding="utf-8"))
        ]
    for sheet in paths.HTML.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        offending += [f"{sheet}: {m.group(0)}" for m in CSS_OUTSIDE_REFERENCE.finditer(text)]
    assert offending == []


def test_the_outside_reference_check_can_fail():
    assert OUTSIDE_REFERENCE.search('<script src="https://cdn.example/vega.js"></script>')
    assert OUTSIDE_REFERENCE.search('<link rel="stylesheet" href="//fonts.example/a.css">')
    assert not OUTSIDE_REFERENCE.search('<a href="https://www.gov.uk/">a citation</a>')
    assert CSS_OUTSIDE_REFERENCE.search("@import 'https://fonts.example/a.css';")


def test_area_pages_are_within_the_page_weight_budget():
    from helpers.build.pageweight import AREA_PAGE_BUDGET, site_weight

    weight = site_weight(paths.HTML)
    area_pages = weight.pages[weight.pages["page"].str.startswith("chapters/areas/profiles/")]
    assert len(area_pages) == len(runlist.load())
    assert (area_pages["page_weight"] < AREA_PAGE_BUDGET).all()
    # The boundaries and the chart library are shared files, not part of any one page.
    shared = set(weight.shared_assets["asset"])
    assert {"_static/maps/england_utla_2024.geojson", "_static/vega/vega-bundle.js"} <= shared


@pytest.mark.parametrize("slug", ["haringey", "somerset", "west-sussex"])
def test_area_pages_show_the_participation_sections(slug):
    text = page_text(slug)
    for heading in [
        "What the inspectors found about working with families",
        "Participation by theme and perspective",
        "Gaps in the evidence",
        "Timeline of the evidence",
        "Recommendations and follow-through",
        "The register’s evidence, item by item",
    ]:
        assert heading in text
    assert "The book holds" in text and "by whose account they are" in text
    for perspective in ("Independent", "Families and forum", "Claimed"):
        assert perspective in text


def test_haringey_page_shows_the_facts_readers_check_first():
    text = page_text("haringey")
    for fact in [
        "63% did not feel at all involved",
        "89 parent carers",
        "25 professionals",
        "Haringey Involve",
        "Typically positive",
    ]:
        assert fact in text, fact


def test_evidence_chapters_are_built_and_the_register_is_filterable():
    register = (paths.HTML / "chapters" / "evidence" / "register.html").read_text(encoding="utf-8")
    assert 'id="register-table"' in register and 'data-filter="theme"' in register
    assert register.count('data-area="haringey"') >= 15
    bibliography = (paths.HTML / "chapters" / "evidence" / "bibliography.html").read_text(encoding="utf-8")
    assert 'id="haringey-amaze-2020-participation-review-executive-summary"' in bibliography
    assert (paths.HTML / "chapters" / "evidence" / "framework.html").is_file()

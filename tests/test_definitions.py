"""The indicator definitions page: every indicator defined, anchored by its id, linked from other pages,
with its source, polarity, benchmarks, small-numbers rule and caveats."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import paths
from helpers.pages import catalogue
from helpers.present import definitions_views
from helpers.present.definitions_views import definition_link
from helpers.stats.indicators import INDICATORS

PAGE = catalogue.get("indicator-definitions")


def rows(indicator_id: str) -> dict:
    frame = definitions_views.definition_frame(indicator_id)
    return dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True))


def test_the_page_is_declared_where_the_links_point():
    assert PAGE.output == definitions_views.DEFINITIONS_PAGE
    assert PAGE.template == "chapters/indicators/definitions_template.ipynb"
    assert PAGE.part == "About this book" and not PAGE.per_area and PAGE.parameters == ()


def test_every_indicator_is_defined_and_nothing_else():
    assert list(definitions_views.DEFINITIONS) == list(INDICATORS)


def test_the_template_anchors_each_indicator_by_its_id_above_its_heading():
    notebook = nbformat.read(PAGE.template_path, as_version=4)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    anchored = re.findall(r'<div id="([a-z0-9_-]+)"></div>\s+## (.+)', markdown)
    expected = [(anchor, heading) for anchor, heading in definitions_views.SECTION_ANCHORS.items()]
    expected += [(indicator.id, indicator.title) for indicator in INDICATORS.values()]
    assert anchored == expected
    calls = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert [f'page.definition("{i}")' for i in INDICATORS] == [c for c in calls if "definition(" in c]


@pytest.mark.parametrize(
    "anchor, page, expected",
    [
        (
            "plans_20_weeks",
            "chapters/areas/profiles/haringey.ipynb",
            "../../indicators/definitions.html#plans_20_weeks",
        ),
        (
            "requests_refused",
            "chapters/compare/compare.html",
            "../indicators/definitions.html#requests_refused",
        ),
        ("ehcp_per_1000", "chapters/england/maps.ipynb", "../indicators/definitions.html#ehcp_per_1000"),
        ("small-numbers", "chapters/intro.md", "indicators/definitions.html#small-numbers"),
        ("benchmarks", "chapters/indicators/definitions.ipynb", "definitions.html#benchmarks"),
    ],
)
def test_a_link_to_a_definition_is_relative_to_the_linking_page(anchor, page, expected):
    assert definition_link(anchor, page) == expected


def test_a_link_to_an_unknown_indicator_or_from_outside_the_book_is_refused():
    with pytest.raises(KeyError, match="plans_20_week'.*plans_20_weeks"):
        definition_link("plans_20_week", "chapters/intro.md")
    with pytest.raises(ValueError, match="under chapters/"):
        definition_link("plans_20_weeks", "/tmp/page.html")
    with pytest.raises(ValueError, match="under chapters/"):
        definition_link("plans_20_weeks", "index.html")


def test_each_definition_has_every_part_a_reader_looks_for():
    parts = {
        "Definition",
        "Numerator",
        "Denominator",
        "Source",
        "Release",
        "Licence",
        "Polarity",
        "Region benchmark",
        "Neighbours benchmark",
        "Small numbers",
        "Known caveats",
    }
    for indicator_id in INDICATORS:
        found = rows(indicator_id)
        assert parts <= set(found), indicator_id
        assert all(found[part] for part in parts), indicator_id


def test_the_20_week_definition_gives_its_source_polarity_and_the_areas_not_compared():
    found = rows("plans_20_weeks")
    [source] = found["Source"]
    assert source.url == (
        "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans/2025"
    )
    assert found["Release"] == ["Reporting year 2025 release; calendar years 2019-2024"]
    assert found["Licence"] == ["Open Government Licence v3.0"]
    assert found["Polarity"].startswith("Higher is better")
    assert found["Years in the book"] == "2019 to 2024"
    # DfE's 2024 timeliness file: Isle of Wight issued 2 of 7 plans within 20 weeks and Isles of Scilly
    # 1 of 1 (fewer than 10 cases); Dorset and City of London classed every plan as an exception (0 of 0).
    small = found["Small numbers"]
    assert "fewer than 10 cases: Isle of Wight, 2 of 7; Isles of Scilly, 1 of 1" in small
    assert "no cases (0 of 0): City of London, 0 of 0; Dorset, 0 of 0" in small
    assert any("Dorset and City of London" in caveat for caveat in found["Known caveats"])


def test_the_refusals_definition_names_the_unconfirmed_zeros_and_the_small_areas():
    small = rows("requests_refused")["Small numbers"]
    # DfE's 2024 requests file: Milton Keynes refused 0 of 846 (252 with no decision made) and Waltham
    # Forest 0 of 796 (284); City of London refused 0 of 5 and Isles of Scilly 1 of 2.
    assert "not yet confirmed: Milton Keynes, 0 of 846; Waltham Forest, 0 of 796" in small
    assert "fewer than 10 cases: City of London, 0 of 5; Isles of Scilly, 1 of 2" in small


def test_percentages_without_counts_are_not_compared_and_have_no_interval():
    found = rows("ehcp_pupils_pct")
    assert found["Interval"].startswith("None")
    assert found["Small numbers"].startswith("Does not apply")
    assert found["Polarity"].startswith("No direction declared")


def test_the_rules_state_the_threshold_the_benchmarks_and_the_one_declared_direction():
    assert "fewer than 10 cases" in definitions_views.small_numbers_rule().data
    comparison = definitions_views.comparison_rules().data
    assert "95% Wilson score interval" in comparison
    assert "only New EHC plans issued within 20 weeks declares one" in comparison
    benchmarks = definitions_views.benchmark_rules().data
    assert "plain (unweighted) mean" in benchmarks
    assert "10 statistical neighbours (DfE, May 2025 list)" in benchmarks
    assert "pooled rate" in benchmarks


@pytest.mark.slow
def test_the_built_page_anchors_every_indicator_and_is_in_the_contents():
    built = paths.HTML / "chapters" / "indicators" / "definitions.html"
    page = built.read_text(encoding="utf-8")
    for indicator in INDICATORS.values():
        anchor = page.index(f'id="{indicator.id}"')
        heading = page.index("<h2>", anchor)
        assert indicator.title in page[heading : page.index("</h2>", heading)]
    intro = (paths.HTML / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert 'href="indicators/definitions.html"' in intro

"""The comparison chapter for two and for four areas: computed from the run list, not written for three."""

from __future__ import annotations

import nbformat
import papermill
import pytest

from helpers import paths
from helpers.pages import comparison
from helpers.present.figures import chart_spec

TWO = ["E09000014", "E06000066"]
FOUR = ["E09000014", "E06000066", "E10000032", "E10000034"]


def test_the_comparison_needs_two_areas():
    with pytest.raises(ValueError, match="at least two areas"):
        comparison.load(["E09000014"])


@pytest.mark.parametrize("codes", [TWO, FOUR])
def test_tables_and_charts_cover_every_area(codes):
    compare = comparison.load(codes)
    names = [area.name for area in compare.compared]
    facets = chart_spec(compare.small_multiples("plans_20_weeks").chart)
    assert facets["facet"]["sort"] == names
    participation = compare.participation_table().data
    assert all(name in participation for name in names)
    assert compare.coverage_table().data.count("<tr>") == len(codes) + 1  # header row and one per area


def test_the_narrative_is_computed_from_the_figures():
    text = comparison.load(FOUR).narrative().data
    # 2024 timeliness, DfE SEN2 2025 release: Haringey 181/215 = 84.2%, Worcestershire 515/1,377 = 37.4%,
    # Somerset 190/567 = 33.5%, West Sussex 171/1,495 = 11.4%; England 46.4%.
    assert (
        "Haringey 84.2% (better than England); Worcestershire 37.4% (worse than England); Somerset 33.5% "
        "(worse than England); West Sussex 11.4% (worse than England)"
    ) in text
    # Participation is compared on independent evidence, not on counts of documents.
    assert "never by how many documents happen to be coded" in text
    assert "**Somerset**: " in text and "(no report under the 2023 framework in the book's data)" in text
    assert "**Worcestershire**: " in text and "(its inspection report of 2024)" in text


@pytest.mark.slow
@pytest.mark.parametrize("codes", [TWO, FOUR])
def test_the_chapter_runs_for_two_and_four_areas(tmp_path, codes):
    output = tmp_path / "compare.ipynb"
    papermill.execute_notebook(
        str(paths.CHAPTERS / "compare" / "compare_template.ipynb"),
        str(output),
        parameters={"area_codes": codes},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(paths.ROOT),
    )
    notebook = nbformat.read(output, as_version=4)
    html = "\n".join(
        str(out.get("data", {}).get("text/html", "")) + str(out.get("data", {}).get("text/markdown", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    # The spine chart, the map and four sets of small multiples.
    assert html.count('<figure class="book-figure"') == 6
    for code in codes:
        assert code in html

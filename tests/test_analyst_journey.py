"""The analyst's journey end to end: in a copy of the book, one command adds an area not yet in it.

The new page is checked against the official tables read directly here, not through the book's code.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import paths

pytestmark = pytest.mark.slow


def text_of(file):
    html = file.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def official_timeliness_2024(la_number):
    table = pd.read_csv(paths.data_dir() / "sen2_ehcp/2025/data/timeliness_20_week.csv.gz", dtype=str)
    row = table[
        (table["time_period"] == "2024")
        & (table["old_la_code"] == str(la_number))
        & (table["breakdown_topic"] == "All EHC plans issued")
    ].iloc[0]
    return (
        int(row["plans_issued_20_weeks_ex"]),
        int(row["plans_issued_den_ex"]),
        row["PC_plans_issued_20_weeks_ex"],
    )


def test_the_new_page_shows_the_official_figures(book_with_worcestershire):
    page = text_of(book_with_worcestershire / "_build/html/chapters/areas/profiles/worcestershire.html")
    within, issued, published = official_timeliness_2024(885)
    # The spine chart's table on the first screen: value, count, comparison and England.
    row = re.search(
        r"New EHC plans issued within 20 weeks 2024 (\S+) (.+?) (Better|Worse|Similar) 46\.4%", page
    )
    assert row and row.group(1) == f"{published}%" and row.group(2) == f"{within:,} of {issued:,}"
    appeals = pd.read_csv(
        paths.data_dir() / "tribunals/send_tribunal_appeal_rate_by_la_2014_2024_raw.csv",
        dtype=str,
        header=None,
        keep_default_na=False,
    )
    row = appeals[appeals[0].str.strip() == "Worcestershire"].iloc[0]
    # Each row ends with 2024's published appeals, decisions and rate, then the "in development"
    # 2024 decisions and rate: for Worcestershire 139, "7,386", 1.90%, "4,263", 3.30%.
    appealed, decisions = int(row.iloc[-5].replace(",", "")), int(row.iloc[-4].replace(",", ""))
    assert f"{appealed:,} of {decisions:,}" in page


def test_the_new_page_has_its_map_neighbours_and_its_inspection_findings(book_with_worcestershire):
    page = text_of(book_with_worcestershire / "_build/html/chapters/areas/profiles/worcestershire.html")
    neighbours = pd.read_csv(paths.data_dir() / "statistical_neighbours/dfe_sn_may_2025_long.csv")
    for name in neighbours.loc[neighbours["la_number"] == 885, "sn_la_name"]:
        assert name in page
    assert "Where Worcestershire is, and its statistical neighbours" in page
    # No register items of its own yet, but its inspection report (15 July 2024) is coded.
    assert "What the inspectors found about working with families" in page
    assert "Families in Partnership" in page and "15 July 2024" in page
    assert "holds no items for Worcestershire beyond its inspection report" in page


def test_the_new_area_joins_the_contents_comparison_and_run_list(book_with_worcestershire):
    html = book_with_worcestershire / "_build/html"
    assert "profiles/worcestershire.html" in (html / "chapters/intro.html").read_text(encoding="utf-8")
    assert "Worcestershire" in text_of(html / "chapters/compare/compare.html")
    assert "code: E10000034" in (book_with_worcestershire / "data/areas.yml").read_text(encoding="utf-8")
    assert (book_with_worcestershire / "data/evidence/worcestershire.yml").is_file()

"""The book's evidence register: coverage, and the facts a reader checks first (from FACTS.md)."""

from __future__ import annotations

import pytest

from helpers.evidence import evidence_base, participation
from helpers.evidence import register as evidence
from helpers.evidence.register import Figure
from helpers.present import evidence_views


@pytest.fixture(scope="module")
def register():
    return evidence.load_register()


def items(register, area):
    return evidence.for_area(register, area)


@pytest.mark.parametrize(
    ("area", "minimum"), [("haringey", 15), ("somerset", 15), ("west-sussex", 15), ("national", 10)]
)
def test_each_area_has_enough_items(register, area, minimum):
    assert len(items(register, area)) >= minimum


def test_amaze_review_figures(register):
    amaze = [
        c
        for c in items(register, "haringey")
        if c.item.source.startswith("haringey-amaze-2020") and c.item.figures
    ]
    figures = {(f.value, f.unit) for c in amaze for f in c.item.figures}
    assert {(89, "parent carers"), (25, "professionals"), (63, "%")} <= figures
    assert all(c.item.date.startswith("2020-07") for c in amaze)


def test_haringey_involve_decommissioned_in_2019(register):
    assert any(
        "Haringey Involve" in c.item.finding and c.item.date.startswith("2019")
        for c in items(register, "haringey")
    )


@pytest.mark.parametrize(
    ("area", "date", "words"),
    [
        ("haringey", "2021-07", "written statement of action"),
        ("haringey", "2024", "typically positive"),
        ("somerset", "2020-03", "written statement of action"),
        ("somerset", "2022-11", "revisit"),
        ("west-sussex", "2023-11", "inconsistent"),
    ],
)
def test_inspections_are_recorded(register, area, date, words):
    found = [
        c
        for c in items(register, area)
        if c.item.date.startswith(date) and words in (c.item.finding + " " + (c.item.event or "")).lower()
    ]
    assert found, f"no {area} item dated {date} mentions {words!r}"


@pytest.mark.parametrize("area", ["haringey", "somerset", "west-sussex"])
def test_recommendations_have_follow_through(register, area):
    rows = participation.follow_through(items(register, area))
    assert rows and any(row.later for row in rows)


def test_second_hand_reports_are_never_graded_above_limited(register):
    assert all(c.item.strength in ("limited", "weak") for c in register if c.item.second_hand)


def test_every_item_links_somewhere():
    everything = evidence_base.load()
    view = evidence_views.RegisterView(everything, bibliography_page="bibliography.html")
    for coded in everything.items:
        link = view.source_link(coded)
        assert link.url.startswith("https://") or link.url == f"bibliography.html#{coded.item.source}"
        if coded.item.aspect:  # a report's finding links to its page of the report
            assert link.url.endswith(f"#page={coded.item.page}")


@pytest.mark.parametrize(
    ("figure", "shown"),
    [
        (
            Figure(value=63, unit="%", measure="did not feel at all involved", base="survey respondents"),
            "63% did not feel at all involved (survey respondents)",
        ),
        (
            Figure(value=3, unit="areas", measure="areas of significant weakness"),
            "3 areas of significant weakness",
        ),
        (Figure(value=20, unit="£ million", measure="capital"), "£20 million capital"),
        (Figure(value=1500, unit="parents", measure="answered"), "1,500 parents answered"),
        (Figure(value=80, unit="%", measure="ranked it first", qualifier="over"), "over 80% ranked it first"),
        (
            Figure(value=100, unit="responses", measure="to the consultation", qualifier="nearly"),
            "nearly 100 responses to the consultation",
        ),
    ],
)
def test_figures_read_naturally(figure, shown):
    assert evidence_views.figure_text(figure) == shown

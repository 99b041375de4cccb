"""The participation profile is derived from coded items by rule; expected results worked by hand."""

from __future__ import annotations

from pathlib import Path

from helpers.evidence import participation
from helpers.evidence import register as evidence
from helpers.evidence.register import CodedItem, Item

SOURCE = "haringey-amaze-2020-participation-review-executive-summary"


def coded(number, date, ladder, strength, themes=("relationships-trust",), **extra):
    item = Item(
        id=f"haringey-{number:03d}",
        source=SOURCE,
        date=date,
        kind="review",
        ladder=ladder,
        finding="A finding long enough to pass the schema.",
        themes=list(themes),
        strength=strength,
        **extra,
    )
    return CodedItem(item, "haringey", Path("haringey.yml"), number)


def test_latest_year_of_moderate_or_strong_evidence_sets_the_level():
    items = [
        coded(1, "2019", "informing", "strong"),
        coded(2, "2025-03", "co-design", "moderate"),
        coded(3, "2025-06", "consultation", "strong"),  # same year, lower: the cautious level wins
        coded(4, "2026", "co-production", "weak"),  # weak evidence cannot set the level
    ]
    result = participation.theme_profile(items, "relationships-trust")
    assert (result.level, result.basis, result.year) == ("consultation", participation.SUPPORTED, 2025)
    assert [c.item.id for c in result.behind] == ["haringey-003"]
    assert not result.is_gap


def test_only_weak_evidence_gives_an_indicative_level_and_a_gap():
    items = [coded(1, "2021", "informing", "limited"), coded(2, "2022", "engagement", "weak")]
    result = participation.theme_profile(items, "relationships-trust")
    assert (result.level, result.basis, result.year) == ("engagement", participation.INDICATIVE, 2022)
    assert result.is_gap


def test_themes_without_items_or_levels():
    items = [coded(1, "2021", None, "strong", themes=("training-capacity",))]
    profiles = {p.theme: p for p in participation.profile(items)}
    assert profiles["training-capacity"].basis == participation.NO_LEVEL
    assert not profiles["training-capacity"].is_gap  # strong evidence exists, it just shows no level
    assert profiles["inclusion-reach"].basis == participation.NO_EVIDENCE
    assert [p.theme for p in participation.gaps(list(profiles.values()))] == [
        "structures-governance",
        "communication-information",
        "relationships-trust",
        "inclusion-reach",
        "follow-through-impact",
    ]


def test_follow_through_takes_the_latest_report():
    made = coded(
        1,
        "2020-07",
        "informing",
        "strong",
        recommendations=[
            evidence.Recommendation(id="R1", text="Set up a new forum."),
            evidence.Recommendation(id="R2", text="Train staff with parents."),
        ],
    )
    early = coded(
        2,
        "2022-03",
        None,
        "limited",
        follow_through=[
            evidence.FollowThrough(recommendation="haringey-001/R1", status="not done", note="No forum yet.")
        ],
    )
    late = coded(
        3,
        "2025-03",
        None,
        "moderate",
        follow_through=[
            evidence.FollowThrough(
                recommendation="haringey-001/R1", status="done", note="A forum works with the council."
            )
        ],
    )
    rows = participation.follow_through([made, late, early])
    assert [(r.recommendation.id, r.status) for r in rows] == [("R1", "done"), ("R2", "no later evidence")]
    assert [c.item.id for c, _ in rows[0].later] == ["haringey-002", "haringey-003"]


def test_timeline_is_ordered_and_counts_strength():
    items = [coded(2, "2025", "co-design", "moderate"), coded(1, "2019-04-26", "informing", "weak")]
    frame = participation.timeline(items)
    assert frame["id"].tolist() == ["haringey-001", "haringey-002"]
    assert participation.strength_counts(items) == {"strong": 0, "moderate": 1, "limited": 0, "weak": 1}


def test_earlier_levels_show_the_trajectory_and_own_accounts_are_flagged():
    items = [
        coded(1, "2019-04", "consultation", "moderate"),
        coded(2, "2019-07", "informing", "strong"),
        coded(3, "2020-07", "informing", "weak"),  # too weak to count
        coded(4, "2025-03", "co-design", "moderate"),
    ]
    result = participation.theme_profile(items, "relationships-trust")
    assert result.earlier_levels() == [(2019, "informing")]
    assert result.level == "co-design" and result.only_moderate


def test_short_labels_cut_at_a_word():
    assert participation.short_label("A short finding. More text.") == "A short finding"
    label = participation.short_label("word " * 40)
    assert label.endswith("…") and len(label) <= 90 and not label[:-1].endswith(" ")

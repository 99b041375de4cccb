"""The participation rules, each on a tiny register worked by hand.

Ladder ranks: coercion 1, educating 2, informing 3, consultation 4, engagement 5, co-design 6,
co-production 7. The reference date (newest data in the book) is 1 March 2025 unless a test says
otherwise, so evidence from 1 March 2022 on is recent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers.evidence import participation
from helpers.evidence.register import CodedItem, FollowThrough, Item, Recommendation

SOURCE = "haringey-amaze-2020-participation-review-executive-summary"
REFERENCE = date(2025, 3, 1)
THEME = "relationships-trust"

KINDS = {"independent": "inspection", "families": "campaign", "claimed": "statement"}


def coded(number, when, ladder, perspective, strength="moderate", themes=(THEME,), **extra):
    extra.setdefault("kind", KINDS[perspective])
    item = Item(
        id=f"haringey-{number:03d}",
        source=SOURCE,
        date=when,
        ladder=ladder,
        finding="A finding long enough to pass the schema.",
        themes=list(themes),
        strength=strength,
        perspective=perspective,
        **extra,
    )
    return CodedItem(item, "haringey", Path("haringey.yml"), number)


def profile(items, reference=REFERENCE, held=frozenset()):
    return participation.theme_profile(items, THEME, reference, held_reports=held)


def test_each_perspective_gets_its_own_level():
    items = [
        coded(1, "2024-04", "engagement", "independent", "strong"),
        coded(2, "2024-06", "consultation", "families"),
        coded(3, "2024-09", "engagement", "claimed"),
    ]
    result = profile(items)
    assert {p: result.levels[p].level for p in participation.PERSPECTIVES} == {
        "independent": "engagement",
        "families": "consultation",
        "claimed": "engagement",
    }


def test_level_is_the_lower_middle_rung_of_the_latest_years_items_of_moderate_strength_or_more():
    items = [
        coded(1, "2019", "informing", "independent", "strong"),  # an earlier year: not counted
        coded(2, "2024-01", "co-production", "independent", "strong"),
        coded(3, "2024-02", "engagement", "independent", "strong"),
        coded(4, "2024-03", "consultation", "independent", "strong"),
        coded(5, "2024-04", "co-design", "independent", "strong"),
        coded(6, "2024-05", "coercion", "independent", "weak"),  # too weak to count
    ]
    # 2024's rungs in order: consultation 4, engagement 5, co-design 6, co-production 7; four of them,
    # so the lower of the two middle ones: engagement.
    level = profile(items).levels["independent"]
    assert (level.level, level.year) == ("engagement", 2024)
    assert [c.item.id for c in level.behind] == ["haringey-003"]


def test_second_hand_accounts_of_an_inspection_count_as_independent_and_say_so():
    items = [coded(1, "2024-04", "engagement", "independent", "limited", second_hand=True, kind="news")]
    result = profile(items)
    assert result.headline == "engagement"
    assert result.levels["independent"].second_hand_only


def test_headline_is_the_recent_independent_level():
    items = [
        coded(1, "2022-03", "consultation", "independent", "strong"),  # 1 March 2022 or later: recent
        coded(2, "2024-05", "co-design", "claimed"),
    ]
    assert profile(items).headline == "consultation"


def test_old_independent_evidence_leaves_the_theme_unverified_with_the_claim_beside_it():
    items = [
        coded(1, "2022-02", "consultation", "independent", "strong"),  # before 1 March 2022: too old
        coded(2, "2024-05", "engagement", "claimed"),
    ]
    result = profile(items)
    assert result.headline == participation.UNVERIFIED
    assert result.level("claimed") == "engagement"
    assert result.levels["independent"].level == "consultation"  # still shown, not the headline


def test_a_claim_alone_goes_no_higher_than_engagement():
    items = [coded(1, "2024-05", "co-production", "claimed")]
    result = profile(items)
    assert result.capped
    assert result.level("claimed") == "engagement"
    assert result.levels["claimed"].level == "co-production"  # the claim itself is kept and shown


def test_recent_families_evidence_of_co_design_lets_the_claim_stand():
    items = [
        coded(1, "2024-05", "co-production", "claimed"),
        coded(2, "2023-01", "co-design", "families"),
    ]
    result = profile(items)
    assert not result.capped and result.level("claimed") == "co-production"


def test_old_corroboration_does_not_lift_the_cap():
    items = [
        coded(1, "2024-05", "co-production", "claimed"),
        coded(2, "2021-12", "co-production", "independent", "strong"),  # more than three years old
    ]
    assert profile(items).capped


def test_perspectives_two_rungs_apart_are_contested():
    apart = [
        coded(1, "2024-04", "consultation", "independent", "strong"),  # 4
        coded(2, "2024-06", "co-design", "families"),  # 6
    ]
    close = [
        coded(1, "2024-04", "consultation", "independent", "strong"),  # 4
        coded(2, "2024-06", "engagement", "families"),  # 5
    ]
    assert profile(apart).contested
    assert not profile(close).contested
    # A families' level from 2019, before the recent window, against a 2024 inspection is change over
    # time, not a dispute.
    old = [
        coded(1, "2024-04", "consultation", "independent", "strong"),  # 4
        coded(2, "2019-06", "co-design", "families"),  # 6, but older than 1 March 2022
    ]
    assert not profile(old).contested


def test_one_event_counts_once():
    items = [
        coded(1, "2025-03", "consultation", "claimed"),
        coded(2, "2025-03", "co-design", "claimed", same_event_as="haringey-001"),
        coded(3, "2025-03", "co-design", "claimed", same_event_as="haringey-001"),
    ]
    # Counted three times, the middle of consultation, co-design, co-design would be co-design.
    assert profile(items).levels["claimed"].level == "consultation"


def test_a_retelling_of_a_held_inspection_report_does_not_count_beside_it():
    retelling = coded(
        2,
        "2024-04",
        "co-production",
        "independent",
        "limited",
        second_hand=True,
        kind="news",
        same_event_as="E09000014_haringey_2024-04-03",
    )
    report = coded(1, "2024-04", "consultation", "independent", "strong")
    held = frozenset({"E09000014_haringey_2024-04-03"})
    assert profile([report, retelling], held=held).headline == "consultation"
    # Without the report in the book, the re-telling is the only account and counts.
    assert profile([retelling]).headline == "co-production"


def test_charters_strategies_and_pledges_are_commitments_with_no_rung():
    items = [
        coded(1, "2025-03", "co-production", "claimed", kind="charter"),
        coded(2, "2025-03", "co-design", "claimed", kind="strategy"),
        coded(3, "2025-03", "co-design", "claimed", commitment=True),
    ]
    result = profile(items)
    assert result.levels["claimed"].level is None
    assert result.headline == participation.NO_LEVEL
    assert [c.item.id for c in result.commitments] == ["haringey-001", "haringey-002", "haringey-003"]


def test_themes_with_only_limited_or_weak_evidence_are_gaps():
    weak = coded(1, "2021", "informing", "families", "weak")
    assert participation.theme_profile([weak], THEME, REFERENCE).is_gap
    strong = coded(2, "2021", None, "independent", "strong")
    assert not participation.theme_profile([strong], THEME, REFERENCE).is_gap


def _recommendation_and_reports(*reports):
    made = coded(
        1,
        "2020-07",
        None,
        "independent",
        "strong",
        recommendations=[Recommendation(id="R1", text="Set up a forum.")],
    )
    later = [
        coded(
            number,
            when,
            None,
            "claimed",
            strength,
            follow_through=[FollowThrough(recommendation="haringey-001/R1", status=status, note="A note.")],
        )
        for number, (when, strength, status) in enumerate(reports, start=2)
    ]
    return participation.follow_through([made, *later])


def test_follow_through_status_comes_from_the_latest_report_of_moderate_strength_or_more():
    rows = _recommendation_and_reports(
        ("2021", "moderate", "not done"),
        ("2023", "strong", "partly done"),
        ("2024", "weak", "done"),  # a weak blog cannot mark it done
    )
    assert rows[0].status == "partly done"


def test_follow_through_reported_only_by_weak_items_is_unconfirmed():
    rows = _recommendation_and_reports(("2022", "weak", "not done"), ("2023", "limited", "done"))
    assert rows[0].status == participation.UNCONFIRMED
    assert _recommendation_and_reports()[0].status == participation.NO_LATER_EVIDENCE


def test_middle_rung_and_the_recent_window():
    assert participation.recent_since(date(2025, 3, 11)) == date(2022, 3, 11)
    assert participation.recent_since(date(2024, 2, 29)) == date(2021, 2, 28)


def test_timeline_is_ordered_with_whose_account():
    items = [coded(2, "2022", "informing", "families"), coded(1, "2020-07-15", "consultation", "claimed")]
    frame = participation.timeline(items)
    assert list(frame["id"]) == ["haringey-001", "haringey-002"]
    assert list(frame["perspective"]) == ["claimed", "families"]
    assert list(frame["precision"]) == ["day", "year"]

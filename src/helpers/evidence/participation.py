"""What the coded evidence says about an area's participation: derived by rule, never typed in.

The rules are stated once, in ``RULES`` below, beside the functions that apply them; the framework
chapter and the area pages render that wording rather than restating it.

Each theme is read from three perspectives (whose account the evidence is): *claimed* (the council or
partnership about itself), *families and forum*, and *independent* (inspections, government letters,
commissioned independent reviews). The headline is the independent level when it is recent enough;
a claim alone never lifts a theme above engagement; perspectives far apart make a theme contested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.evidence import register
from helpers.evidence.register import CodedItem

#: Whose account an item is, in the order the book shows them.
PERSPECTIVES = {
    "independent": "Independent",
    "families": "Families and forum",
    "claimed": "Claimed",
}
PERSPECTIVE_MEANINGS = {
    "independent": "inspections, letters from the DfE or NHS England, and commissioned independent reviews; "
    "a second-hand account of an inspection stays independent and is flagged second-hand",
    "families": "the parent carer forum's statements, parent surveys, complaints and campaigns",
    "claimed": "the council or partnership about itself: its pages, press releases, minutes and reports",
}
#: Evidence older than this many years before the newest evidence in the book cannot set a headline or
#: corroborate a claim.
RECENT_YEARS = 3
#: The highest rung a claim reaches without corroboration.
CLAIM_CEILING = "engagement"
#: Perspectives this many rungs apart (or more) make a theme contested.
CONTESTED_GAP = 2
#: Strength grades that can support a level or a follow-through status.
SUPPORTING = ("strong", "moderate")

RULES = {
    "perspectives": (
        "Three perspectives",
        "every item is one of three accounts: claimed ("
        + PERSPECTIVE_MEANINGS["claimed"]
        + "); families and forum ("
        + PERSPECTIVE_MEANINGS["families"]
        + "); independent ("
        + PERSPECTIVE_MEANINGS["independent"]
        + "). Each theme gets a level from each perspective separately.",
    ),
    "one_event": (
        "One event counts once",
        "when several documents report the same event, the later re-tellings are shown but only the first "
        "account counts; an inspection reported in the news counts as the inspection report itself when the "
        "book holds it.",
    ),
    "commitments": (
        "Commitments",
        "charters, strategies and pledges say what an organisation means to do: they are listed as "
        "commitments and give no rung until other evidence shows the practice.",
    ),
    "level": (
        "Level within a perspective",
        "among the perspective's items on the theme that show a rung and are of at least moderate strength "
        "(for the independent perspective, second-hand accounts of an inspection count too), the items from "
        "the most recent year set the level: the middle of their rungs in order up the ladder (the lower of "
        "the "
        "two middle ones when their number is even).",
    ),
    "ceiling": (
        "A claim alone",
        f"a claimed level above {CLAIM_CEILING} is shown as {CLAIM_CEILING} unless independent or families' "
        f"evidence from the same {RECENT_YEARS} years shows co-design or co-production on the theme.",
    ),
    "headline": (
        "Headline",
        f"the independent level, when its evidence is at most {RECENT_YEARS} years older than the newest "
        "data "
        "in the book (the newest inspection report it holds); otherwise the theme is unverified, and the "
        "claimed level is shown beside it.",
    ),
    "contested": (
        "Contested",
        f"when two perspectives' levels from the same {RECENT_YEARS} years are {CONTESTED_GAP} or more rungs "
        "apart, the theme is contested and both are shown.",
    ),
    "gaps": ("Gaps", "themes with no evidence, or only limited or weak evidence."),
    "follow_through": (
        "Follow-through",
        "recommendations and areas for improvement recorded by reviews and inspections, with every later "
        "item that reports on them; the latest report of at least moderate strength sets the status (done, "
        "partly done, not done, unclear); where only weaker items report on it, the status is unconfirmed.",
    ),
}

UNVERIFIED = "unverified"
NO_LEVEL = "no level"
UNCONFIRMED = "unconfirmed"
NO_LATER_EVIDENCE = "no later evidence"


def newest_evidence(items: list[CodedItem]) -> date | None:
    """The date of the newest item: the point from which 'recent' is measured."""
    return max((c.item.when for c in items), default=None)


def recent_since(reference: date | None) -> date | None:
    """The earliest date still recent: RECENT_YEARS before the reference date."""
    if reference is None:
        return None
    try:
        return reference.replace(year=reference.year - RECENT_YEARS)
    except ValueError:  # 29 February
        return reference.replace(year=reference.year - RECENT_YEARS, day=28)


def counted(items: list[CodedItem], held_reports: frozenset[str] = frozenset()) -> list[CodedItem]:
    """The items that count: re-tellings of an event whose first account is present are left out.

    ``held_reports`` are the file stems of the inspection reports whose findings are coded.
    """
    present = {c.item.id for c in items} | set(held_reports)
    return [c for c in items if not (c.item.same_event_as and c.item.same_event_as in present)]


def supports_level(coded: CodedItem) -> bool:
    """Whether an item can set a level: it shows a rung, is not a commitment, and is strong enough."""
    item = coded.item
    if not item.ladder or item.is_commitment:
        return False
    if item.strength in SUPPORTING:
        return True
    # Independent findings read second-hand (news of an inspection) still count as independent.
    return item.perspective == "independent" and item.second_hand


@dataclass(frozen=True)
class PerspectiveLevel:
    """One perspective's level on one theme, and the items behind it."""

    perspective: str
    level: str | None
    year: int | None
    behind: tuple[CodedItem, ...]

    @property
    def latest(self) -> date | None:
        return max((c.item.when for c in self.behind), default=None)

    @property
    def second_hand_only(self) -> bool:
        return bool(self.behind) and all(c.item.second_hand for c in self.behind)


def perspective_level(
    items: list[CodedItem], perspective: str, codebook: register.Framework
) -> PerspectiveLevel:
    """Apply the level rule to one perspective's items on one theme (already filtered to the theme)."""
    usable = [c for c in items if c.item.perspective == perspective and supports_level(c)]
    if not usable:
        return PerspectiveLevel(perspective, None, None, ())
    year = max(c.item.when.year for c in usable)
    recent = [c for c in usable if c.item.when.year == year]
    ordered = sorted((c.item.ladder for c in recent), key=codebook.rank)
    level = ordered[(len(ordered) - 1) // 2]
    return PerspectiveLevel(perspective, level, year, tuple(c for c in recent if c.item.ladder == level))


@dataclass(frozen=True)
class ThemeProfile:
    """What each perspective shows on one theme, and the headline the rules give."""

    theme: str
    levels: dict[str, PerspectiveLevel]
    #: The claimed level after the ceiling rule (None when there is no claimed level).
    claimed_shown: str | None
    #: True when the ceiling rule lowered the claimed level.
    capped: bool
    headline: str
    contested: bool
    all_items: tuple[CodedItem, ...]
    commitments: tuple[CodedItem, ...]

    @property
    def is_gap(self) -> bool:
        return not any(
            c.item.strength in SUPPORTING or c.item.perspective == "independent" for c in self.all_items
        )

    @property
    def verified(self) -> bool:
        return self.headline not in (UNVERIFIED, NO_LEVEL)

    def level(self, perspective: str) -> str | None:
        """The level shown for a perspective (the claimed one after the ceiling)."""
        if perspective == "claimed":
            return self.claimed_shown
        return self.levels[perspective].level


def theme_profile(
    items: list[CodedItem],
    theme: str,
    reference: date | None,
    codebook: register.Framework | None = None,
    held_reports: frozenset[str] = frozenset(),
) -> ThemeProfile:
    """Apply the rules to one theme. ``reference`` is the date of the newest evidence in the book."""
    codebook = codebook or register.framework()
    in_theme = [c for c in items if theme in c.item.themes]
    counting = counted(in_theme, held_reports)
    levels = {p: perspective_level(counting, p, codebook) for p in PERSPECTIVES}
    since = recent_since(reference)

    def recent(level: PerspectiveLevel) -> bool:
        return level.level is not None and since is not None and level.latest >= since

    top = codebook.rank(CLAIM_CEILING)
    claimed = levels["claimed"].level
    corroborated = any(
        recent(levels[p]) and codebook.rank(levels[p].level) > top for p in ("independent", "families")
    )
    capped = claimed is not None and codebook.rank(claimed) > top and not corroborated
    claimed_shown = CLAIM_CEILING if capped else claimed

    independent = levels["independent"]
    if recent(independent):
        headline = independent.level
    elif any(level.level for level in levels.values()):
        headline = UNVERIFIED
    else:
        headline = NO_LEVEL
    # Compared only where both accounts are recent: an old level against a new one is change, not dispute.
    ranks = [codebook.rank(level.level) for level in levels.values() if recent(level)]
    contested = bool(ranks) and max(ranks) - min(ranks) >= CONTESTED_GAP
    commitments = tuple(c for c in in_theme if c.item.is_commitment)
    return ThemeProfile(
        theme, levels, claimed_shown, capped, headline, contested, tuple(in_theme), commitments
    )


def profile(
    items: list[CodedItem],
    reference: date | None,
    codebook: register.Framework | None = None,
    held_reports: frozenset[str] = frozenset(),
) -> list[ThemeProfile]:
    """Every theme of the codebook, in codebook order."""
    codebook = codebook or register.framework()
    return [
        theme_profile(items, theme, reference, codebook, held_reports) for theme in codebook.ids("themes")
    ]


def gaps(profiles: list[ThemeProfile]) -> list[ThemeProfile]:
    """Themes with no evidence, or only limited or weak evidence."""
    return [p for p in profiles if p.is_gap]


def strength_counts(items: list[CodedItem], codebook: register.Framework | None = None) -> dict[str, int]:
    """How many items of each strength grade, strongest first (zeros included)."""
    codebook = codebook or register.framework()
    return {grade: sum(c.item.strength == grade for c in items) for grade in codebook.ids("strength")}


def perspective_counts(items: list[CodedItem]) -> dict[str, int]:
    """How many items of each perspective, in the book's order (zeros included)."""
    return {p: sum(c.item.perspective == p for c in items) for p in PERSPECTIVES}


def short_label(text: str, limit: int = 90) -> str:
    """The first sentence of a finding, cut at a word boundary to fit a timeline label."""
    sentence = text.split(". ")[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    return sentence[: sentence.rfind(" ", 0, limit - 1)].rstrip(" ,;:") + "…"


TIMELINE_COLUMNS = [
    "id",
    "date",
    "date_shown",
    "precision",
    "event",
    "kind",
    "perspective",
    "strength",
    "second_hand",
    "source",
]


def timeline(items: list[CodedItem]) -> pd.DataFrame:
    """Every item as a dated row, oldest first."""
    rows = [
        {
            "id": c.item.id,
            "date": c.item.when,
            "date_shown": c.item.date,
            "precision": c.item.precision,
            "event": c.item.event or short_label(c.item.finding),
            "kind": c.item.kind,
            "perspective": c.item.perspective,
            "strength": c.item.strength,
            "second_hand": c.item.second_hand,
            "source": c.item.source,
        }
        for c in items
    ]
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class FollowThroughRow:
    """A recommendation and what later evidence in the register shows about it."""

    made_by: CodedItem
    recommendation: register.Recommendation
    later: tuple[tuple[CodedItem, register.FollowThrough], ...]

    @property
    def status(self) -> str:
        """The latest status reported by an item of at least moderate strength; 'unconfirmed' when only
        weaker items report on it; 'no later evidence' when none do."""
        if not self.later:
            return NO_LATER_EVIDENCE
        reliable = [pair for pair in self.later if pair[0].item.strength in SUPPORTING]
        if not reliable:
            return UNCONFIRMED
        return max(reliable, key=lambda pair: (pair[0].item.when, pair[0].item.id))[1].status


def follow_through(items: list[CodedItem]) -> list[FollowThroughRow]:
    """Every recommendation recorded in the items, with the later items that report on it."""
    reports: dict[str, list[tuple[CodedItem, register.FollowThrough]]] = {}
    for coded in items:
        for follow in coded.item.follow_through:
            reports.setdefault(follow.recommendation, []).append((coded, follow))
    rows = []
    for coded in items:
        for recommendation in coded.item.recommendations:
            key = f"{coded.item.id}/{recommendation.id}"
            later = sorted(reports.get(key, []), key=lambda pair: (pair[0].item.when, pair[0].item.id))
            rows.append(FollowThroughRow(coded, recommendation, tuple(later)))
    return rows

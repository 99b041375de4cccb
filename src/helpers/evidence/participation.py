"""What the coded evidence says about an area's participation: derived by rule, never typed in.

The rules are stated once, in ``RULES`` below, beside the functions that apply them; the framework
chapter and the area pages render that wording rather than restating it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.evidence import register
from helpers.evidence.register import CodedItem

#: The rules, in the words the book shows: (name, wording). ``theme_profile`` applies the first two,
#: ``gaps`` the third and ``follow_through`` the fourth.
RULES = {
    "level": (
        "Level by theme",
        "among the area's items on the theme that show a rung of the ladder and are of at least moderate "
        "strength, the items from the most recent year set the level; where they disagree, the lower rung "
        "is taken.",
    ),
    "indicative": (
        "Indicative level",
        "where only limited or weak items show a rung, the same rule gives an indicative level, and the "
        "theme is listed as a gap.",
    ),
    "gaps": ("Gaps", "themes with no items, or only limited or weak ones."),
    "follow_through": (
        "Follow-through",
        "recommendations recorded by reviews and inspections, with every later item that reports on them; "
        "the latest report sets the status (done, partly done, not done, unclear).",
    ),
}
#: The evidence the level rule rests on, and the rule in brief, as area pages state them.
LEVEL_BASIS = "the most recent evidence of at least moderate strength"
LEVEL_RULE_IN_BRIEF = (
    f"the rung of the ladder of co-production shown by {LEVEL_BASIS} (the lower rung where items of the "
    "same year disagree)"
)

#: Strength grades that can support a level on their own.
SUPPORTING = ("strong", "moderate")

SUPPORTED = "supported"
INDICATIVE = "indicative"
NO_LEVEL = "no level coded"
NO_EVIDENCE = "no evidence"


@dataclass(frozen=True)
class ThemeProfile:
    """The level the evidence supports for one theme, and the items behind it."""

    theme: str
    level: str | None
    basis: str
    year: int | None
    behind: tuple[CodedItem, ...]
    all_items: tuple[CodedItem, ...]

    @property
    def is_gap(self) -> bool:
        return not any(c.item.strength in SUPPORTING for c in self.all_items)

    @property
    def only_moderate(self) -> bool:
        """The level rests on the council's or forum's own accounts, with no strong item behind it."""
        return bool(self.behind) and all(c.item.strength == "moderate" for c in self.behind)

    def earlier_levels(self) -> list[tuple[int, str]]:
        """(year, lowest level) for each earlier year in which moderate or strong items code a level."""
        years: dict[int, list[str]] = {}
        for coded in self.all_items:
            if (
                coded.item.ladder
                and coded.item.strength in SUPPORTING
                and self.year
                and coded.item.when.year < self.year
            ):
                years.setdefault(coded.item.when.year, []).append(coded.item.ladder)
        codebook = register.framework()
        return [(year, min(levels, key=codebook.rank)) for year, levels in sorted(years.items())]


def _level_from(items: list[CodedItem], codebook: register.Framework) -> tuple[str, int, list[CodedItem]]:
    year = max(c.item.when.year for c in items)
    recent = [c for c in items if c.item.when.year == year]
    level = min((c.item.ladder for c in recent), key=codebook.rank)
    return level, year, [c for c in recent if c.item.ladder == level]


def theme_profile(
    items: list[CodedItem], theme: str, codebook: register.Framework | None = None
) -> ThemeProfile:
    """Apply the module's rules to one theme."""
    codebook = codebook or register.framework()
    in_theme = [c for c in items if theme in c.item.themes]
    laddered = [c for c in in_theme if c.item.ladder]
    supporting = [c for c in laddered if c.item.strength in SUPPORTING]
    if supporting:
        level, year, behind = _level_from(supporting, codebook)
        basis = SUPPORTED
    elif laddered:
        level, year, behind = _level_from(laddered, codebook)
        basis = INDICATIVE
    else:
        level, year, behind = None, None, []
        basis = NO_LEVEL if in_theme else NO_EVIDENCE
    return ThemeProfile(theme, level, basis, year, tuple(behind), tuple(in_theme))


def profile(items: list[CodedItem], codebook: register.Framework | None = None) -> list[ThemeProfile]:
    """Every theme of the codebook, in codebook order."""
    codebook = codebook or register.framework()
    return [theme_profile(items, theme, codebook) for theme in codebook.ids("themes")]


def gaps(profiles: list[ThemeProfile]) -> list[ThemeProfile]:
    """Themes with no evidence, or only limited or weak evidence."""
    return [p for p in profiles if p.is_gap]


def strength_counts(items: list[CodedItem], codebook: register.Framework | None = None) -> dict[str, int]:
    """How many items of each strength grade, strongest first (zeros included)."""
    codebook = codebook or register.framework()
    return {grade: sum(c.item.strength == grade for c in items) for grade in codebook.ids("strength")}


def short_label(text: str, limit: int = 90) -> str:
    """The first sentence of a finding, cut at a word boundary to fit a timeline label."""
    sentence = text.split(". ")[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    return sentence[: sentence.rfind(" ", 0, limit - 1)].rstrip(" ,;:") + "…"


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
            "strength": c.item.strength,
            "second_hand": c.item.second_hand,
            "source": c.item.source,
        }
        for c in items
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "date",
            "date_shown",
            "precision",
            "event",
            "kind",
            "strength",
            "second_hand",
            "source",
        ],
    )
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class FollowThroughRow:
    """A recommendation and what later evidence in the register shows about it."""

    made_by: CodedItem
    recommendation: register.Recommendation
    later: tuple[tuple[CodedItem, register.FollowThrough], ...]

    @property
    def status(self) -> str:
        """The latest later item's status, or 'no later evidence'."""
        if not self.later:
            return "no later evidence"
        return max(self.later, key=lambda pair: (pair[0].item.when, pair[0].item.id))[1].status


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

"""Candidate passages of an inspection report for each aspect, with their pages, to speed the coding of a
newly published report. A reading aid only: every finding is still read in context and written in the
book's own words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.evidence.inspection_coding import ASPECTS

#: What a sentence on each aspect tends to mention (case-insensitive).
CUES = {
    "forum": r"parent (and )?carers?'? forum|\bPCF\b|parent carer (council|voice|involvement)",
    "strategic": r"co-?produc|co-?design|strateg|commission|decision-making|service design",
    "own-plan": r"EHC (plan|needs assessment)|annual review|assessment process|their (own )?plans?|"
    r"(views|voice|aspirations|wishes)\b.*\bplans?\b|listened to|feel heard",
    "information": r"local offer|information|communicat|newsletter|website|kept informed|not aware|unclear",
    "cyp-voice": r"(children|young people)('s)? (voice|views)|youth (council|forum|group)|"
    r"participation group|young (people's )?(forum|council|ambassador|advisory|voices)|voice of the child",
}
#: Headings that open the recommendations: every sentence after one is a candidate area for improvement.
IMPROVEMENT_HEADINGS = re.compile(r"areas? for (improvement|priority action)", re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    aspect: str
    page: int
    text: str


def sentences(page_text: str) -> list[str]:
    """The page's text as sentences: words split at line ends joined, bullets and spacing tidied."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", page_text)  # a word hyphenated at a line end
    text = re.sub(r"[◼•]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if len(part.split()) >= 5]


def candidates(pages: list[str]) -> list[Passage]:
    """Every sentence that mentions an aspect's cues, and every sentence of the recommendations section,
    in aspect order, then page order."""
    found: list[Passage] = []
    in_recommendations = False
    for number, page in enumerate(pages, start=1):
        for sentence in sentences(page):
            if IMPROVEMENT_HEADINGS.search(sentence):
                in_recommendations = True
            if in_recommendations:
                found.append(Passage("improvement", number, sentence))
                continue
            for aspect, cue in CUES.items():
                if re.search(cue, sentence, flags=re.IGNORECASE):
                    found.append(Passage(aspect, number, sentence))
    order = list(ASPECTS)
    return sorted(found, key=lambda p: (order.index(p.aspect), p.page))


def report(pages: list[str]) -> str:
    """The candidates as text, one heading per aspect."""
    lines: list[str] = []
    found = candidates(pages)
    for aspect, heading in ASPECTS.items():
        mine = [p for p in found if p.aspect == aspect]
        lines.append(f"== {aspect}: {heading} ({len(mine)} candidate passages)")
        lines += [f"  page {p.page}: {p.text}" for p in mine] or [
            "  none found: read the report before coding it as silent"
        ]
        lines.append("")
    return "\n".join(lines)
